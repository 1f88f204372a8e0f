package org.rqlib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
        for (String size : SIZES) {
            String out = LauncherJvm.dryRun(size);
            assertTrue(out.contains("memory_limit_bytes=" + SizeConverter.parse(size) + "\n"), size + ": " + out);
        }
    }

    /**
     * The launcher gives the heap rqlib's heap share of the limit and direct memory the rest, so heap and direct
     * memory add up to the limit (issue 10, item 1: the old launcher gave every limit up to 384m a 96 MiB heap).
     */
    @Test
    void launcherSplitsTheLimitAsRqlibCountsIt() throws Exception {
        for (String size : List.of("48m", "64mb", "100m", "128m", "200m", "512m", "2g")) {
            long limitMib = SizeConverter.parse(size) >> 20;
            String out = LauncherJvm.dryRun(size);
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

    @Test
    void cliAcceptsSuffixesWithOrWithoutB() {
        assertEquals(64L << 20, SizeConverter.parse("64mb"));
        assertEquals(64L << 20, SizeConverter.parse("64MB"));
        assertEquals(64L << 20, SizeConverter.parse("64M"));
        assertEquals(2L << 30, SizeConverter.parse("2Gb"));
        assertEquals(512L << 10, SizeConverter.parse("512kB"));
        assertEquals(100, SizeConverter.parse("100b"));
    }
}
