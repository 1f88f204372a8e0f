package org.rqlib.api;

import java.util.HashSet;
import java.util.Set;
import org.rqlib.codec.Codec;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.SystematicIndices;

/**
 * The heap a job reserves for its solves: one solve of its largest source block at its peak, and the plans that the
 * other source blocks in flight keep meanwhile. A source block keeps its plan for its groups after the solve's
 * reserve is returned, so a second block solving beside it needs room for both: two blocks of K = 51,200 and
 * 45,000 at 280m with 2 threads ended in an OutOfMemoryError about one run in three. No plan is kept beside a solve
 * when every source block has the same K' and the instance's plan cache holds that plan: the first solve serves
 * all. Not thread-safe; one per admission.
 */
final class SolveReserve {
    private final long planCacheBytes;
    private final Set<Integer> extendedSizes = new HashSet<>();
    private int largestK;
    private long sourceBlocks;

    SolveReserve(long planCacheBytes) {
        this.planCacheBytes = planCacheBytes;
    }

    /** Adds the source blocks of one layout block (of one stream block). */
    void add(ObjectPartition partition) {
        int count = partition.sourceBlockCount();
        sourceBlocks += count;
        // the source blocks of a partition have at most two sizes: the first ones, and the last ones one smaller
        for (int k : new int[] {partition.symbolsInBlock(0), partition.symbolsInBlock(count - 1)}) {
            extendedSizes.add(SystematicIndices.extendedSize(k));
            largestK = Math.max(largestK, k);
        }
    }

    /** The heap to reserve when up to {@code blocksInFlight} source blocks are coded at once. */
    long bytes(int blocksInFlight) {
        if (largestK == 0) {
            return 0;
        }
        long solve = Codec.solverHeapBytes(largestK);
        long beside = Math.min(blocksInFlight, sourceBlocks) - 1;
        boolean oneCachedPlan = extendedSizes.size() == 1 && Codec.keptPlanHeapBytes(largestK) <= planCacheBytes;
        return beside <= 0 || oneCachedPlan ? solve : solve + beside * Codec.keptPlanHeapBytes(largestK);
    }
}
