package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.InputChangedException;
import org.rqlib.limits.JobControl;

/**
 * An input that changes while it is encoded (issue #10 item 4): appended to, written in place (same size), or
 * replaced by another file, fails the encode with {@link InputChangedException} naming the file, and the output
 * directory is removed. The change is made from the progress listener, i.e. while the job runs.
 */
class InputChangeTest {
    @TempDir
    Path work;

    private interface Change {
        void apply(Path input) throws IOException;
    }

    @Test
    void anAppendFailsTheEncode() throws Exception {
        encodeWhile(input -> Files.write(input, new byte[1000], StandardOpenOption.APPEND), "size");
    }

    @Test
    void anInPlaceWriteOfTheSameSizeFailsTheEncode() throws Exception {
        encodeWhile(input -> {
            byte[] bytes = Files.readAllBytes(input);
            bytes[5] ^= 1;
            Files.write(input, bytes);
            // a clock tick later than the encode's start, whatever the file system's time granularity
            Files.setLastModifiedTime(input, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        }, "modified");
    }

    @Test
    void aReplacedFileFailsTheEncode() throws Exception {
        encodeWhile(input -> {
            Path other = input.resolveSibling("other.bin");
            Files.copy(input, other);
            Files.move(other, input, StandardCopyOption.REPLACE_EXISTING);
        }, "replaced");
    }

    private void encodeWhile(Change change, String expected) throws Exception {
        Path input = TestFiles.random(work, "in.bin", 150_000, 8);
        Path out = work.resolve("out");
        AtomicBoolean changed = new AtomicBoolean();
        JobControl control = new JobControl((done, total) -> {
            if (done > 0 && changed.compareAndSet(false, true)) {
                try {
                    change.apply(input);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        try (RaptorQ rq = RaptorQ.builder().symbolSize(1024).redundancyFactor(2).blockSize(50_000)
                .memoryLimit(48L << 20).threads(1).build()) {
            InputChangedException e = assertThrows(InputChangedException.class,
                    () -> rq.encodeFile(input, out, control));
            assertTrue(e.getMessage().contains(input.toString()) && e.getMessage().contains(expected),
                    e.getMessage());
        }
        assertTrue(changed.get(), "the change was never made");
        assertFalse(Files.exists(out), "the output of a failed encode is left");
    }
}
