package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.CorruptDataException;
import org.rqlib.NotEnoughSymbolsException;
import org.rqlib.layout.Layout;
import org.rqlib.layout.LayoutBlock;
import org.rqlib.limits.JobControl;

/**
 * Decoding to an OutputStream or a channel writes the file in order, block by block, and no byte of a block
 * leaves before the block is whole and its hash matches the layout.
 */
@ExtendWith(NoBufferFreedTwice.class)
class StreamDecodeTest {
    @TempDir
    Path work;

    private byte[] data;
    private Path symbols;
    private Layout layout;

    private RaptorQ rq() {
        return RaptorQ.builder().symbolSize(16384).redundancyFactor(2).blockSize(1 << 20).memoryLimit(64L << 20)
                .threads(2).scratchDirectory(work).build();
    }

    @BeforeEach
    void encodeFourBlocks() throws Exception {
        data = new byte[3 * 1024 * 1024 + 4321];
        new Random(21).nextBytes(data);
        Path input = work.resolve("in.bin");
        Files.write(input, data);
        symbols = work.resolve("symbols");
        try (RaptorQ rq = rq()) {
            layout = rq.encodeFile(input, symbols).layout();
        }
        assertEquals(4, layout.blocks().size());
    }

    @Test
    void decodesToAStreamAndAChannelAfterLosingSymbols() throws Exception {
        TestFiles.deleteFraction(symbols, 0.10, 3);
        try (RaptorQ rq = rq()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DecodeResult result = rq.decode(symbols, out);
            assertArrayEquals(data, out.toByteArray());
            assertNull(result.output());
            assertEquals(data.length, result.stats().bytes());
            assertTrue(result.symbolsMissing() > 0, result.toString());

            ByteArrayOutputStream viaChannel = new ByteArrayOutputStream();
            rq.decode(symbols, Channels.newChannel(viaChannel));
            assertArrayEquals(data, viaChannel.toByteArray());
        }
        assertEquals(List.of("in.bin", "symbols"), names(work), "the scratch file is gone");
    }

    @Test
    void aBlockWithTooFewSymbolsFailsBeforeAnyOfItsBytesLeave() throws Exception {
        LayoutBlock second = layout.blocks().get(1);
        List<String> ids = second.symbols();
        for (String id : ids.subList(0, ids.size() / 2 + 2)) {
            Files.delete(symbols.resolve(second.directoryName()).resolve(id));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RaptorQ rq = rq()) {
            NotEnoughSymbolsException e = assertThrows(NotEnoughSymbolsException.class, () -> rq.decode(symbols, out));
            assertTrue(e.getMessage().contains("block_1"), e.getMessage());
        }
        assertArrayEquals(Arrays.copyOf(data, (int) second.originalOffset()), out.toByteArray(),
                "exactly the blocks before the failed one were written");
    }

    @Test
    void aBlockWhoseHashDiffersFromTheLayoutFailsBeforeAnyOfItsBytesLeave() throws Exception {
        LayoutBlock third = layout.blocks().get(2);
        LayoutBlock fourth = layout.blocks().get(3);
        Path layoutFile = symbols.resolve(RaptorQ.LAYOUT_FILE);
        // the layout claims block 2 holds block 3's bytes: every symbol checks out, the decoded bytes do not
        String json = Files.readString(layoutFile, StandardCharsets.UTF_8).replace(third.hash(), fourth.hash());
        Files.writeString(layoutFile, json, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RaptorQ rq = rq()) {
            CorruptDataException e = assertThrows(CorruptDataException.class,
                    () -> rq.decode(symbols, Channels.newChannel(out)));
            assertTrue(e.getMessage().contains("block_2"), e.getMessage());
        }
        assertArrayEquals(Arrays.copyOf(data, (int) third.originalOffset()), out.toByteArray());
    }

    @Test
    void progressIsMonotonicAndEndsAtTheFileSize() throws Exception {
        TestFiles.deleteFraction(symbols, 0.20, 4);
        List<long[]> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RaptorQ rq = rq()) {
            rq.decode(new org.rqlib.store.DirectorySymbolStore(symbols), new ByteArrayOutputStream(),
                    new JobControl((done, total) -> calls.add(new long[] {done, total})));
        }
        for (int i = 1; i < calls.size(); i++) {
            assertTrue(calls.get(i)[0] >= calls.get(i - 1)[0], "monotonic at call " + i);
            assertEquals(data.length, calls.get(i)[1]);
        }
        assertEquals(data.length, calls.get(calls.size() - 1)[0], "reaches exactly the total");
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
