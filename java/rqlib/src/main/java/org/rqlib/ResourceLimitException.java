package org.rqlib;

/**
 * A job could not get the memory, block slot or job slot it needs within its timeout, or needs more than the
 * whole budget even at its smallest working set.
 */
public class ResourceLimitException extends RqlibException {
    private static final long serialVersionUID = 1L;

    public ResourceLimitException(String message) {
        super(message);
    }
}
