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
 * The memory limit and thread count change how a block is worked on (whole in memory, or sub-block groups with
 * scratch on disk), never the bytes written; and what is written decodes back at any limit.
 */
@ExtendWith(NoBufferFreedTwice.class)
class MemoryLimitIndependenceTest {

    private static final long SIZE = 12L * 1024 * 1024 + 12345; // N = 2 sub-blocks, last symbol padded
    @TempDir
    Path work;

    @Test
    void outputIsTheSameAtEveryLimitAndThreadCount() throws Exception {
        Oti oti = OtiDerivation.derive(SIZE, 65535);
        assertEquals(2, oti.subBlocks(), "the test needs several sub-blocks");
        Path input = TestFiles.random(work, "in.bin", SIZE, 77);
        List<String> reference = null;
        long[][] settings = {{512, 2}, {64, 1}, {64, 2}, {96, 2}};
        for (long[] s : settings) {
            Path out = work.resolve("out-" + s[0] + "-" + s[1]);
            try (RaptorQ rq = RaptorQ.builder().redundancyFactor(2).memoryLimit(s[0] << 20).threads((int) s[1])
                    .build()) {
                rq.encodeFile(input, out);
                assertTrue(rq.governor().peakBytes() <= rq.governor().budgetBytes());
            }
            List<String> listing = TestFiles.listing(out);
            if (reference == null) {
                reference = listing;
            } else {
                assertEquals(reference, listing, "output at " + s[0] + " MiB and " + s[1] + " threads");
            }
        }
        Path out = work.resolve("out-512-2");
        int deleted = TestFiles.deleteFraction(out, 0.10, 5);
        assertTrue(deleted > 0);
        for (long[] s : settings) {
            Path decoded = work.resolve("decoded-" + s[0] + "-" + s[1]);
            try (RaptorQ rq = RaptorQ.builder().memoryLimit(s[0] << 20).threads((int) s[1]).build()) {
                DecodeResult result = rq.decodeFile(out, decoded);
                assertTrue(result.symbolsMissing() > 0 && result.symbolsMissing() <= deleted, "missing: " + result);
                assertTrue(rq.governor().peakBytes() <= rq.governor().budgetBytes());
            }
            assertEquals(GoldenVectorsTest.sha256(input), GoldenVectorsTest.sha256(decoded),
                    "decoded at " + s[0] + " MiB and " + s[1] + " threads");
        }
    }
}
