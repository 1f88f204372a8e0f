package org.rqlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of the tests in a JVM of its own (a small heap, say) and returns what it printed. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * Runs {@code mainClass} with the test class path, the serial collector and {@code jvmOptions}; asserts it
     * exits 0 within 5 minutes and returns its standard output and error.
     */
    public static String run(List<String> jvmOptions, Class<?> mainClass, String... args) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertTrue(ended, "timed out: " + text);
        assertEquals(0, process.exitValue(), text);
        return text;
    }
}
