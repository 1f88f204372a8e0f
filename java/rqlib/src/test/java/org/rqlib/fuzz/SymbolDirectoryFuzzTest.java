package org.rqlib.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.RqlibException;
import org.rqlib.RqlibIoException;
import org.rqlib.api.RaptorQ;
import org.rqlib.faults.DirectorySnapshot;
import org.rqlib.io.Blake3;
import org.rqlib.layout.Layout;
import org.rqlib.layout.LayoutBlock;
import org.rqlib.layout.LayoutJson;

/**
 * Fuzzes {@link RaptorQ#decodeFile} with damaged copies of the golden symbol directories (see
 * {@link SymbolDirectoryMutator}), a fifth of them also with a FIFO, a link to a FIFO or to {@code /dev/zero}, or a
 * link out of the directory in place of a symbol file or the layout. Every input ends in the file or a typed exception: an {@link RqlibException},
 * or an {@link RqlibIoException} where a symbol path cannot be read as a file (e.g. it is a folder), as
 * docs/reliability.md says. A success gives bytes whose every block has the layout's BLAKE3 hash, and the input
 * itself when the layout was not changed; a failure leaves no output and no temporary file; the symbol directory
 * is never changed by a decode.
 */
class SymbolDirectoryFuzzTest {
    private static final List<byte[]> LAYOUTS = GoldenCorpus.layouts();
    /** FIFOs, links out of the directory and devices in place of files, where mkfifo exists (POSIX). */
    private static final boolean FIFOS = Files.isExecutable(Path.of("/usr/bin/mkfifo"))
            || Files.isExecutable(Path.of("/bin/mkfifo"));
    private static final RaptorQ RQ = RaptorQ.builder().memoryLimit(64L << 20).threads(2).build();

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        RQ.close();
    }

    @Test
    void damagedSymbolDirectoriesDecodeOrFailCleanly() {
        FuzzReport report = new FuzzHarness("symbol-directory", FuzzBudget.forTarget(600), 30_000)
                .accepting(e -> e instanceof RqlibException || e instanceof RqlibIoException)
                .run(this::input);
        assertTrue(report.findings().isEmpty(), report.details());
        assertTrue(report.passed() > report.inputs() / 5, "too few damaged directories decoded: " + report.summary());
    }

    private void input(Random random, FuzzSample sample) throws Exception {
        List<Path> cases = GoldenCorpus.completeCases();
        Path golden = cases.get(random.nextInt(cases.size()));
        Path symbols = dir.resolve("symbols");
        Path work = dir.resolve("out");
        SymbolDirectoryMutator.deleteTree(symbols);
        SymbolDirectoryMutator.deleteTree(work);
        Files.createDirectories(work);
        SymbolDirectoryMutator.copy(golden, symbols);
        Path outside = dir.resolve("outside");
        SymbolDirectoryMutator.deleteTree(outside);
        String damage = SymbolDirectoryMutator.mutate(symbols, random, LAYOUTS);
        if (FIFOS && random.nextInt(5) == 0) {
            damage += SymbolDirectoryMutator.nonRegular(symbols, outside, random);
        }
        Path layoutFile = symbols.resolve(RaptorQ.LAYOUT_FILE);
        // the layout as the decode reads it (through a link to a regular file), but never a FIFO or a device:
        // the decode must refuse those, and the test must not block on them
        byte[] layoutBytes = Files.isRegularFile(layoutFile) ? Files.readAllBytes(layoutFile) : new byte[0];
        sample.bytes(layoutBytes);
        sample.describe(golden.getFileName() + ": " + damage);
        DirectorySnapshot before = DirectorySnapshot.of(symbols);
        Path output = work.resolve("decoded.bin");
        try {
            RQ.decodeFile(symbols, output);
            checkOutput(golden, layoutBytes, output);
        } catch (RuntimeException e) {
            assertFalse(Files.exists(output), "a failed decode left its output: " + e);
            throw e;
        } finally {
            assertEquals(before, DirectorySnapshot.of(symbols), "the decode changed the symbol directory");
            try (Stream<Path> left = Files.list(work)) {
                List<Path> files = left.filter(p -> !p.equals(output)).toList();
                assertTrue(files.isEmpty(), "left behind: " + files);
            }
        }
    }

    private static void checkOutput(Path golden, byte[] layoutBytes, Path output) throws Exception {
        byte[] decoded = Files.readAllBytes(output);
        byte[] original = Files.readAllBytes(golden.resolve("_raptorq_layout.json"));
        Layout layout = LayoutJson.read(layoutBytes);
        if (layout.equals(LayoutJson.read(original))) {
            assertArrayEquals(Files.readAllBytes(golden.resolve("input.bin")), decoded, "decoded bytes");
            return;
        }
        assertEquals(layout.fileSize(), decoded.length, "decoded size under a mutated layout");
        ByteBuffer bytes = ByteBuffer.wrap(decoded);
        for (LayoutBlock block : layout.blocks()) {
            assertEquals(block.hash(), Blake3.id(bytes, (int) block.originalOffset(), (int) block.size()),
                    "block " + block.blockId() + " under a mutated layout");
        }
    }
}
