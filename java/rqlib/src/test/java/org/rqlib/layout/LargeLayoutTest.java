package org.rqlib.layout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.ChildJvm;

/**
 * Layouts of large files in the heap the rq launcher gives small memory limits (issue 10, item 1): writing failed
 * above about 340k ids and a 6 GiB file's layout could not be read at 64m, because every id was a String and the
 * whole text was built in memory. A JVM of 96 MiB of heap now writes and reads 700k ids (a default 6 GiB encode),
 * and one of 24 MiB a million ids (32 MB of digests) kept in a spill file, the way a job holds a large layout.
 */
class LargeLayoutTest {
    @TempDir
    Path work;

    @Test
    void sevenHundredThousandIdsRoundTripInTheSmallestLauncherHeap() throws Exception {
        Path layout = work.resolve("layout.json");
        String out = ChildJvm.run(List.of("-Xmx96m"), LargeLayoutMain.class, "700000", layout.toString());
        assertTrue(out.contains("ok 700000"), out);
        assertTrue(Files.size(layout) > 30_000_000L, "layout of " + Files.size(layout) + " bytes");
    }

    @Test
    void aMillionSpilledIdsRoundTripInAHeapSmallerThanTheirDigests() throws Exception {
        // 16 blocks of 65,539 ids: 1,048,624 ids, 33.6 MB of digests, in a 24 MiB heap that may hold 4 MiB of them
        String out = ChildJvm.run(List.of("-Xmx24m"), SpilledLayoutMain.class, "16", work.toString(),
                String.valueOf(4L << 20));
        assertTrue(out.contains("ok 1048624 ids"), out);
        assertTrue(Files.size(work.resolve("read.json")) > 45_000_000L, "layout of "
                + Files.size(work.resolve("read.json")) + " bytes");
    }
}
