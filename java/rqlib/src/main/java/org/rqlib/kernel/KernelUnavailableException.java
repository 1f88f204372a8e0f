package org.rqlib.kernel;

import org.rqlib.RqlibException;

/** Thrown when {@code -Drqlib.kernel=native} is set and no native kernel can run; the message names the platform. */
public final class KernelUnavailableException extends RqlibException {
    private static final long serialVersionUID = 1L;

    public KernelUnavailableException(String message) {
        super(message);
    }
}
