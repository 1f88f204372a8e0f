package org.rqlib;

import java.io.IOException;
import java.io.UncheckedIOException;

/** An I/O failure while reading or writing a named file; wraps the {@link IOException}. */
public class RqlibIoException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public RqlibIoException(String message, IOException cause) {
        super(message + ": " + cause, cause);
    }
}
