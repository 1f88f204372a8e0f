package org.rqlib.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.CorruptDataException;
import org.rqlib.OutputLockedException;
import org.rqlib.RqlibIoException;
import org.rqlib.api.DecodeResult;
import org.rqlib.api.EncodeOptions;
import org.rqlib.api.EncodeResult;
import org.rqlib.api.RaptorQ;
import org.rqlib.layout.Layout;
import org.rqlib.layout.LayoutBlock;
import org.rqlib.limits.JobControl;

/**
 * The SymbolStore SPI: an encode into any store gives the directory's symbol files and layout, byte for byte; a
 * decode from any store checks every symbol it reads; a failed encode makes the store discard what it got.
 */
class SymbolStoreTest {
    @TempDir
    Path work;

    private byte[] data;
    private Path input;
    private Path directory;
    private Layout layout;

    private RaptorQ rq() {
        return RaptorQ.builder().symbolSize(8192).redundancyFactor(2).blockSize(512 * 1024).memoryLimit(64L << 20)
                .threads(2).scratchDirectory(work).build();
    }

    @BeforeEach
    void encodeIntoADirectory() throws Exception {
        data = new byte[1_300_000];
        new Random(31).nextBytes(data);
        input = work.resolve("in.bin");
        Files.write(input, data);
        directory = work.resolve("dir");
        try (RaptorQ rq = rq()) {
            layout = rq.encodeFile(input, directory).layout();
        }
    }

    @Test
    void aMemoryStoreHoldsTheDirectorysBytesAndDecodesAfterLossAndCorruption() throws Exception {
        MemorySymbolStore store = new MemorySymbolStore();
        try (RaptorQ rq = rq()) {
            EncodeResult result = rq.encode(input, store, EncodeOptions.defaults(), JobControl.none());
            assertEquals(layout, result.layout());
        }
        assertArrayEquals(Files.readAllBytes(directory.resolve(RaptorQ.LAYOUT_FILE)), store.readLayout());
        for (LayoutBlock block : layout.blocks()) {
            List<String> stored = new ArrayList<>(store.listSymbols(block.blockId()));
            Collections.sort(stored);
            List<String> expected = new ArrayList<>(block.symbols());
            Collections.sort(expected);
            assertEquals(expected, stored, block.directoryName());
            for (String id : stored) {
                byte[] file = Files.readAllBytes(directory.resolve(block.directoryName()).resolve(id));
                ByteBuffer read = ByteBuffer.allocate(file.length + 10);
                assertEquals(file.length, store.readSymbol(block.blockId(), id, read));
                assertArrayEquals(file, java.util.Arrays.copyOf(read.array(), file.length), id);
            }
        }
        // lose a tenth of each block, corrupt one symbol: the decode skips it and still succeeds
        Random random = new Random(7);
        int removed = 0;
        for (LayoutBlock block : layout.blocks()) {
            for (String id : block.symbols()) {
                if (random.nextInt(10) == 0 && store.removeSymbol(block.blockId(), id)) {
                    removed++;
                }
            }
        }
        String victim = layout.blocks().get(0).symbols().get(3);
        ByteBuffer garbage = ByteBuffer.allocate(4 + 8192);
        store.removeSymbol(0, victim);
        store.writeSymbol(0, victim, garbage);
        try (RaptorQ rq = rq()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DecodeResult result = rq.decode(store, out, JobControl.none());
            assertArrayEquals(data, out.toByteArray());
            assertEquals(1, result.symbolsCorrupt());
            assertEquals(1, result.stats().corruptSymbolsSkipped());
            assertTrue(result.symbolsMissing() > 0 && result.symbolsMissing() <= removed, result.toString());

            Path decoded = work.resolve("decoded.bin");
            rq.decode(store, decoded, JobControl.none());
            assertArrayEquals(data, Files.readAllBytes(decoded));
        }
    }

    @Test
    void aStreamOfUnknownLengthEncodesIntoAStore() throws Exception {
        MemorySymbolStore store = new MemorySymbolStore();
        try (RaptorQ rq = rq()) {
            rq.encode(new ByteArrayInputStream(data), -1, store, EncodeOptions.defaults(), JobControl.none());
        }
        assertArrayEquals(Files.readAllBytes(directory.resolve(RaptorQ.LAYOUT_FILE)), store.readLayout());
    }

    @Test
    void symbolsCopiedThroughTheSpiIntoADirectoryStoreDecodeAsTheOriginalDirectory() throws Exception {
        MemorySymbolStore memory = new MemorySymbolStore();
        try (RaptorQ rq = rq()) {
            rq.encode(input, memory, EncodeOptions.defaults(), JobControl.none());
        }
        Path copy = work.resolve("copy");
        DirectorySymbolStore target = new DirectorySymbolStore(copy);
        for (int block : memory.blocks()) {
            for (String id : memory.listSymbols(block)) {
                ByteBuffer file = ByteBuffer.allocate(4 + 8192);
                memory.readSymbol(block, id, file);
                target.writeSymbol(block, id, file.flip());
            }
        }
        target.publishLayout(memory.readLayout());
        assertEquals(org.rqlib.api.TestListing.of(directory), org.rqlib.api.TestListing.of(copy));
        assertEquals(memory.listSymbols(0).size(), target.listSymbols(0).size());
        assertTrue(target.listSymbols(99).isEmpty());
        assertArrayEquals(memory.readLayout(), target.readLayout());
        ByteBuffer wrong = ByteBuffer.allocate(4 + 8192);
        assertThrows(CorruptDataException.class, () -> target.writeSymbol(0, memory.listSymbols(0).get(0), wrong),
                "a directory store refuses bytes that do not hash to the id");
        try (RaptorQ rq = rq()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            rq.decode(target, out, JobControl.none());
            assertArrayEquals(data, out.toByteArray());
        }
    }

    /**
     * Issue 10 item 3: called directly, a directory store's publishLayout replaced an existing layout (a move with
     * REPLACE_EXISTING), so a second writer silently swapped the first encode's layout for its own.
     */
    @Test
    void aDirectoryStoreNeverPublishesOverAnExistingLayout() throws Exception {
        Path layoutFile = directory.resolve(DirectorySymbolStore.LAYOUT_FILE);
        byte[] first = Files.readAllBytes(layoutFile);
        List<String> before = org.rqlib.api.TestListing.of(directory);
        OutputLockedException e = assertThrows(OutputLockedException.class,
                () -> new DirectorySymbolStore(directory).publishLayout("{\"blocks\":[]}".getBytes()));
        assertTrue(e.getMessage().contains(layoutFile.toString()), e.getMessage());
        assertArrayEquals(first, Files.readAllBytes(layoutFile), "the published layout was replaced");
        assertEquals(before, org.rqlib.api.TestListing.of(directory), "files left by the refused publish");

        // two publishers racing into one new directory: exactly one layout wins, the other is told
        Path fresh = Files.createDirectories(work.resolve("fresh"));
        List<Throwable> outcomes = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            byte[] mine = ("{\"writer\":" + i + "}").getBytes();
            threads.add(new Thread(() -> {
                try {
                    new DirectorySymbolStore(fresh).publishLayout(mine);
                    outcomes.add(null);
                } catch (RuntimeException failure) {
                    outcomes.add(failure);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, outcomes.stream().filter(o -> o == null).count(), "publishers that succeeded: " + outcomes);
        assertTrue(outcomes.stream().anyMatch(o -> o instanceof OutputLockedException), "outcomes: " + outcomes);
        try (var names = Files.list(fresh)) {
            assertEquals(List.of(DirectorySymbolStore.LAYOUT_FILE),
                    names.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aFailedEncodeDiscardsWhatTheStoreGotAndPublishesNoLayout() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        MemorySymbolStore inner = new MemorySymbolStore();
        AtomicInteger discards = new AtomicInteger();
        SymbolStore failing = new SymbolStore() {
            @Override
            public void writeSymbol(int block, String id, ByteBuffer file) {
                if (writes.incrementAndGet() == 50) {
                    throw new RqlibIoException("node storage full", new java.io.IOException("full"));
                }
                inner.writeSymbol(block, id, file);
            }

            @Override
            public List<String> listSymbols(int block) {
                return inner.listSymbols(block);
            }

            @Override
            public int readSymbol(int block, String id, ByteBuffer dst) {
                return inner.readSymbol(block, id, dst);
            }

            @Override
            public void publishLayout(byte[] layoutJson) {
                inner.publishLayout(layoutJson);
            }

            @Override
            public byte[] readLayout() {
                return inner.readLayout();
            }

            @Override
            public void discard() {
                discards.incrementAndGet();
                inner.discard();
            }
        };
        try (RaptorQ rq = rq()) {
            RqlibIoException e = assertThrows(RqlibIoException.class,
                    () -> rq.encode(input, failing, EncodeOptions.defaults(), JobControl.none()));
            assertTrue(e.getMessage().contains("node storage full"), e.getMessage());
        }
        assertEquals(1, discards.get());
        assertNull(inner.readLayout());
        assertTrue(inner.blocks().isEmpty());
    }

    @Test
    void aDirectoryStoreEncodeIsEncodeFile() throws Exception {
        Path viaStore = work.resolve("via-store");
        try (RaptorQ rq = rq()) {
            rq.encode(input, new DirectorySymbolStore(viaStore), EncodeOptions.defaults(), JobControl.none());
        }
        assertEquals(org.rqlib.api.TestListing.of(directory), org.rqlib.api.TestListing.of(viaStore));
        assertFalse(new DirectorySymbolStore(work.resolve("nothing")).readLayout() != null);
    }
}
