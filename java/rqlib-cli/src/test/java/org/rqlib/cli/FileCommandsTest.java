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
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.ResourceLimitException;

/** {@code rq encode / metadata / decode} end to end, with the documented exit codes and messages. */
class FileCommandsTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path input;
    private byte[] data;

    @BeforeEach
    void sampleFile() throws IOException {
        data = new byte[3 * 1024 * 1024 + 777];
        new Random(4).nextBytes(data);
        input = dir.resolve("input.bin");
        Files.write(input, data);
    }

    private int rq(String... args) {
        err.getBuffer().setLength(0);
        return RqCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void encodeLoseSymbolsDecodeRoundTripsAndMetadataMatchesTheLayout() throws IOException {
        Path symbols = dir.resolve("symbols");
        assertEquals(0, rq("encode", input.toString(), symbols.toString(), "--symbol-size", "16384", "--redundancy", "2",
                "--block-size", "1m", "--memory-limit", "64m", "--threads", "2", "--quiet"), err.toString());
        Path layout = dir.resolve("layout.json");
        assertEquals(0, rq("metadata", input.toString(), layout.toString(), "--symbol-size", "16384", "--redundancy", "2",
                "--block-size", "1m"), err.toString());
        assertArrayEquals(Files.readAllBytes(symbols.resolve("_raptorq_layout.json")), Files.readAllBytes(layout));

        List<Path> files = symbolFiles(symbols);
        assertTrue(files.size() > 4 * 60, "four blocks of 64 source and 64 repair symbols: " + files.size());
        for (int i = 0; i < files.size(); i += 10) {
            Files.delete(files.get(i));
        }
        Path output = dir.resolve("decoded.bin");
        assertEquals(0, rq("decode", symbols.toString(), output.toString(), "--memory-limit", "64m", "--quiet"),
                err.toString());
        assertArrayEquals(data, Files.readAllBytes(output));
    }

    @Test
    void tooFewSymbolsExitOneNamingTheBlockAndLeaveNoOutput() throws IOException {
        Path symbols = dir.resolve("symbols");
        assertEquals(0, rq("encode", input.toString(), symbols.toString(), "--symbol-size", "65535", "--redundancy",
                "2", "--quiet"), err.toString());
        List<Path> files = symbolFiles(symbols);
        for (Path file : files.subList(0, files.size() / 2 + 5)) {
            Files.delete(file);
        }
        Path output = dir.resolve("decoded.bin");
        assertEquals(1, rq("decode", symbols.toString(), output.toString(), "--quiet"));
        assertTrue(err.toString().contains("block_0") && err.toString().contains("more"), err.toString());
        assertFalse(Files.exists(output));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("input.bin", "symbols"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary output may be left behind");
        }
    }

    @Test
    void aMalformedLayoutExitsOneNamingTheField() throws IOException {
        Path symbols = dir.resolve("symbols");
        assertEquals(0, rq("encode", input.toString(), symbols.toString(), "--quiet"), err.toString());
        Path layout = symbols.resolve("_raptorq_layout.json");
        Files.writeString(layout, Files.readString(layout).replaceFirst("\"original_offset\"", "\"offset\""));
        assertEquals(1, rq("decode", symbols.toString(), dir.resolve("o.bin").toString(), "--quiet"));
        assertTrue(err.toString().contains("original_offset"), err.toString());
    }

    @Test
    void usageErrorsExitTwoAndEveryCommandHasHelp() {
        assertEquals(2, rq("encode", input.toString()));
        assertEquals(2, rq("encode", input.toString(), dir.resolve("x").toString(), "--memory-limit", "12q"));
        assertEquals(2, rq("decode"));
        assertEquals(2, rq("metadata", input.toString(), "a", "b"));
        for (String command : new String[] {"encode", "decode", "metadata"}) {
            out.getBuffer().setLength(0);
            assertEquals(0, rq(command, "--help"));
            assertTrue(out.toString().contains("Usage: rq " + command), out.toString());
        }
    }

    @Test
    void badInputExitsOne() {
        assertEquals(1, rq("encode", dir.resolve("missing.bin").toString(), dir.resolve("o").toString(), "--quiet"));
        assertTrue(err.toString().contains("missing.bin"), err.toString());
        // a value rqlib refuses is a usage error (exit 2), like one that does not parse; nothing is written
        assertEquals(2, rq("encode", input.toString(), dir.resolve("o").toString(), "--redundancy", "300", "--quiet"));
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void resourceLimitsMapToExitThree() {
        assertEquals(3, ErrorReporter.exitCode(new ResourceLimitException("no room")));
        assertEquals(3, ErrorReporter.exitCode(new RuntimeException(new ResourceLimitException("no room"))));
        assertEquals(1, ErrorReporter.exitCode(new org.rqlib.InvalidParameterException("bad")));
    }

    private static List<Path> symbolFiles(Path symbols) throws IOException {
        try (Stream<Path> walk = Files.walk(symbols)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getParent().getFileName().toString().startsWith("block_"))
                    .sorted()
                    .toList();
        }
    }
}
