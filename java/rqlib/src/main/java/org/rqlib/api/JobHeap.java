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
import org.rqlib.io.SymbolIdSpill;
import org.rqlib.layout.Layout;
import org.rqlib.layout.LayoutBlock;
import org.rqlib.layout.SymbolIds;
import org.rqlib.limits.HeapBudget;

/**
 * What a job asks of the JVM's {@link HeapBudget} before it starts: the heap of the layout ids it holds and of its
 * solves ({@link SolveReserve}), both known from the file or stream size (encode) or the layout (decode) before any
 * work; for a stream of unknown length, from its largest possible first block. A job keeps its ids in a
 * {@link SymbolIdSpill}: up to {@link #spillAboveIds()} in the heap, the blocks beyond on disk, so what it holds
 * is at most that plus the ids of the blocks in flight, whatever the file's size. Thread-safe.
 */
final class JobHeap {
    /** Set by tests to force (0) or prevent the spill; negative: the default. */
    private static volatile long spillAboveIdsOverride = -1;

    private JobHeap() {
    }

    /**
     * Ids a job keeps in the heap before it spills further blocks to disk: a quarter of what the heap budget can
     * give, so that ids never crowd out the solves (at a 16 MiB heap, 1 MiB: 32,768 ids), and so that a layout a
     * caller gets back ({@link RaptorQ#createMetadata(Path)}) of a file that fits comfortably is whole.
     */
    static long spillAboveIds() {
        long override = spillAboveIdsOverride;
        return override >= 0 ? override : HeapBudget.jvm().capacity() / 4 / SymbolIds.BYTES_PER_ID;
    }

    /** For tests: {@code ids} as the threshold, or a negative value for the default. */
    static void spillAboveIds(long ids) {
        spillAboveIdsOverride = ids;
    }

    /** Where a job keeps its ids: the heap up to {@link #spillAboveIds()}, then a scratch file in {@code directory}. */
    static SymbolIdSpill idSpill(Path directory) {
        return new SymbolIdSpill(directory, spillAboveIds());
    }

    /**
     * Ids a job holds in the heap at most: all of them when they stay below the spill threshold, else the
     * threshold plus the ids of the blocks in flight (being coded, or loaded from the spill to be decoded).
     */
    static long heldIds(long totalIds, long largestBlockIds, int blocksInFlight, long spillAboveIds) {
        if (totalIds <= spillAboveIds) {
            return totalIds;
        }
        return Math.min(totalIds, spillAboveIds + largestBlockIds * blocksInFlight);
    }

    /**
     * Heap a layout being read may give the ids it holds (all of them, or with a spill those below the threshold
     * and the block being read): the free heap less the largest solve of the jobs running. Its own
     * solve is not known until it is read; the decode's admission checks it before any decoding (a reserve for the
     * largest block K allows, 50 MiB, left no heap for any layout at small limits).
     */
    static long layoutAllowance() {
        return HeapBudget.jvm().layoutAllowance(0);
    }

    /**
     * Admits the encode of {@code input} whose ids are spilled beyond {@link #spillAboveIds()} ({@code spill}) or
     * all kept in the heap, with up to {@code blocksInFlight} blocks coded at once; null when its size cannot be
     * read (the encode then fails on that itself, with its usual error).
     */
    static HeapBudget.Job admitEncode(Path input, BlockPlanner planner, int blocksInFlight, boolean spill,
            long planCacheBytes) {
        long size;
        try {
            size = Files.size(input);
        } catch (IOException e) {
            return null;
        }
        if (size < 1) {
            return null;
        }
        return admitSize("encoding " + input, size, planner, blocksInFlight,
                spill ? spillAboveIds() : Long.MAX_VALUE, planCacheBytes);
    }

    private static HeapBudget.Job admitSize(String what, long size, BlockPlanner planner, int blocksInFlight,
            long spillAboveIds, long planCacheBytes) {
        long ids = 0;
        long largestBlock = 0;
        SolveReserve solves = new SolveReserve(planCacheBytes);
        for (BlockSpec spec : planner.plan(size)) {
            ids += spec.symbolCount();
            largestBlock = Math.max(largestBlock, spec.symbolCount());
            solves.add(spec.partition());
        }
        return admit(what, ids, heldIds(ids, largestBlock, blocksInFlight, spillAboveIds),
                solves.bytes(blocksInFlight));
    }

    /**
     * Admits the encode of a stream before any of it is read: of {@code length} bytes as a file of that size; of
     * unknown length ({@code -1}) with the solve of the largest first block it can have (the block size horizon,
     * or just below it with an automatic block size, where the whole stream is one block; K'max when those
     * blocks are refused anyway) and no ids: its ids are counted block by block as the block size becomes known,
     * each before the block is coded ({@link HeapBudget.Job#ensureLayoutBytes}). Blocks are coded one at a time,
     * their ids spilled beyond {@link #spillAboveIds()}. Null for lengths the encode refuses itself (empty,
     * negative).
     */
    static HeapBudget.Job admitStream(String what, long length, BlockPlanner planner, long planCacheBytes) {
        if (length >= 1) {
            return admitSize(what, length, planner, 1, spillAboveIds(), planCacheBytes);
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

    /**
     * Admits the decode of a layout already read, up to {@code blocksInFlight} blocks at once: the ids it keeps in
     * the heap, plus those of the largest spilled blocks while they are loaded to be decoded.
     */
    static HeapBudget.Job admitDecode(Layout layout, String output, int blocksInFlight, long planCacheBytes) {
        long ids = 0;
        long inHeap = 0;
        long largestSpilled = 0;
        SolveReserve solves = new SolveReserve(planCacheBytes);
        for (LayoutBlock block : layout.blocks()) {
            long count = block.symbols().size();
            ids += count;
            if (block.symbols() instanceof SymbolIds) {
                inHeap += count;
            } else {
                largestSpilled = Math.max(largestSpilled, count);
            }
            solves.add(new ObjectPartition(block.oti()));
        }
        return admit("decoding " + output, ids, Math.min(ids, inHeap + largestSpilled * blocksInFlight),
                solves.bytes(blocksInFlight));
    }

    /** Admits a job of {@code ids} symbols that holds {@code held} of their ids in the heap at once. */
    private static HeapBudget.Job admit(String what, long ids, long held, long solveBytes) {
        return HeapBudget.jvm().admit(what + " (" + ids + " symbols" + (held < ids ? ", " + held + " of their ids"
                + " held in the heap at once, the others spilled to disk" : "") + ")", SymbolIds.heapBytes(held),
                solveBytes);
    }
}
