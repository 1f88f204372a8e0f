package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.RqlibException;
import org.rqlib.layout.Layout;

/**
 * Hostile symbol directories (issue #10 item 2): a FIFO, a link to a FIFO, a link to {@code /dev/zero} and a link
 * to a genuine symbol file outside the directory, in place of symbol files, are skipped and counted like corrupt
 * files, never opened (a FIFO would block the decode in {@code open()} forever); a FIFO or a device as the layout
 * is refused at once with an error naming it (the layout check itself is LayoutJson's). Needs {@code mkfifo} (POSIX).
 */
class NonRegularFilesTest {
    private static final Duration NO_HANG = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private static RaptorQ rq() {
        return RaptorQ.builder().symbolSize(1024).redundancyFactor(2).memoryLimit(48L << 20).threads(2).build();
    }

    @Test
    void fifosDevicesAndLinksInPlaceOfSymbolsAreSkippedAndCounted() throws Exception {
        Path input = TestFiles.random(work, "in.bin", 50_000, 12);
        Path out = work.resolve("out");
        Path outside = Files.createDirectories(work.resolve("outside"));
        try (RaptorQ rq = rq()) {
            Layout layout = rq.encodeFile(input, out).layout();
            List<String> ids = layout.blocks().get(0).symbols();
            Path block = out.resolve("block_0");
            fifo(block.resolve(ids.get(0)), true);
            Files.delete(block.resolve(ids.get(1)));
            Path fifoOutside = outside.resolve("fifo");
            fifo(fifoOutside, false);
            Files.createSymbolicLink(block.resolve(ids.get(1)), fifoOutside);
            Files.delete(block.resolve(ids.get(2)));
            Files.createSymbolicLink(block.resolve(ids.get(2)), Path.of("/dev/zero"));
            Files.move(block.resolve(ids.get(3)), outside.resolve(ids.get(3)));
            Files.createSymbolicLink(block.resolve(ids.get(3)), outside.resolve(ids.get(3)));
            Path decoded = work.resolve("decoded.bin");
            DecodeResult result = assertTimeoutPreemptively(NO_HANG, () -> rq.decodeFile(out, decoded));
            assertArrayEquals(Files.readAllBytes(input), Files.readAllBytes(decoded));
            assertTrue(result.symbolsCorrupt() >= 1, "non-regular files read as symbols: " + result);
            assertEquals(0, result.symbolsMissing(), "non-regular files are not missing ones: " + result);
            Files.delete(block.resolve(ids.get(2))); // JUnit warns about links out of its folder
        }
    }

    @Test
    void aFifoAsTheLayoutIsRefusedAtOnce() throws Exception {
        Path input = TestFiles.random(work, "in.bin", 10_000, 13);
        Path out = work.resolve("out");
        try (RaptorQ rq = rq()) {
            rq.encodeFile(input, out);
            Path layout = out.resolve(RaptorQ.LAYOUT_FILE);
            Files.delete(layout);
            fifo(layout, true);
            Path decoded = work.resolve("decoded.bin");
            RqlibException e = assertTimeoutPreemptively(NO_HANG,
                    () -> assertThrows(RqlibException.class, () -> rq.decodeFile(out, decoded)));
            assertTrue(e.getMessage().contains(layout.toString()) && e.getMessage().contains("not a regular file"),
                    e.getMessage());
            assertFalse(Files.exists(decoded));
        }
    }

    @Test
    void aLinkToADeviceAsTheLayoutIsRefused() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        Path layout = work.resolve("layout.json");
        Files.createSymbolicLink(layout, Path.of("/dev/zero"));
        RqlibException e = assertTimeoutPreemptively(NO_HANG,
                () -> assertThrows(RqlibException.class, () -> RaptorQ.readLayout(layout)));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        Files.delete(layout);
    }

    /** Makes a FIFO at {@code path}, replacing the file there when {@code replace}. */
    static void fifo(Path path, boolean replace) throws Exception {
        if (replace) {
            Files.deleteIfExists(path);
        }
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        } catch (java.io.IOException e) {
            Assumptions.abort("mkfifo is not available here (" + e.getMessage() + "), FIFOs cannot be made");
            return;
        }
        assertEquals(0, mkfifo.waitFor(), "mkfifo " + path);
    }
}
