package org.rqlib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code rq} launcher and the CLI read sizes the same way (issue 10, item 5): {@code --memory-limit 64mb} was
 * accepted by the CLI while the launcher, not understanding it, left the JVM unsized. Runs the launcher in its
 * dry-run mode, which prints the limit it read and the JVM options, and compares with {@link SizeConverter}.
 */
class LauncherSizesTest {
    private static final List<String> SIZES = List.of("64m", "64mb", "64MB", "64Mb", "48M", "1g", "1GB", "2gb",
            "512k", "512KB", "65536", "65536b", "1t");

    @Test
    void launcherReadsEverySizeAsTheCliDoes() throws Exception {
        // the launcher the CLI archive ships as bin/rq (./rq delegates to it); tests run in target/test-cwd
        Path launcher = Path.of("").toAbsolutePath().getParent().getParent().resolve("src/main/bin/rq");
        assertTrue(Files.isRegularFile(launcher), "no rq launcher at " + launcher);
        for (String size : SIZES) {
            String out = dryRun(launcher, size);
            assertTrue(out.contains("memory_limit_bytes=" + SizeConverter.parse(size) + "\n"), size + ": " + out);
        }
        assertTrue(dryRun(launcher, "64mb").contains("-Xmx96m -XX:MaxDirectMemorySize=48m"),
                "the JVM is sized for 64mb: " + dryRun(launcher, "64mb"));
    }

    @Test
    void cliAcceptsSuffixesWithOrWithoutB() {
        assertEquals(64L << 20, SizeConverter.parse("64mb"));
        assertEquals(64L << 20, SizeConverter.parse("64MB"));
        assertEquals(64L << 20, SizeConverter.parse("64M"));
        assertEquals(2L << 30, SizeConverter.parse("2Gb"));
        assertEquals(512L << 10, SizeConverter.parse("512kB"));
        assertEquals(100, SizeConverter.parse("100b"));
    }

    private static String dryRun(Path launcher, String size) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", launcher.toString(), "encode", "in", "out",
                "--memory-limit", size).redirectErrorStream(true);
        builder.environment().put("RQ_DRY_RUN", "1");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "launcher timed out");
        assertEquals(0, process.exitValue(), out);
        return out;
    }
}
