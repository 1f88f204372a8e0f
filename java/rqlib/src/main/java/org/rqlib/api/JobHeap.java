package org.rqlib.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rqlib.InvalidParameterException;
import org.rqlib.chunking.BlockPlanner;
import org.rqlib.chunking.BlockSpec;
import org.rqlib.codec.Codec;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.SystematicIndices;
import org.rqlib.layout.Layout;
import org.rqlib.layout.LayoutBlock;
import org.rqlib.layout.SymbolIds;
import org.rqlib.limits.HeapBudget;

/**
 * What a job asks of the JVM's {@link HeapBudget} before it starts: the heap of its layout's ids and of the solve
 * of its largest block, both known from the file or stream size (encode) or the layout (decode) before any work;
 * for a stream of unknown length, from its largest possible first block. Stateless.
 */
final class JobHeap {
    private JobHeap() {
    }

    /**
     * Heap a layout being read may give its ids: the free heap less the largest solve of the jobs running. Its own
     * solve is not known until it is read; the decode's admission checks it before any decoding (a reserve for the
     * largest block K allows, 50 MiB, left no heap for any layout at small limits).
     */
    static long layoutAllowance() {
        return HeapBudget.jvm().layoutAllowance(0);
    }

    /**
     * Admits the encode of {@code input}; null when its size cannot be read (the encode then fails on that
     * itself, with its usual error).
     */
    static HeapBudget.Job admitEncode(Path input, BlockPlanner planner) {
        long size;
        try {
            size = Files.size(input);
        } catch (IOException e) {
            return null;
        }
        if (size < 1) {
            return null;
        }
        return admitSize("encoding " + input, size, planner);
    }

    private static HeapBudget.Job admitSize(String what, long size, BlockPlanner planner) {
        long ids = 0;
        long solve = 0;
        for (BlockSpec spec : planner.plan(size)) {
            ids += spec.symbolCount();
            solve = Math.max(solve, Codec.solverHeapBytes(spec.partition().symbolsInBlock(0)));
        }
        return HeapBudget.jvm().admit(what + " (" + ids + " symbols)", SymbolIds.heapBytes(ids), solve);
    }

    /**
     * Admits the encode of a stream before any of it is read: of {@code length} bytes as a file of that size; of
     * unknown length ({@code -1}) with the solve of the largest first block it can have (the block size horizon,
     * or just below it with an automatic block size, where the whole stream is one block; K'max when those
     * blocks are refused anyway) and no ids: its ids are counted block by block as the block size becomes known,
     * each before the block is coded ({@link HeapBudget.Job#ensureLayoutBytes}). Null for lengths the encode
     * refuses itself (empty, negative).
     */
    static HeapBudget.Job admitStream(String what, long length, BlockPlanner planner) {
        if (length >= 1) {
            return admitSize(what, length, planner);
        }
        if (length != -1) {
            return null;
        }
        long horizon = planner.blockSizeHorizon();
        long solve = 0;
        for (long size : new long[] {horizon, Math.max(1, horizon - 1)}) {
            try {
                BlockSpec first = planner.plan(size).get(0);
                solve = Math.max(solve, Codec.solverHeapBytes(first.partition().symbolsInBlock(0)));
            } catch (InvalidParameterException e) {
                // a stream with such a block is refused by the planner when it gets there, before its coding
            }
        }
        if (solve == 0) {
            solve = Codec.solverHeapBytes(SystematicIndices.MAX_K_PRIME);
        }
        return HeapBudget.jvm().admit(what + " of unknown length", 0, solve);
    }

    /** Admits the decode of a layout already read. */
    static HeapBudget.Job admitDecode(Layout layout, String output) {
        long ids = 0;
        long solve = 0;
        for (LayoutBlock block : layout.blocks()) {
            ids += block.symbols().size();
            solve = Math.max(solve, Codec.solverHeapBytes(new ObjectPartition(block.oti()).symbolsInBlock(0)));
        }
        return HeapBudget.jvm().admit("decoding " + output + " (" + ids + " symbols)", SymbolIds.heapBytes(ids),
                solve);
    }
}
