package org.rqlib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rq encode -} (a stream of unknown length) is checked against the heap before it reads anything (issue
 * 10, item 3): in a JVM whose heap cannot solve the largest first block the default settings allow (K = 43,464,
 * about 40 MiB of solve), it exits 3 naming the heap and a limit that would do, while its standard input is still
 * open and unread, and creates no output. It used to read the stream and fail only while coding.
 */
class StreamHeapCheckTest {
    @TempDir
    Path dir;

    @Test
    void unknownLengthStreamIsRefusedBeforeReadingWhenTheHeapCannotSolveItsBlocks() throws Exception {
        Path out = dir.resolve("out");
        Path log = dir.resolve("rq.log");
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx40m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), RqCommand.class.getName(),
                "encode", "-", out.toString(), "--quiet");
        Process rq = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // standard input stays open and empty: an rq that reads before checking would wait here forever
            assertTrue(rq.waitFor(60, TimeUnit.SECONDS), "rq encode - waited for its input instead of refusing");
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(3, rq.exitValue(), output);
            assertTrue(output.contains("of unknown length needs about") && output.contains("MiB of Java heap")
                    && output.contains("would do"), output);
            assertFalse(Files.exists(out), "nothing may be created before the check");
        } finally {
            rq.destroyForcibly();
            closeQuietly(rq);
        }
    }

    private static void closeQuietly(Process rq) {
        try {
            rq.getOutputStream().close();
        } catch (IOException e) {
            // the process is gone
        }
    }
}
