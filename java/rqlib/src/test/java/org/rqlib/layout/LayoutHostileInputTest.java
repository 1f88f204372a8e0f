package org.rqlib.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.JobCancelledException;
import org.rqlib.LayoutException;
import org.rqlib.ResourceLimitException;
import org.rqlib.api.RaptorQ;
import org.rqlib.limits.JobControl;

/**
 * Layouts an attacker controls (issue 10, item 2): each case here hung, ran for minutes or echoed raw control
 * characters before the streaming reader. Each must now end at once with a typed error and a short, escaped message.
 */
class LayoutHostileInputTest {
    private static final Duration QUICK = Duration.ofSeconds(10);

    @TempDir
    Path work;

    /** A 10 MB id was base58-decoded before its length was checked: 15 minutes of CPU. */
    @Test
    void tenMegabyteIdIsRefusedAtOnce() {
        String json = SyntheticLayouts.withFirstId("2".repeat(10_000_000));
        byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
        LayoutException e = assertTimeoutPreemptively(QUICK,
                () -> assertThrows(LayoutException.class, () -> LayoutJson.read(bytes)));
        assertShortAndEscaped(e.getMessage());
    }

    /** Below Jackson's string limit the reader's own check names the field, still without decoding. */
    @Test
    void longIdIsRefusedByLengthNamingItsField() {
        byte[] bytes = SyntheticLayouts.withFirstId("z".repeat(50_000)).getBytes(StandardCharsets.US_ASCII);
        LayoutException e = assertTimeoutPreemptively(QUICK,
                () -> assertThrows(LayoutException.class, () -> LayoutJson.read(bytes)));
        assertEquals("blocks[0].symbols[0]", e.field());
        assertTrue(e.getMessage().contains("has 50000 characters"), e.getMessage());
        assertShortAndEscaped(e.getMessage());
    }

    @Test
    void controlCharactersInAnIdAreEscapedInTheMessage() {
        byte[] bytes = SyntheticLayouts.withFirstId("\\u001b[31mred\\u0007").getBytes(StandardCharsets.US_ASCII);
        LayoutException e = assertThrows(LayoutException.class, () -> LayoutJson.read(bytes));
        assertEquals("blocks[0].symbols[0]", e.field());
        assertTrue(e.getMessage().contains("\\u001b"), e.getMessage());
        assertShortAndEscaped(e.getMessage());
    }

    @Test
    void controlCharactersInANumberFieldAreEscapedInTheMessage() {
        String json = SyntheticLayouts.withFirstId("x").replace("\"block_id\": 0", "\"block_id\": \"\\u001b]0;owned\\u0007\"");
        LayoutException e = assertThrows(LayoutException.class,
                () -> LayoutJson.read(json.getBytes(StandardCharsets.US_ASCII)));
        assertEquals("blocks[0].block_id", e.field());
        assertShortAndEscaped(e.getMessage());
    }

    /** A layout linked to /dev/zero was read with readAllBytes: no cap, an OutOfMemoryError. */
    @Test
    void layoutLinkedToDevZeroIsRefused() throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        Path layout = Files.createSymbolicLink(work.resolve(RaptorQ.LAYOUT_FILE), zero);
        LayoutException e = assertTimeoutPreemptively(QUICK,
                () -> assertThrows(LayoutException.class, () -> RaptorQ.readLayout(layout)));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        Files.delete(layout);   // the link, before JUnit warns about a link out of its temporary folder
    }

    /** A FIFO blocks open() until a writer comes: it must be refused without being opened. */
    @Test
    void layoutThatIsAFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = work.resolve("fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo on this system: " + e.getMessage());
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        Path link = Files.createSymbolicLink(work.resolve("link.json"), fifo);
        for (Path layout : new Path[] {fifo, link}) {
            LayoutException e = assertTimeoutPreemptively(QUICK,
                    () -> assertThrows(LayoutException.class, () -> RaptorQ.readLayout(layout)));
            assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        }
    }

    /** Endless whitespace is valid JSON padding: the cap that grows with what was read cuts it off. */
    @Test
    void endlessPaddingIsCutOff() {
        InputStream spaces = new InputStream() {
            @Override
            public int read() {
                return ' ';
            }
        };
        LayoutException e = assertTimeoutPreemptively(QUICK, () -> assertThrows(LayoutException.class,
                () -> LayoutJson.read(spaces, JobControl.none(), Long.MAX_VALUE)));
        assertEquals("(document)", e.field());
    }

    @Test
    void endlessPaddingInsideABlockIsCutOff() {
        byte[] head = "{\"blocks\": [{\"block_id\": 0, \"symbols\": [".getBytes(StandardCharsets.US_ASCII);
        InputStream endless = new InputStream() {
            private int at;

            @Override
            public int read() {
                return at < head.length ? head[at++] : '\n';
            }
        };
        assertTimeoutPreemptively(QUICK, () -> assertThrows(LayoutException.class,
                () -> LayoutJson.read(endless, JobControl.none(), Long.MAX_VALUE)));
    }

    @Test
    void cancelStopsParsing() {
        byte[] bytes = LayoutJson.write(SyntheticLayouts.of(new Random(2), 1, 50L << 20, 2000));
        JobControl control = JobControl.none();
        control.cancel();
        assertThrows(JobCancelledException.class,
                () -> LayoutJson.read(new ByteArrayInputStream(bytes), control, Long.MAX_VALUE));
    }

    @Test
    void idsBeyondTheHeapAllowanceAreAResourceLimit() {
        Layout layout = SyntheticLayouts.of(new Random(3), 1, 10L << 20, 100);
        byte[] bytes = LayoutJson.write(layout);
        ResourceLimitException e = assertThrows(ResourceLimitException.class,
                () -> LayoutJson.read(new ByteArrayInputStream(bytes), JobControl.none(), 100 * 32));
        assertTrue(e.getMessage().contains("more than 100 symbol ids"), e.getMessage());
    }

    @Test
    void aFieldGivenTwiceIsRefused() {
        String json = SyntheticLayouts.withFirstId("x").replace("\"size\": 100000,",
                "\"size\": 100000,\n      \"size\": 100000,");
        LayoutException e = assertThrows(LayoutException.class,
                () -> LayoutJson.read(json.getBytes(StandardCharsets.US_ASCII)));
        assertEquals("blocks[0].size", e.field());
    }

    @Test
    void contentAfterTheLayoutIsRefused() {
        byte[] json = (new String(LayoutJson.write(SyntheticLayouts.of(new Random(4), 1, 1000, 1)),
                StandardCharsets.US_ASCII) + " {}").getBytes(StandardCharsets.US_ASCII);
        LayoutException e = assertThrows(LayoutException.class, () -> LayoutJson.read(json));
        assertEquals("(document)", e.field());
    }

    private static void assertShortAndEscaped(String message) {
        assertTrue(message.length() < 400, "message of " + message.length() + " characters");
        for (char c : message.toCharArray()) {
            assertTrue(c >= 0x20 && c < 0x7f, "raw character " + (int) c + " in: " + message);
        }
    }
}
