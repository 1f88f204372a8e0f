package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.chunking.OtiDerivation;
import org.rqlib.codec.Oti;

/**
 * Every way the file encoder can work on a block of several sub-blocks gives the same bytes: the whole block in
 * one encoder, groups of one sub-block or of several (read through the staging buffer that interleaves them),
 * two groups coded at once, and repair pieces kept in memory or in a scratch file. The limits below pick those
 * paths for this block (K = 6145 symbols of 4096 bytes, N = 3 sub-blocks of about 1368 bytes per symbol).
 */
@ExtendWith(NoBufferFreedTwice.class)
class EncodePathsTest {
    private static final long SIZE = 24L * 1024 * 1024 + 4321; // last symbol padded
    private static final int SYMBOL_SIZE = 4096;

    @TempDir
    Path work;

    @Test
    void everyPathWritesTheSameSymbols() throws Exception {
        Oti oti = OtiDerivation.derive(SIZE, SYMBOL_SIZE);
        assertEquals(3, oti.subBlocks(), "the test needs several sub-blocks");
        Path input = TestFiles.random(work, "in.bin", SIZE, 91);
        // whole / one group of 3 with repair in memory / groups of 2 and 1 / groups of 1, two at once
        long[][] settings = {{512, 2}, {512, 1}, {64, 1}, {64, 2}, {48, 2}};
        List<String> reference = null;
        for (long[] s : settings) {
            Path out = work.resolve("out-" + s[0] + "-" + s[1]);
            try (RaptorQ rq = RaptorQ.builder().symbolSize(SYMBOL_SIZE).redundancyFactor(2)
                    .memoryLimit(s[0] << 20).threads((int) s[1]).build()) {
                rq.encodeFile(input, out);
                assertTrue(rq.governor().peakBytes() <= rq.governor().budgetBytes());
                assertEquals(0, rq.governor().bytesInUse(), "reservations left after the encode");
            }
            List<String> listing = TestFiles.listing(out);
            if (reference == null) {
                reference = listing;
            } else {
                assertEquals(reference, listing, "output at " + s[0] + " MiB and " + s[1] + " threads");
            }
        }
        Path out = work.resolve("out-64-2");
        assertTrue(TestFiles.deleteFraction(out, 0.10, 3) > 0);
        Path decoded = work.resolve("decoded");
        try (RaptorQ rq = RaptorQ.builder().memoryLimit(64L << 20).threads(2).build()) {
            rq.decodeFile(out, decoded);
        }
        assertEquals(GoldenVectorsTest.sha256(input), GoldenVectorsTest.sha256(decoded));
    }
}
