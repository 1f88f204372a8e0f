package org.rqlib;

/** Base of every error rqlib reports on purpose; the message names the value, block or file at fault. */
public class RqlibException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RqlibException(String message) {
        super(message);
    }

    public RqlibException(String message, Throwable cause) {
        super(message, cause);
    }
}
