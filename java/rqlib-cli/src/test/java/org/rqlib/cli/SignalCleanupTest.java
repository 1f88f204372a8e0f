package org.rqlib.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rq} as a separate process, stopped by signals (issues #10 item 6, #11 item 7): SIGINT (Ctrl-C) and
 * SIGTERM during encode and decode cancel the job, remove everything it wrote (the output directory it created,
 * the hidden {@code .part} output) and exit 130 and 143; after {@code kill -9}, whose leftovers cannot be avoided,
 * the next run on the same output removes them and succeeds. While an encode runs in one process, an encode into
 * the same directory from another fails at once naming the lock's owner. Ctrl-C during {@code rq packets}, which
 * has no cancellation, removes its {@code .part} file. POSIX only ({@code kill}).
 */
class SignalCleanupTest {
    private static final long STARTUP_SECONDS = 60;

    @TempDir
    Path dir;
    private Path input;
    private Path log;
    private byte[] data;

    @BeforeEach
    void sampleFile() throws IOException {
        // many small symbols (about 16k files): the encode takes seconds, time to stop it in the middle
        data = new byte[8 * 1024 * 1024];
        new Random(5).nextBytes(data);
        input = dir.resolve("input.bin");
        Files.write(input, data);
    }

    @Test
    void ctrlCDuringEncodeRemovesTheOutputDirectoryAndExits130() throws Exception {
        Path out = dir.resolve("symbols");
        Process rq = start("encode", input.toString(), out.toString(), "--symbol-size", "1024", "--redundancy", "2",
                "--quiet");
        awaitPath(rq, out.resolve("block_0"), Files::isDirectory);
        signal(rq, "INT");
        assertEquals(130, exit(rq), output(rq));
        assertFalse(Files.exists(out), "Ctrl-C left the output directory: " + listing(dir));
    }

    @Test
    void sigtermDuringEncodeRemovesTheOutputAndAnotherEncodeMeanwhileIsRefused() throws Exception {
        Path out = dir.resolve("symbols");
        Process rq = start("encode", input.toString(), out.toString(), "--symbol-size", "1024", "--redundancy", "2",
                "--quiet");
        awaitPath(rq, out.resolve("block_0"), Files::isDirectory);
        StringWriter err = new StringWriter();
        int second = RqCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "encode", input.toString(), out.toString(), "--quiet");
        assertTrue(rq.isAlive(), "the first encode ended too early for this test");
        rq.destroy(); // SIGTERM
        assertEquals(143, exit(rq), output(rq));
        assertEquals(1, second, err.toString());
        assertTrue(err.toString().contains("another encode") && err.toString().contains("pid=" + rq.pid()),
                err.toString());
        assertFalse(Files.exists(out), "SIGTERM left the output directory: " + listing(dir));
    }

    @Test
    void signalsDuringDecodeRemoveTheHiddenPartFile() throws Exception {
        Path symbols = encodeHere();
        for (String signal : new String[] {"INT", "TERM"}) {
            Path output = dir.resolve("decoded.bin");
            Process rq = start("decode", symbols.toString(), output.toString(), "--quiet");
            awaitPartFile(rq);
            signal(rq, signal);
            assertEquals(signal.equals("INT") ? 130 : 143, exit(rq), output(rq));
            assertEquals(List.of("input.bin", "symbols"), listing(dir), "left by SIG" + signal + " during decode");
        }
    }

    @Test
    void whatKillMinus9LeavesIsRemovedByTheNextRun() throws Exception {
        Path symbols = encodeHere();
        Path output = dir.resolve("decoded.bin");
        Process decode = start("decode", symbols.toString(), output.toString(), "--quiet");
        awaitPartFile(decode);
        decode.destroyForcibly();
        decode.waitFor();
        assertTrue(listing(dir).stream().anyMatch(n -> n.endsWith(".part")), "kill -9 left no .part: " + listing(dir));
        assertEquals(0, rqHere("decode", symbols.toString(), output.toString(), "--quiet"));
        assertArrayEquals(data, Files.readAllBytes(output));
        assertEquals(List.of("decoded.bin", "input.bin", "symbols"), listing(dir), "after the next decode");

        Path out = dir.resolve("again");
        Process encode = start("encode", input.toString(), out.toString(), "--symbol-size", "1024", "--redundancy",
                "2", "--quiet");
        awaitPath(encode, out.resolve("block_0"), Files::isDirectory);
        encode.destroyForcibly();
        encode.waitFor();
        assertTrue(Files.exists(out.resolve(".rqlib.lock")), "kill -9 left no lock: " + listing(out));
        assertEquals(0, rqHere("encode", input.toString(), out.toString(), "--symbol-size", "16384", "--quiet"));
        assertFalse(Files.exists(out.resolve(".rqlib.lock")));
        Path fresh = dir.resolve("fresh");
        assertEquals(0, rqHere("encode", input.toString(), fresh.toString(), "--symbol-size", "16384", "--quiet"));
        assertEquals(tree(fresh), tree(out), "encode over a killed encode's leftovers");
    }

    @Test
    void ctrlCDuringPacketsEncodeRemovesItsPartFile() throws Exception {
        Path packets = dir.resolve("packets.bin");
        String oti = String.format("%010x00%04x%02x%04x%02x", data.length, 1024, 16, 1, 8);
        Process rq = start("packets", "encode", "--oti", oti, input.toString(), packets.toString(), "--repair", "2000");
        awaitPart(rq, ".packets.bin.");
        signal(rq, "INT");
        assertEquals(130, exit(rq), output(rq));
        assertEquals(List.of("input.bin"), listing(dir), "left by Ctrl-C during rq packets encode");
    }

    private Path encodeHere() {
        Path symbols = dir.resolve("symbols");
        assertEquals(0, rqHere("encode", input.toString(), symbols.toString(), "--symbol-size", "4096", "--quiet"));
        return symbols;
    }

    private static int rqHere(String... args) {
        StringWriter err = new StringWriter();
        int code = RqCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
        assertTrue(code == 0 || !err.toString().isEmpty());
        return code;
    }

    /** {@code rq} in a new JVM, one thread and the Java kernel so that it runs long enough to be stopped. */
    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (sigintIgnoredHere()) {
            // a process started with SIGINT ignored (a background job) passes that on; perl restores the default
            Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")),
                    "SIGINT is ignored in this test JVM and there is no perl to restore it for the child");
            command.addAll(List.of("/usr/bin/perl", "-e", "$SIG{INT}='DEFAULT'; $SIG{TERM}='DEFAULT'; exec @ARGV"));
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-Drqlib.kernel=java", "-cp",
                System.getProperty("java.class.path"), RqCommand.class.getName()));
        command.addAll(List.of(args));
        if (!args[0].equals("packets")) {
            command.addAll(List.of("--threads", "1"));
        }
        if (log == null) {
            log = Files.createTempFile("rq-signal-test", ".log");
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static boolean sigintIgnoredHere() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 2L) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private String output(Process rq) throws IOException {
        return "rq " + rq.pid() + " said: " + (log != null && Files.exists(log) ? Files.readString(log) : "");
    }

    @AfterEach
    void removeLog() throws IOException {
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    private static void signal(Process rq, String name) throws Exception {
        Process kill;
        try {
            kill = new ProcessBuilder("kill", "-" + name, Long.toString(rq.pid())).inheritIO().start();
        } catch (IOException e) {
            rq.destroyForcibly();
            Assumptions.abort("no kill command here: " + e.getMessage());
            return;
        }
        assertEquals(0, kill.waitFor(), "kill -" + name);
    }

    private static int exit(Process rq) throws InterruptedException {
        if (!rq.waitFor(STARTUP_SECONDS, TimeUnit.SECONDS)) {
            rq.destroyForcibly();
            throw new AssertionError("rq did not end after the signal");
        }
        return rq.exitValue();
    }

    private static void awaitPath(Process rq, Path path, Predicate<Path> ready) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
        while (!ready.test(path)) {
            if (!rq.isAlive() || System.nanoTime() > deadline) {
                rq.destroyForcibly();
                throw new AssertionError(path + " never appeared; rq " + (rq.isAlive() ? "still runs" : "exited "
                        + rq.exitValue()));
            }
            Thread.sleep(5);
        }
        Thread.sleep(100); // well inside the job: symbols are being written
    }

    private void awaitPartFile(Process rq) throws Exception {
        awaitPart(rq, ".decoded.bin.");
    }

    private void awaitPart(Process rq, String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
        while (listing(dir).stream().noneMatch(n -> n.startsWith(prefix) && n.endsWith(".part"))) {
            if (!rq.isAlive() || System.nanoTime() > deadline) {
                rq.destroyForcibly();
                throw new AssertionError("the decode's .part never appeared: " + listing(dir));
            }
            Thread.sleep(5);
        }
        Thread.sleep(100);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            List<String> out = new ArrayList<>();
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                out.add(root.relativize(p) + " " + Files.size(p));
            }
            return out;
        }
    }
}
