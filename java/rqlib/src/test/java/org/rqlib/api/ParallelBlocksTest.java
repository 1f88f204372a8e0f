package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.NotEnoughSymbolsException;

/**
 * A file of several blocks is coded several blocks at a time with several threads: the output is the same bytes
 * as one block at a time, it decodes back, and a failing block fails the job cleanly without stray threads.
 */
@ExtendWith(NoBufferFreedTwice.class)
class ParallelBlocksTest {
    private static final long SIZE = 5L * 1024 * 1024 + 99; // six blocks of 1 MiB, the last short
    @TempDir
    Path work;


    @Test
    void blocksInParallelGiveTheSameBytesAsOneAtATime() throws Exception {
        Path input = TestFiles.random(work, "in.bin", SIZE, 31);
        List<String> reference = null;
        for (int threads : new int[] {1, 4}) {
            Path out = work.resolve("out-" + threads);
            try (RaptorQ rq = builder(threads).build()) {
                EncodeResult result = rq.encodeFile(input, out);
                assertEquals(6, result.layout().blocks().size());
            }
            List<String> listing = TestFiles.listing(out);
            if (reference == null) {
                reference = listing;
            } else {
                assertEquals(reference, listing, "output with " + threads + " threads");
            }
        }
        Path out = work.resolve("out-4");
        assertTrue(TestFiles.deleteFraction(out, 0.2, 3) > 0);
        Path decoded = work.resolve("decoded.bin");
        try (RaptorQ rq = builder(4).build()) {
            rq.decodeFile(out, decoded);
        }
        assertEquals(GoldenVectorsTest.sha256(input), GoldenVectorsTest.sha256(decoded));
    }

    @Test
    void aFailingBlockFailsTheJobAfterTheOthersStopAndLeavesNoOutput() throws Exception {
        Path input = TestFiles.random(work, "in.bin", SIZE, 32);
        Path out = work.resolve("out");
        try (RaptorQ rq = builder(4).build()) {
            rq.encodeFile(input, out);
        }
        // block_2 loses every symbol file: too few for that block only
        try (var files = Files.list(out.resolve("block_2"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        long threadsBefore = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().contains("-block-")).count();
        Path decoded = work.resolve("decoded.bin");
        try (RaptorQ rq = builder(4).build()) {
            NotEnoughSymbolsException e = assertThrows(NotEnoughSymbolsException.class, () -> rq.decodeFile(out, decoded));
            assertTrue(e.getMessage().contains("block_2"), e.getMessage());
        }
        assertFalse(Files.exists(decoded));
        long threadsAfter = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().contains("-block-")).count();
        assertEquals(threadsBefore, threadsAfter, "block coordinator threads must stop with their job");
    }

    private static RaptorQ.Builder builder(int threads) {
        return RaptorQ.builder().symbolSize(16384).redundancyFactor(2).blockSize(1L << 20).memoryLimit(64L << 20)
                .threads(threads).maxBlocksInFlight(4);
    }
}
