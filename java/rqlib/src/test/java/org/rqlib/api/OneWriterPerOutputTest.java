package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.InvalidParameterException;
import org.rqlib.OutputLockedException;
import org.rqlib.io.OutputDirectoryLock;
import org.rqlib.limits.JobControl;

/**
 * One writer per output directory (issue #10 item 3, item 6): a second encode into a directory an encode is
 * writing fails at once with {@link OutputLockedException} and leaves the first one's work alone; the layout is
 * never published over an existing one; a lock and files left by a killed encode are recognised and cleared by
 * the next encode, which then gives the same bytes as an encode into a new directory; a finished output holds no
 * lock file.
 */
class OneWriterPerOutputTest {
    @TempDir
    Path work;

    private static RaptorQ rq() {
        return RaptorQ.builder().symbolSize(1024).redundancyFactor(2).blockSize(40_000).memoryLimit(48L << 20)
                .threads(2).build();
    }

    @Test
    void aSecondEncodeIntoADirectoryBeingWrittenFailsAtOnce() throws Exception {
        Path input = TestFiles.random(work, "in.bin", 100_000, 3);
        Path out = work.resolve("out");
        AtomicReference<Throwable> second = new AtomicReference<>();
        try (RaptorQ rq = rq(); RaptorQ other = rq()) {
            // the second encode runs while the first is between its start and its first symbol
            JobControl control = new JobControl((done, total) -> {
                if (second.get() == null) {
                    second.set(assertThrows(OutputLockedException.class, () -> other.encodeFile(input, out)));
                }
            });
            rq.encodeFile(input, out, control);
        }
        assertTrue(second.get() instanceof OutputLockedException, "second encode: " + second.get());
        assertTrue(second.get().getMessage().contains(out.toString()), second.get().getMessage());
        Path reference = work.resolve("reference");
        try (RaptorQ rq = rq()) {
            rq.encodeFile(input, reference);
        }
        assertEquals(TestFiles.listing(reference), TestFiles.listing(out), "the first encode's output");
        assertFalse(Files.exists(out.resolve(OutputDirectoryLock.LOCK_FILE)), "lock file left in a finished output");
    }

    @Test
    void theLayoutIsNeverPublishedOverAnExistingOne() throws Exception {
        Path out = work.resolve("out");
        byte[] theirs = "{\"someone\":\"else\"}".getBytes(StandardCharsets.UTF_8);
        try (OutputDirectoryLock lock = OutputDirectoryLock.acquire(out, RaptorQ.LAYOUT_FILE)) {
            Files.write(out.resolve(RaptorQ.LAYOUT_FILE), theirs);
            assertThrows(FileAlreadyExistsException.class,
                    () -> lock.publishLayout(RaptorQ.LAYOUT_FILE, json -> json.write('{')));
            assertFalse(Files.exists(out.resolve(RaptorQ.LAYOUT_FILE + ".part")), "temporary layout left");
        }
        assertArrayEquals(theirs, Files.readAllBytes(out.resolve(RaptorQ.LAYOUT_FILE)));
    }

    @Test
    void whatAKilledEncodeLeftIsRemovedByTheNextEncode() throws Exception {
        Path input = TestFiles.random(work, "in.bin", 100_000, 4);
        Path out = work.resolve("out");
        Files.createDirectories(out.resolve("block_0"));
        Files.createDirectories(out.resolve("block_1"));
        Files.writeString(out.resolve(OutputDirectoryLock.LOCK_FILE), "pid=" + deadPid() + " host=" + hostName()
                + " started=2026-01-01T00:00:00Z\n");
        Files.write(out.resolve("block_0/3vQB7B6MrGQZaxCuFg4oh.part"), new byte[100]);
        Files.write(out.resolve("block_1/3vQB7B6MrGQZaxCuFg4oh"), new byte[100]);
        Files.write(out.resolve(RaptorQ.LAYOUT_FILE + ".part"), new byte[10]);
        Files.write(out.resolve(".rqlib-scratch-repair-1.tmp"), new byte[10]);
        try (RaptorQ rq = rq()) {
            rq.encodeFile(input, out);
        }
        Path reference = work.resolve("reference");
        try (RaptorQ rq = rq()) {
            rq.encodeFile(input, reference);
        }
        assertEquals(TestFiles.listing(reference), TestFiles.listing(out), "encode after a killed encode");
    }

    @Test
    void aLeftoverLockDoesNotLicenseRemovingOtherFiles() throws Exception {
        Path input = TestFiles.random(work, "in.bin", 10_000, 5);
        Path out = work.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve(OutputDirectoryLock.LOCK_FILE), "");
        Files.writeString(out.resolve("notes.txt"), "mine");
        try (RaptorQ rq = rq()) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> rq.encodeFile(input, out));
            assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
        }
        assertEquals(List.of("notes.txt"), names(out), "what an encode that refused left");
    }

    @Test
    void aFinishedEncodeIsNotEncodedOver() throws Exception {
        Path input = TestFiles.random(work, "in.bin", 10_000, 6);
        Path out = work.resolve("out");
        try (RaptorQ rq = rq()) {
            rq.encodeFile(input, out);
            List<String> before = TestFiles.listing(out);
            assertThrows(InvalidParameterException.class, () -> rq.encodeFile(input, out));
            assertEquals(before, TestFiles.listing(out));
        }
    }

    static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    static String hostName() throws Exception {
        Path kernel = Path.of("/proc/sys/kernel/hostname");
        return Files.isReadable(kernel) ? Files.readString(kernel).trim()
                : java.net.InetAddress.getLocalHost().getHostName();
    }

    private static List<String> names(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
