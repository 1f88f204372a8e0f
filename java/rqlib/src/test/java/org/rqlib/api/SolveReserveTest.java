package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rqlib.codec.Codec;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.Oti;

/**
 * The heap a job reserves for its solves holds the plans other source blocks keep beside a solve (issue 10, item 1):
 * two blocks of K = 51,200 and 45,000 at 280m with 2 threads were admitted with one solve's heap, and the second
 * solve beside the first block's kept plan ended in an OutOfMemoryError about one run in three.
 */
class SolveReserveTest {
    private static final long MIB = 1L << 20;

    @Test
    void aSecondSizeOfBlockAddsTheKeptPlanOfTheLargest() {
        SolveReserve reserve = new SolveReserve(35 * MIB);
        reserve.add(partition(51_200));
        reserve.add(partition(45_000));
        long solve = Codec.solverHeapBytes(51_200);
        assertEquals(solve + Codec.keptPlanHeapBytes(51_200), reserve.bytes(2));
        assertEquals(solve + Codec.keptPlanHeapBytes(51_200), reserve.bytes(3), "no more blocks than the job has");
        reserve.add(partition(45_000));
        assertEquals(solve + 2 * Codec.keptPlanHeapBytes(51_200), reserve.bytes(3), "one kept plan per other block");
        assertEquals(solve, reserve.bytes(1), "one block at a time keeps no plan beside a solve");
    }

    @Test
    void blocksOfOneSizeWhosePlanTheCacheHoldsShareOneSolve() {
        SolveReserve cached = new SolveReserve(35 * MIB);
        cached.add(partition(51_200));
        cached.add(partition(51_200));
        assertEquals(Codec.solverHeapBytes(51_200), cached.bytes(2));

        SolveReserve tooLargeForTheCache = new SolveReserve(8 * MIB);
        tooLargeForTheCache.add(partition(51_200));
        tooLargeForTheCache.add(partition(51_200));
        assertEquals(Codec.solverHeapBytes(51_200) + Codec.keptPlanHeapBytes(51_200), tooLargeForTheCache.bytes(2),
                "each block solves and keeps its own plan");
    }

    @Test
    void theSourceBlocksOfOneLayoutBlockCount() {
        SolveReserve reserve = new SolveReserve(8 * MIB);
        // F = 3 x 51,200 x 64 bytes in Z = 3 source blocks of one layout block
        reserve.add(new ObjectPartition(new Oti(3L * 51_200 * 64, 64, 3, 1, 8)));
        assertEquals(Codec.solverHeapBytes(51_200) + Codec.keptPlanHeapBytes(51_200), reserve.bytes(2));
    }

    /** One source block of {@code k} symbols of 64 bytes. */
    private static ObjectPartition partition(int k) {
        return new ObjectPartition(new Oti((long) k * 64, 64, 1, 1, 8));
    }
}
