package org.rqlib.limits;

/**
 * A job slot, block slot or memory reservation held from a {@link Governor}; closing it gives it back. Closing
 * twice is harmless. Thread-safe.
 */
public final class Permit implements AutoCloseable {
    private final Governor governor;
    private final Governor.Kind kind;
    private final long bytes;
    private boolean closed;

    Permit(Governor governor, Governor.Kind kind, long bytes) {
        this.governor = governor;
        this.kind = kind;
        this.bytes = bytes;
    }

    /** Bytes this permit holds of the budget (0 for job and block slots). */
    public long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        governor.release(kind, bytes);
    }
}
