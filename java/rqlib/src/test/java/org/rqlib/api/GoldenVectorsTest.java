package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rqlib.NotEnoughSymbolsException;
import org.rqlib.layout.Layout;
import org.rqlib.layout.LayoutBlock;
import org.rqlib.layout.LayoutJson;

/** Encoding every golden case gives the original library's bytes; decoding its symbols gives the input back. */
class GoldenVectorsTest {
    @TempDir
    Path work;

    static List<GoldenCase> cases() throws IOException {
        List<GoldenCase> cases = GoldenCase.all();
        assertFalse(cases.isEmpty(), "no golden cases found under " + GoldenCase.vectorsRoot());
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodeMatchesTheOriginalByteForByte(GoldenCase golden) throws Exception {
        Path input = golden.input(work);
        assertEquals(golden.settings().get("input_sha256").asText(), sha256(input), "regenerated input");
        Path out = work.resolve("out");
        try (RaptorQ rq = golden.builder().memoryLimit(64L << 20).threads(2).build()) {
            rq.encodeFile(input, out);
        }
        byte[] expected = Files.readAllBytes(golden.dir().resolve(RaptorQ.LAYOUT_FILE));
        byte[] actual = Files.readAllBytes(out.resolve(RaptorQ.LAYOUT_FILE));
        assertEquals(new String(expected, "UTF-8"), new String(actual, "UTF-8"), "layout of " + golden);
        assertArrayEquals(expected, actual);
        for (Path blockDir : blockDirs(golden.dir())) {
            Path ours = out.resolve(blockDir.getFileName());
            for (String id : names(blockDir)) {
                assertArrayEquals(Files.readAllBytes(blockDir.resolve(id)), Files.readAllBytes(ours.resolve(id)),
                        golden + " " + blockDir.getFileName() + "/" + id);
            }
            if (golden.allSymbolsKept()) {
                assertEquals(names(blockDir), names(ours), "symbol files of " + golden + " " + blockDir.getFileName());
            }
        }
        assertEquals(names(golden.dir()).stream().filter(n -> n.startsWith("block_")).toList(),
                names(out).stream().filter(n -> n.startsWith("block_")).toList(), "block directories");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void metadataAloneGivesTheSameLayout(GoldenCase golden) throws Exception {
        Path input = golden.input(work);
        try (RaptorQ rq = golden.builder().memoryLimit(64L << 20).threads(1).build()) {
            byte[] layout = LayoutJson.write(rq.createMetadata(input));
            assertArrayEquals(Files.readAllBytes(golden.dir().resolve(RaptorQ.LAYOUT_FILE)), layout);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenSymbolsDecodeToTheInput(GoldenCase golden) throws Exception {
        if (!golden.allSymbolsKept()) {
            // only some symbols are kept for this case: decoding is covered by the round-trip tests instead
            assertFalse(golden.allSymbolsKept());
            return;
        }
        Path decoded = work.resolve("decoded.bin");
        try (RaptorQ rq = golden.builder().memoryLimit(64L << 20).threads(2).build()) {
            DecodeResult result = rq.decodeFile(golden.dir(), decoded);
            assertEquals(0, result.symbolsCorrupt());
        }
        assertEquals(golden.settings().get("input_sha256").asText(), sha256(decoded));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenSymbolsDecodeWithHalfTheRepairCountLost(GoldenCase golden) throws Exception {
        if (!golden.allSymbolsKept()) {
            assertFalse(golden.allSymbolsKept()); // only some symbols kept: nothing to take a share of
            return;
        }
        Path share = copyOf(golden.dir(), work.resolve("share"));
        Layout layout = LayoutJson.read(Files.readAllBytes(share.resolve(RaptorQ.LAYOUT_FILE)));
        for (LayoutBlock block : layout.blocks()) {
            // the first listed symbols are source symbols of source block 0; losing R/2 of them leaves K + R/2
            int lost = block.oti().sourceBlocks() == 1 ? block.repairPerSourceBlock() / 2 : 0;
            for (String id : block.symbols().subList(0, lost)) {
                Files.delete(share.resolve(block.directoryName()).resolve(id));
            }
        }
        Path decoded = work.resolve("decoded.bin");
        try (RaptorQ rq = golden.builder().memoryLimit(64L << 20).threads(1).build()) {
            rq.decodeFile(share, decoded);
        }
        assertEquals(golden.settings().get("input_sha256").asText(), sha256(decoded));
    }

    /**
     * With more symbols lost than a block has repair symbols, rqlib names the block and the count missing. The
     * original reports a "hash mismatch" here (it decodes garbage and only its block hash catches it); rqlib keeps
     * its own, better error (see docs/compatibility.md).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tooFewSymbolsNameTheBlockAndTheCountMissing(GoldenCase golden) throws Exception {
        if (!golden.allSymbolsKept()) {
            assertFalse(golden.allSymbolsKept()); // only some symbols kept: covered by the round-trip tests
            return;
        }
        Path share = copyOf(golden.dir(), work.resolve("share"));
        LayoutBlock first = LayoutJson.read(Files.readAllBytes(share.resolve(RaptorQ.LAYOUT_FILE))).blocks().get(0);
        int lost = first.repairPerSourceBlock() + 1;
        for (String id : first.symbols().subList(0, lost)) {
            Files.delete(share.resolve(first.directoryName()).resolve(id));
        }
        Path decoded = work.resolve("decoded.bin");
        try (RaptorQ rq = golden.builder().memoryLimit(64L << 20).threads(1).build()) {
            NotEnoughSymbolsException e = assertThrows(NotEnoughSymbolsException.class,
                    () -> rq.decodeFile(share, decoded));
            assertTrue(e.block().contains("block_0"), e.getMessage());
            assertTrue(e.moreNeeded() >= 1, e.getMessage());
        }
        assertFalse(Files.exists(decoded), "no output is left behind");
    }

    private static Path copyOf(Path link, Path to) throws IOException {
        Path from = link.toRealPath();
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static List<Path> blockDirs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("block_")).sorted().toList();
        }
    }

    private static Set<String> names(Path dir) throws IOException {
        assertTrue(Files.isDirectory(dir), dir + " is missing");
        try (Stream<Path> s = Files.list(dir)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
