package org.rqlib.limits;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The limit a refusal names is the smallest whole-MiB limit whose working-set budget holds the working set. */
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
    void theBudgetNeverShrinksAsTheLimitGrows() {
        long previous = 0;
        for (long mib = 1; mib <= 4096; mib++) {
            long budget = MemoryLimits.workingSetBudget(mib * MIB);
            assertTrue(budget >= previous, "budget at " + mib + "m: " + budget + " < " + previous);
            previous = budget;
        }
    }
}
