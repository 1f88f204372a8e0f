package org.rqlib;

/** A coding parameter (OTI field, symbol size, block size, ...) is outside what RFC 6330 or rqlib allows. */
public class InvalidParameterException extends RqlibException {
    private static final long serialVersionUID = 1L;

    public InvalidParameterException(String message) {
        super(message);
    }
}
