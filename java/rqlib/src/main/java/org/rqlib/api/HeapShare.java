package org.rqlib.api;

/**
 * How the Java heap of this JVM is shared by a job: the solver's matrices and the plan it is building for the
 * largest block (one solve at a time per thread), the JVM's own baseline, and the layout's ids, which live for the
 * whole job. The layout gets what is left, so that a layout too large for the heap is refused with a typed error
 * when it is read, before any work, instead of an OutOfMemoryError later. Stateless.
 */
final class HeapShare {
    /** Heap the JVM, the library's classes and one job's small objects use whatever the file. */
    static final long BASELINE_BYTES = 24L << 20;
    /**
     * Heap one solve of the largest block (K' = 56403) peaks at: the plan being built (12 bytes an operation,
     * about 25 operations a symbol, its growth copy) and the solver's sparse and dense matrices.
     */
    static final long SOLVER_BYTES = 40L << 20;

    private HeapShare() {
    }

    /** Heap bytes the ids of a layout may take in this JVM: the heap less the baseline and one solve. */
    static long forLayoutIds() {
        return Math.max(1L << 20, Runtime.getRuntime().maxMemory() - BASELINE_BYTES - SOLVER_BYTES);
    }
}
