package org.rqlib.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code rq encode} writes at a memory limit, {@code rq decode} reads back at that limit with symbol files
 * lost (issue 10, item 1). At 48m a decode with 10% loss used to be refused with exit 3 ("needs at least 38923632
 * bytes to decode one sub-block ... the memory limit is 28311552 bytes") for blocks whose one sub-block is near the
 * original's 10 MiB working size, such as a file of 10,396,464 bytes (K = 159 symbols of 65528 bytes, N = 1), the
 * worst case for the default symbol size. Redundancy 2 (K repair symbols) keeps the test short; it does not change the sub-blocks.
 */
class DecodeAtEncodeLimitTest {
    private static final int SIZE = 10_396_464;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void decodeAt48mWithTenPercentLostReadsWhatEncodeAt48mWrote() throws IOException {
        byte[] data = new byte[SIZE];
        new Random(48).nextBytes(data);
        Path input = dir.resolve("input.bin");
        Files.write(input, data);
        Path symbols = dir.resolve("symbols");
        assertEquals(0, rq("encode", input.toString(), symbols.toString(), "--redundancy", "2", "--memory-limit",
                "48m", "--threads", "1", "--quiet"), err.toString());
        List<Path> files = symbolFiles(symbols);
        Collections.shuffle(files, new Random(10));
        for (Path file : files.subList(0, files.size() / 10)) {
            Files.delete(file);
        }
        for (String threads : new String[] {"1", "2"}) {
            Path output = dir.resolve("decoded-" + threads + ".bin");
            int code = rq("decode", symbols.toString(), output.toString(), "--memory-limit", "48m", "--threads",
                    threads, "--quiet");
            assertEquals(0, code, "decode at 48m with " + threads + " threads: " + err);
            assertArrayEquals(data, Files.readAllBytes(output), "decoded with " + threads + " threads");
        }
        assertTrue(files.size() > 300, "K = 159 source and 159 repair symbols: " + files.size());
    }

    /**
     * The same round trip, each command in a JVM sized by the launcher for 48m (a 24 MiB heap). Reading the layout
     * used to reserve the heap of a solve of the largest block K allows (50 MiB), so at the launcher's heap share
     * of a small limit no layout could be read: exit 3, "would pass the 0 bytes of Java heap this job may give the
     * layout".
     */
    @Test
    void roundTripAt48mInTheJvmTheLauncherSizes() throws Exception {
        byte[] data = new byte[SIZE];
        new Random(49).nextBytes(data);
        Path input = Files.write(dir.resolve("input.bin"), data);
        Path symbols = dir.resolve("symbols");
        assertEquals(0, launched("encode", input.toString(), symbols.toString(), "--redundancy", "2",
                "--memory-limit", "48m", "--quiet"));
        List<Path> files = symbolFiles(symbols);
        Collections.shuffle(files, new Random(11));
        for (Path file : files.subList(0, files.size() / 10)) {
            Files.delete(file);
        }
        Path output = dir.resolve("decoded.bin");
        assertEquals(0, launched("decode", symbols.toString(), output.toString(), "--memory-limit", "48m", "--quiet"));
        assertArrayEquals(data, Files.readAllBytes(output));
    }

    /** Runs rq in a JVM the launcher sizes for the command's --memory-limit; its exit code (output on failure). */
    private int launched(String... args) throws Exception {
        Path log = dir.resolve("rq.log");
        Process rq = new ProcessBuilder(LauncherJvm.command("48m", args)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            assertTrue(rq.waitFor(120, TimeUnit.SECONDS), "rq " + args[0] + " did not finish in 2 minutes");
            int code = rq.exitValue();
            assertEquals(0, code, args[0] + ": " + Files.readString(log));
            return code;
        } finally {
            rq.destroyForcibly();
        }
    }

    private int rq(String... args) {
        err.getBuffer().setLength(0);
        return RqCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static List<Path> symbolFiles(Path symbols) throws IOException {
        try (Stream<Path> walk = Files.walk(symbols)) {
            return new ArrayList<>(walk.filter(Files::isRegularFile)
                    .filter(p -> p.getParent().getFileName().toString().startsWith("block_")).sorted().toList());
        }
    }
}
