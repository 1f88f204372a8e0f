package org.rqlib.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The limit a refusal names is the smallest whole-MiB limit whose working-set budget (or heap share) holds what the
 * job needs; the shares of a limit add up to it.
 */
class MemoryLimitsTest {
    private static final long MIB = 1L << 20;

    @Test
    void theNamedLimitIsTheSmallestThatHoldsTheWorkingSet() {
        long[] workingSets = {1, 4 * MIB, 4 * MIB + 1, 28_311_552, 38_923_632, 100 * MIB + 7, 3L << 30, 1L << 40};
        for (long bytes : workingSets) {
            long mib = MemoryLimits.limitMibFor(bytes);
            assertTrue(MemoryLimits.workingSetBudget(mib * MIB) >= bytes, bytes + " fits in " + mib + "m");
            assertTrue(mib == 1 || MemoryLimits.workingSetBudget((mib - 1) * MIB) < bytes,
                    bytes + " does not fit in " + (mib - 1) + "m");
        }
    }

    @Test
    void theNamedLimitForAHeapIsTheSmallestWhoseUsableHeapHoldsIt() {
        long[] heaps = {1, 24 * MIB, 24 * MIB + 1, 32 * MIB, 32 * MIB + 1, 114 * MIB, 3L << 30};
        for (long bytes : heaps) {
            long mib = MemoryLimits.limitMibForHeap(bytes);
            assertTrue(mib >= MemoryLimits.MINIMUM_MIB, bytes + ": " + mib + "m is below the minimum");
            assertTrue(MemoryLimits.usableHeap(mib * MIB) >= bytes, bytes + " fits the heap of " + mib + "m");
            assertTrue(mib == MemoryLimits.MINIMUM_MIB || MemoryLimits.usableHeap((mib - 1) * MIB) < bytes,
                    bytes + " does not fit the heap of " + (mib - 1) + "m");
        }
    }

    /** What the launcher gives the heap and what the governor hands out never add up to more than the limit. */
    @Test
    void theSharesAddUpToTheLimit() {
        for (long mib = MemoryLimits.MINIMUM_MIB; mib <= 8192; mib++) {
            long limit = mib * MIB;
            long parts = MemoryLimits.heapShare(limit) + MemoryLimits.planCacheBytes(limit) + MIB
                    + MemoryLimits.workingSetBudget(limit);
            assertEquals(limit, parts, mib + "m");
        }
    }

    @Test
    void theBudgetNeverShrinksAsTheLimitGrows() {
        long previous = 0;
        for (long mib = 1; mib <= 4096; mib++) {
            long budget = MemoryLimits.workingSetBudget(mib * MIB);
            assertTrue(budget >= previous, "budget at " + mib + "m: " + budget + " < " + previous);
            previous = budget;
        }
    }
}
