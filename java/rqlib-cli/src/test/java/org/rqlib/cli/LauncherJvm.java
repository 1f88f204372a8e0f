package org.rqlib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The rq launcher as tests meet it: its dry run (the limit as read and the JVM options it would start java with),
 * and commands that run the CLI from the test class path in a JVM with exactly those options, so that a test sees
 * the heap and direct memory a user's {@code rq --memory-limit L} gets.
 */
final class LauncherJvm {
    private LauncherJvm() {
    }

    /** The launcher the CLI archive ships as bin/rq (./rq delegates to it); tests run in target/test-cwd. */
    static Path launcher() {
        Path launcher = Path.of("").toAbsolutePath().getParent().getParent().resolve("src/main/bin/rq");
        assertTrue(Files.isRegularFile(launcher), "no rq launcher at " + launcher);
        return launcher;
    }

    /** The launcher's dry-run output for {@code rq encode in out --memory-limit size}. */
    static String dryRun(String size) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", launcher().toString(), "encode", "in", "out",
                "--memory-limit", size).redirectErrorStream(true);
        builder.environment().put("RQ_DRY_RUN", "1");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "launcher timed out");
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    /** {@code java <the launcher's options for size> -cp <test class path> RqCommand args...}. */
    static List<String> command(String size, String... args) throws Exception {
        String options = dryRun(size).lines().filter(line -> line.startsWith("jvm_opts="))
                .findFirst().orElseThrow().substring("jvm_opts=".length());
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(Arrays.asList(options.split(" ")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RqCommand.class.getName()));
        command.addAll(Arrays.asList(args));
        return command;
    }
}
