package org.rqlib.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * of its largest block, both known from the file size (encode) or the layout (decode) before any work. Stateless.
 */
final class JobHeap {
    private JobHeap() {
    }

    /** Heap a layout being read may give its ids: the free heap less one solve of the largest block K allows. */
    static long layoutAllowance() {
        return HeapBudget.jvm().layoutAllowance(Codec.solverHeapBytes(SystematicIndices.MAX_K_PRIME));
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
        long ids = 0;
        long solve = 0;
        for (BlockSpec spec : planner.plan(size)) {
            ids += spec.symbolCount();
            solve = Math.max(solve, Codec.solverHeapBytes(spec.partition().symbolsInBlock(0)));
        }
        return HeapBudget.jvm().admit("encoding " + input + " (" + ids + " symbols)", SymbolIds.heapBytes(ids), solve);
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
