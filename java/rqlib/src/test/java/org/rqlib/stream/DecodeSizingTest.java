package org.rqlib.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rqlib.api.RaptorQ;
import org.rqlib.chunking.OtiDerivation;
import org.rqlib.chunking.SourceBlockGeometry;
import org.rqlib.codec.Codec;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.Oti;

/**
 * A decode at a memory limit works on what an encode at that limit produced (issue 10, item 1): decoding the
 * smallest group of a block (one sub-block, K + the margin received) needs no more than encoding it, give or take
 * two sub-symbols and a run of reads (1 MiB), for every block an encode can make. Before the fix a group held its symbols twice (file
 * layout and symbol layout) plus a band of pieces: a block of 10,396,464 bytes (one sub-block of K = 159 symbols of
 * 65528 bytes, the original's 10 MiB working size) needed 38.9 MB to decode where 48m gives 28.3 MB, more than
 * its encode.
 */
class DecodeSizingTest {
    private static final long SMALLEST_LIMIT = 48L << 20;

    @Test
    void decodingTheSmallestGroupNeedsNoMoreThanEncodingIt() {
        long budget = RaptorQ.workingSetBudget(SMALLEST_LIMIT);
        for (int symbolSize : new int[] {65535, 16384, 1024, 64}) {
            for (int threads : new int[] {1, 2, 8}) {
                int band = WorkingSets.bandSymbols(OtiDerivation.symbolSizeT(symbolSize) + 4, budget, threads);
                for (long size = 1L << 16; size <= largestBlock(symbolSize); size += size / 61 + 4093) {
                    SourceBlockGeometry geo = geometry(size, symbolSize);
                    int k = geo.k();
                    int w = geo.pieceSize(0);
                    long decode = WorkingSets.decodeGroupBytes(k, w, k + WorkingSets.DECODE_MARGIN, band);
                    // the least any encode of it holds: its encoder and one chunk of repair pieces
                    long encode = Codec.encoderWorkingSetBytes(k, w, false)
                            + (long) WorkingSets.repairChunk(k, w) * w;
                    assertTrue(decode <= encode + 2L * w + WorkingSets.REPAIR_CHUNK_BYTES + 1024, "a block of " + size + " bytes, symbol size "
                            + symbolSize + ", " + threads + " threads: decoding one sub-block needs " + decode
                            + " bytes, encoding it " + encode);
                }
            }
        }
    }

    @Test
    void theBlockThatWasRefusedAt48mFitsWithRoomForARetry() {
        long budget = RaptorQ.workingSetBudget(SMALLEST_LIMIT);
        SourceBlockGeometry geo = geometry(10_396_464, 65535);
        for (int threads : new int[] {1, 2}) {
            int band = WorkingSets.bandSymbols(65528 + 4, budget, threads);
            long need = WorkingSets.decodeGroupBytes(geo.k(), geo.pieceSize(0), geo.k() + 2, band);
            assertTrue(need <= budget, need + " > " + budget);
            // a failed first solve adds a few symbols; the decoder is made for them, it does not grow
            long retry = WorkingSets.decodeGroupBytes(geo.k(), geo.pieceSize(0), geo.k() + 5, band);
            assertTrue(retry <= budget, "after a failed solve: " + retry + " > " + budget);
        }
    }

    /** The largest block the SBN byte allows with this symbol size (256 source blocks), at most 4 GiB. */
    private static long largestBlock(int symbolSize) {
        return Math.min(4L << 30, 256L * 56_403 * OtiDerivation.symbolSizeT(symbolSize) / 2);
    }

    private static SourceBlockGeometry geometry(long size, int symbolSize) {
        Oti oti = OtiDerivation.derive(size, symbolSize);
        return new SourceBlockGeometry(new ObjectPartition(oti), 0);
    }
}
