package org.rqlib.codec;

/**
 * Admits the solves of a {@link Codec}: building a plan takes heap (the sparse rows, the inactive columns' bit
 * matrix and the plan itself, about 0.9 KB per intermediate symbol), so where a runtime bounds that heap a solve
 * waits here until it fits. On the JVM the gate is {@code org.rqlib.limits.HeapBudget}; it stays outside the codec
 * so the core also compiles for runtimes without a JVM heap to query (the browser build uses {@link #UNBOUNDED}).
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface SolveGate {
    /** A gate that admits every solve at once. */
    SolveGate UNBOUNDED = heapBytes -> () -> { };

    /** Peak heap per intermediate symbol of one solve (see {@link #solveHeapBytes}). */
    long SOLVER_BYTES_PER_SYMBOL = 900;

    /** Waits until a solve peaking at {@code heapBytes} of heap may run; closing the admission ends it. */
    Admission admit(long heapBytes);

    /** A running solve's claim on the heap; closed when the plan is built. */
    interface Admission extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Heap one solve of a block of {@code intermediateSymbols} (L) symbols may peak at: the plan being built (about
     * 26 operations of 12 bytes a symbol, twice while it is copied out of its chunks), the sparse rows and the
     * inactive columns' bit matrix, plus 1 MiB. Measured at K = 51,200 (L = 52,270).
     */
    static long solveHeapBytes(int intermediateSymbols) {
        return (1L << 20) + SOLVER_BYTES_PER_SYMBOL * intermediateSymbols;
    }
}
