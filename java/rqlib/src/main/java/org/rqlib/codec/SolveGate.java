package org.rqlib.codec;

import java.util.Objects;

/**
 * Where the codec asks for heap before it solves a constraint matrix: by default nothing (the browser build and
 * plain codec users), and in a JVM the library's {@code HeapBudget} once a {@code RaptorQ} or a packet file coder
 * exists, so that solves that do not fit the heap together wait for each other. Kept apart from that budget so
 * that the codec itself needs nothing a browser runtime lacks. Thread-safe.
 */
public final class SolveGate {
    /**
     * Peak heap per intermediate symbol of one solve: the plan being built (about 26 operations of 12 bytes a
     * symbol, twice while it is copied out of its chunks), the sparse rows and the inactive columns' bit matrix.
     * Measured at K = 51,200 (L = 52,270): at most 57 MiB live after any collection, 6.5 of them the layout's
     * ids, so solve and baseline took 50.5 MiB where this rule reserves 47 + a 12 MiB baseline.
     */
    public static final long BYTES_PER_SYMBOL = 900;

    private static final Gate OPEN = bytes -> () -> { };
    private static volatile Gate gate = OPEN;

    private SolveGate() {
    }

    /** A hold on heap for one solve; closing it gives the heap back. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** Grants heap for solves, waiting while it is taken. */
    public interface Gate {
        Hold start(long bytes);
    }

    /** Makes every later solve ask {@code gate} first. */
    public static void install(Gate gate) {
        SolveGate.gate = Objects.requireNonNull(gate, "gate");
    }

    /** Heap one solve over {@code intermediateSymbols} (L, plus received symbols beyond K) may peak at. */
    public static long bytesFor(int intermediateSymbols) {
        return (1L << 20) + BYTES_PER_SYMBOL * intermediateSymbols;
    }

    static Hold start(int intermediateSymbols) {
        return gate.start(bytesFor(intermediateSymbols));
    }
}
