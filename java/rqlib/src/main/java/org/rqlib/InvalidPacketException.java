package org.rqlib;

/** An encoding packet or symbol does not fit its object: SBN, ESI or length out of range. */
public class InvalidPacketException extends RqlibException {
    private static final long serialVersionUID = 1L;

    public InvalidPacketException(String message) {
        super(message);
    }
}
