package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: blocks of about 51,200 symbols failed to encode at 64m and 128m with 2 threads, and to decode with 5%
 * loss even at 256m with 1 thread (OutOfMemoryError in the plan builder): the launcher then gave each of those
 * limits a 96 MiB heap, and one solve of K = 51,200 needed more than 64 MiB of it (doubling copies of the plan), two
 * at once far more. Now the plan builder grows in chunks and solves that do not fit the heap together wait for each
 * other (SolveGate, HeapBudget). The probe runs in a JVM of its own with a 96 MiB heap (the launcher's at 384m;
 * smaller limits now refuse such blocks before any work, naming the limit that would do).
 */
class LargeBlockSolveHeapTest {
    @Test
    void twoEncodesAndALossyDecodeOfK51200FitTheLaunchersSmallestHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(List.of(java, "-Xmx96m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), LargeBlockSolveProbe.class.getName()))
                .redirectErrorStream(true).start();
        boolean ended = probe.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            probe.destroyForcibly();
        }
        String output = read(probe);
        assertTrue(ended, "the probe did not end within 5 minutes: " + output);
        assertEquals(0, probe.exitValue(), "probe output: " + output);
        assertEquals("ok", output.strip());
    }

    private static String read(Process process) throws IOException {
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return text.length() > 4000 ? text.substring(0, 4000) + "..." : text;
    }
}
