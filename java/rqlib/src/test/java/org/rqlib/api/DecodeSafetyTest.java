package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.JobCancelledException;
import org.rqlib.LayoutException;
import org.rqlib.NotEnoughSymbolsException;
import org.rqlib.layout.Layout;
import org.rqlib.limits.JobControl;

/** Corrupt symbols are skipped and counted, too few gives a named error, nothing half-written is left. */
@ExtendWith(NoBufferFreedTwice.class)
class DecodeSafetyTest {

    @TempDir
    Path work;

    private RaptorQ rq() {
        return RaptorQ.builder().symbolSize(1024).redundancyFactor(2).memoryLimit(64L << 20).threads(2).build();
    }

    @Test
    void corruptSymbolIsSkippedAndCounted() throws Exception {
        Path input = TestFiles.random(work, "in", 100_000, 1);
        Path out = work.resolve("out");
        try (RaptorQ rq = rq()) {
            Layout layout = rq.encodeFile(input, out).layout();
            Path victim = out.resolve("block_0").resolve(layout.blocks().get(0).symbols().get(3));
            byte[] bytes = Files.readAllBytes(victim);
            bytes[100] ^= 1;
            Files.write(victim, bytes);
            DecodeResult result = rq.decodeFile(out, work.resolve("dec"));
            assertEquals(1, result.symbolsCorrupt());
            assertEquals(GoldenVectorsTest.sha256(input), GoldenVectorsTest.sha256(work.resolve("dec")));
        }
    }

    @Test
    void tooFewSymbolsNamesTheBlockAndLeavesNoOutput() throws Exception {
        Path input = TestFiles.random(work, "in", 100_000, 2);
        Path out = work.resolve("out");
        try (RaptorQ rq = rq()) {
            rq.encodeFile(input, out);
            TestFiles.deleteFraction(out, 0.6, 3);
            NotEnoughSymbolsException e = assertThrows(NotEnoughSymbolsException.class,
                    () -> rq.decodeFile(out, work.resolve("dec")));
            assertTrue(e.block().contains("block_0 source block 0"), e.getMessage());
            assertTrue(e.moreNeeded() > 0);
            assertFalse(Files.exists(work.resolve("dec")));
            try (Stream<Path> s = Files.list(work)) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "temp file left");
            }
        }
    }

    @Test
    void flatDirectoryOfSymbolsDecodes() throws Exception {
        Path input = TestFiles.random(work, "in", 250_000, 4);
        Path out = work.resolve("out");
        Path flat = work.resolve("flat");
        Files.createDirectories(flat);
        try (RaptorQ rq = rq()) {
            rq.encodeFile(input, out);
            for (Path p : TestFiles.symbolFiles(out)) {
                Files.move(p, flat.resolve(p.getFileName()));
            }
            rq.decodeFile(flat, out.resolve(RaptorQ.LAYOUT_FILE), work.resolve("dec"), JobControl.none());
            assertEquals(GoldenVectorsTest.sha256(input), GoldenVectorsTest.sha256(work.resolve("dec")));
        }
    }

    @Test
    void layoutWithMissingFieldNamesIt() throws Exception {
        Path input = TestFiles.random(work, "in", 10_000, 5);
        Path out = work.resolve("out");
        try (RaptorQ rq = rq()) {
            rq.encodeFile(input, out);
        }
        Path layout = out.resolve(RaptorQ.LAYOUT_FILE);
        String json = Files.readString(layout);
        Files.writeString(layout, json.replace("\"hash\"", "\"hush\""));
        LayoutException e = assertThrows(LayoutException.class, () -> RaptorQ.readLayout(layout));
        assertEquals("blocks[0].hash", e.field());
        Files.writeString(layout, json.replace("\"original_offset\": 0", "\"original_offset\": 5"));
        e = assertThrows(LayoutException.class, () -> RaptorQ.readLayout(layout));
        assertEquals("blocks[0].original_offset", e.field());
    }

    @Test
    void cancelledEncodeLeavesNothing() throws Exception {
        Path input = TestFiles.random(work, "in", 3_000_000, 6);
        Path out = work.resolve("out");
        try (RaptorQ rq = rq()) {
            JobControl control = new JobControl((done, total) -> {
                if (done > total / 3) {
                    throw new JobCancelledException("test cancels at a third");
                }
            });
            AtomicReference<JobControl> self = new AtomicReference<>();
            JobControl cancelling = new JobControl((done, total) -> {
                if (done > total / 3) {
                    self.get().cancel();
                }
            });
            self.set(cancelling);
            assertThrows(JobCancelledException.class, () -> rq.encodeFile(input, out, control));
            assertFalse(Files.exists(out), "output directory removed");
            assertThrows(JobCancelledException.class, () -> rq.encodeFile(input, out, cancelling));
            assertFalse(Files.exists(out), "output directory removed after cancel()");
            List<Path> left;
            try (Stream<Path> s = Files.list(work)) {
                left = s.filter(p -> !p.getFileName().toString().equals("in")).toList();
            }
            assertEquals(List.of(), left);
        }
    }
}
