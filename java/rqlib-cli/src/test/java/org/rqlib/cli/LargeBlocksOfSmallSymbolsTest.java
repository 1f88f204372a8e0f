package org.rqlib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two blocks of 51,200 symbols of 64 bytes at {@code --memory-limit 64m} with 2 threads (issue 10, item 2), in a JVM
 * with a server's heap (96 MiB: the solves of K = 51,200 need more than 64m's heap share, so the rq launcher would
 * refuse this job at 64m) and 64m's direct memory share (32 MiB). Each block's plan (16 MB of code)
 * is too large for the 8 MiB plan cache; its direct copy was counted nowhere, two blocks coded at once each made
 * one, and rq ran out of direct memory (exit 3, "cannot allocate 16359408 bytes of direct memory"). Now the copy is
 * counted in the encoder's working set, so the governor codes the blocks as it fits and they run inside the limit.
 */
class LargeBlocksOfSmallSymbolsTest {
    @TempDir
    Path dir;

    @Test
    void twoBlocksOf51200SymbolsRunAt64mWithTwoThreads() throws Exception {
        byte[] data = new byte[2 * 51_200 * 64];
        new Random(64).nextBytes(data);
        Path input = Files.write(dir.resolve("input.bin"), data);
        Path log = dir.resolve("rq.log");
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx96m",
                "-XX:MaxDirectMemorySize=32m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                RqCommand.class.getName(), "metadata", input.toString(), dir.resolve("layout.json").toString(),
                "--symbol-size", "64", "--block-size", Integer.toString(51_200 * 64), "--redundancy", "2",
                "--memory-limit", "64m", "--threads", "2");
        Process rq = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(rq.waitFor(300, TimeUnit.SECONDS), "rq metadata did not finish in 5 minutes");
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, rq.exitValue(), output);
            assertTrue(Files.readString(dir.resolve("layout.json")).contains("\"block_id\": 1"), "two blocks");
        } finally {
            rq.destroyForcibly();
        }
    }
}
