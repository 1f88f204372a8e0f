package org.rqlib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rqlib.api.RaptorQ;

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
        Path launcher = launcher();
        for (String size : SIZES) {
            String out = dryRun(launcher, size);
            assertTrue(out.contains("memory_limit_bytes=" + SizeConverter.parse(size) + "\n"), size + ": " + out);
        }
    }

    /**
     * The launcher gives the heap rqlib's heap share of the limit and direct memory the rest, so heap and direct
     * memory add up to the limit (issue 10, item 1: the old launcher gave every limit up to 384m a 96 MiB heap).
     */
    @Test
    void launcherSplitsTheLimitAsRqlibCountsIt() throws Exception {
        Path launcher = launcher();
        for (String size : List.of("48m", "64mb", "100m", "128m", "200m", "512m", "2g")) {
            long limitMib = SizeConverter.parse(size) >> 20;
            String out = dryRun(launcher, size);
            long heapMib = option(out, "-Xmx");
            long directMib = option(out, "-XX:MaxDirectMemorySize=");
            assertEquals(RaptorQ.heapShare(limitMib << 20) >> 20, heapMib, size + ": " + out);
            assertEquals(limitMib, heapMib + directMib, size + ": heap and direct memory add up to it: " + out);
        }
    }

    private static long option(String dryRun, String name) {
        Matcher m = Pattern.compile("(?:^| |=)" + Pattern.quote(name) + "(\\d+)m").matcher(dryRun);
        assertTrue(m.find(), name + " in " + dryRun);
        return Long.parseLong(m.group(1));
    }

    private static Path launcher() {
        // the launcher the CLI archive ships as bin/rq (./rq delegates to it); tests run in target/test-cwd
        Path launcher = Path.of("").toAbsolutePath().getParent().getParent().resolve("src/main/bin/rq");
        assertTrue(Files.isRegularFile(launcher), "no rq launcher at " + launcher);
        return launcher;
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
