package org.rqlib;

import java.io.IOException;
import java.util.Objects;

/**
 * An I/O failure while reading or writing a named file; wraps the {@link IOException}. Part of the one hierarchy
 * under {@link RqlibException}, so a caller that catches {@code RqlibException} sees I/O failures too.
 */
public class RqlibIoException extends RqlibException {
    private static final long serialVersionUID = 1L;

    public RqlibIoException(String message, IOException cause) {
        super(message + ": " + cause, Objects.requireNonNull(cause, "cause"));
    }

    /** The I/O failure, never null. */
    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }
}
