package org.rqlib.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rqlib.api.RaptorQ;
import org.rqlib.chunking.OtiDerivation;
import org.rqlib.chunking.SourceBlockGeometry;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.Oti;

/**
 * A decode at a memory limit works on what an encode at that limit produced (issue 10, item 1): the smallest
 * decoding group (one sub-block, K + the margin received) fits the working-set budget of the smallest limit for
 * every block an encode can make. Before the fix a group held its symbols twice (file layout and symbol layout)
 * plus a whole band of pieces: a block of 10,396,464 bytes (one sub-block of K = 159 symbols of 65528 bytes, WS's
 * 10 MiB) needed 38.9 MB to decode where 48m gives 28.3 MB, and encoding it needed less.
 */
class DecodeSizingTest {
    private static final long SMALLEST_LIMIT = 48L << 20;

    @Test
    void smallestDecodeGroupFitsTheSmallestLimitForEveryBlockSize() {
        long budget = RaptorQ.workingSetBudget(SMALLEST_LIMIT);
        for (int symbolSize : new int[] {65535, 16384, 1024, 64}) {
            for (int threads : new int[] {1, 2, 8}) {
                int band = WorkingSets.bandSymbols(OtiDerivation.symbolSizeT(symbolSize) + 4, budget, threads);
                for (long size = 1L << 16; size <= largestBlock(symbolSize); size += size / 61 + 4093) {
                    long need = smallestGroupBytes(size, symbolSize, band);
                    assertTrue(need <= budget, "a block of " + size + " bytes, symbol size " + symbolSize + ", "
                            + threads + " threads: decoding one sub-block needs " + need + " bytes, the budget at "
                            + "48m is " + budget);
                }
            }
        }
    }

    @Test
    void theBlockThatWasRefusedAt48mNowFitsWithRoomForARetry() {
        long budget = RaptorQ.workingSetBudget(SMALLEST_LIMIT);
        int band = WorkingSets.bandSymbols(65528 + 4, budget, 1);
        long need = smallestGroupBytes(10_396_464, 65535, band);
        assertTrue(need <= budget, need + " > " + budget);
        // a failed first solve adds a few symbols (the decoder then grows its slab): still inside the budget
        SourceBlockGeometry geo = geometry(10_396_464, 65535);
        long retry = WorkingSets.decodeGroupBytes(geo.k(), geo.pieceSize(0), geo.k() + 2 * WorkingSets.DECODE_MARGIN
                + 1, band);
        assertTrue(retry <= budget, "after a failed solve: " + retry + " > " + budget);
    }

    /** The largest block the SBN byte allows with this symbol size (256 source blocks), at most 4 GiB. */
    private static long largestBlock(int symbolSize) {
        return Math.min(4L << 30, 256L * 56_403 * OtiDerivation.symbolSizeT(symbolSize) / 2);
    }

    private static long smallestGroupBytes(long size, int symbolSize, int band) {
        SourceBlockGeometry geo = geometry(size, symbolSize);
        return WorkingSets.decodeGroupBytes(geo.k(), geo.pieceSize(0), geo.k() + WorkingSets.DECODE_MARGIN, band);
    }

    private static SourceBlockGeometry geometry(long size, int symbolSize) {
        Oti oti = OtiDerivation.derive(size, symbolSize);
        return new SourceBlockGeometry(new ObjectPartition(oti), 0);
    }
}
