package org.rqlib.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rq encode - OUTDIR} reads standard input and {@code rq decode DIR -} writes standard output. */
class PipeCommandsTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int rq(String... args) {
        return RqCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aPipeEncodesLikeTheFileAndDecodesToStandardOutput() throws Exception {
        byte[] data = new byte[2 * 1024 * 1024 + 555];
        new Random(8).nextBytes(data);
        Path input = dir.resolve("input.bin");
        Files.write(input, data);
        String[] settings = {"--symbol-size", "16384", "--redundancy", "2", "--block-size", "1m", "--memory-limit",
            "64m", "--quiet"};

        Path fromFile = dir.resolve("from-file");
        assertEquals(0, rq(concat(new String[] {"encode", input.toString(), fromFile.toString()}, settings)),
                err.toString());
        Path fromPipe = dir.resolve("from-pipe");
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(data));
            assertEquals(0, rq(concat(new String[] {"encode", "-", fromPipe.toString()}, settings)), err.toString());
        } finally {
            System.setIn(stdin);
        }
        assertEquals(listing(fromFile), listing(fromPipe));

        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, false));
            assertEquals(0, rq("decode", fromPipe.toString(), "-", "--memory-limit", "64m"), err.toString());
        } finally {
            System.setOut(stdout);
        }
        assertArrayEquals(data, captured.toByteArray(), "standard output holds the file and nothing else");
        assertTrue(err.toString().contains("standard output"), "the summary goes to standard error: " + err);
        assertEquals("", out.toString());
    }

    @Test
    void maxMemoryMbTakesTheOriginalsUnit() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024];
        new Random(9).nextBytes(data);
        Path input = dir.resolve("input.bin");
        Files.write(input, data);
        Path mb = dir.resolve("mb.json");
        Path bytes = dir.resolve("bytes.json");
        // max_memory_mb 3: S = 2 MiB, so 3 MiB is cut into blocks; the same as --layout-memory 3m
        assertEquals(0, rq("metadata", input.toString(), mb.toString(), "--max-memory-mb", "3"), err.toString());
        assertEquals(0, rq("metadata", input.toString(), bytes.toString(), "--layout-memory", "3m"), err.toString());
        assertArrayEquals(Files.readAllBytes(bytes), Files.readAllBytes(mb));
        assertTrue(Files.readString(mb).contains("\"block_id\": 1"), "several blocks");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static List<String> listing(Path root) throws Exception {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.add(root.relativize(p) + " " + java.util.Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return files;
    }
}
