package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.JobCancelledException;
import org.rqlib.NotEnoughSymbolsException;
import org.rqlib.io.ScratchFile;
import org.rqlib.layout.Layout;
import org.rqlib.layout.LayoutBlock;
import org.rqlib.layout.SymbolIds;
import org.rqlib.limits.JobControl;

/**
 * Jobs whose ids spill to disk (issue 10, item 1): with the spill threshold forced down, encode (file and stream),
 * metadata and decode (to a file and to a stream) give exactly the bytes of the in-heap path, the spill file
 * exists while the job runs and is gone when it ends, after success, failure or cancel.
 */
class IdSpillTest {
    /** 13 blocks of 32 KiB or less, 32 source and 64 repair symbols each: 1,173 ids. */
    private static final long SIZE = 400_000;

    @TempDir
    Path work;

    @AfterEach
    void defaultThreshold() {
        JobHeap.spillAboveIds(-1);
    }

    private RaptorQ rq() throws IOException {
        return RaptorQ.builder().symbolSize(1024).redundancyFactor(2).blockSize(32L << 10).memoryLimit(48L << 20)
                .threads(2).scratchDirectory(Files.createDirectories(work.resolve("scratch"))).build();
    }

    @Test
    void encodeAndDecodeThroughTheSpillGiveTheInHeapBytes() throws Exception {
        Path input = TestFiles.random(work, "in.bin", SIZE, 31);
        Path plain = work.resolve("plain");
        Path spilled = work.resolve("spilled");
        Path mixed = work.resolve("mixed");
        Path target = Files.createDirectories(work.resolve("target"));
        try (RaptorQ rq = rq()) {
            EncodeResult inHeap = rq.encodeFile(input, plain);
            assertTrue(inHeap.layout().blocks().stream().allMatch(b -> b.symbols() instanceof SymbolIds),
                    "a small layout stays in the heap by default");

            JobHeap.spillAboveIds(0);
            SpillWatch encodeWatch = new SpillWatch(spilled);
            EncodeResult onDisk = rq.encodeFile(input, spilled, encodeWatch.control());
            assertTrue(encodeWatch.seen.get(), "no ids spill file while the encode ran");
            assertEquals(inHeap.symbolCount(), onDisk.symbolCount());
            LayoutBlock first = onDisk.layout().blocks().get(0);
            assertFalse(first.symbols() instanceof SymbolIds, "block 0 was kept in the heap");
            assertEquals(inHeap.layout().blocks().get(0).symbols().size(), first.symbols().size());
            IllegalStateException released = assertThrows(IllegalStateException.class, () -> first.symbols().get(0));
            assertTrue(released.getMessage().contains("layout file"), released.getMessage());
            assertEquals(tree(plain), tree(spilled), "symbol files and layout differ from the in-heap encode");

            // some blocks in the heap, the rest on disk
            JobHeap.spillAboveIds(300);
            rq.encodeFile(input, mixed);
            assertEquals(tree(plain), tree(mixed));

            JobHeap.spillAboveIds(0);
            SpillWatch decodeWatch = new SpillWatch(target);
            Path decoded = target.resolve("decoded.bin");
            TestFiles.deleteFraction(spilled, 0.2, 32);
            rq.decodeFile(spilled, spilled.resolve(RaptorQ.LAYOUT_FILE), decoded, decodeWatch.control());
            assertTrue(decodeWatch.seen.get(), "no ids spill file while the decode ran");
            assertArrayEquals(Files.readAllBytes(input), Files.readAllBytes(decoded));

            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            SpillWatch streamWatch = new SpillWatch(work.resolve("scratch"));
            rq.decode(spilled, spilled.resolve(RaptorQ.LAYOUT_FILE), stream, streamWatch.control());
            assertTrue(streamWatch.seen.get(), "no ids spill file while the stream decode ran");
            assertArrayEquals(Files.readAllBytes(input), stream.toByteArray());
        }
        assertEquals(List.of(), scratchFiles(spilled));
        assertEquals(List.of(), scratchFiles(mixed));
        assertEquals(List.of("decoded.bin"), names(target));
        assertEquals(List.of(), names(work.resolve("scratch")));
    }

    @Test
    void streamEncodeAndMetadataThroughTheSpillGiveTheInHeapBytes() throws Exception {
        Path input = TestFiles.random(work, "in.bin", SIZE, 33);
        Path plain = work.resolve("plain");
        Path fromStream = work.resolve("stream");
        Path layoutFile = work.resolve("meta").resolve("layout.json");
        Files.createDirectories(layoutFile.getParent());
        try (RaptorQ rq = rq()) {
            long symbols = rq.encodeFile(input, plain).symbolCount();
            JobHeap.spillAboveIds(0);
            SpillWatch streamWatch = new SpillWatch(fromStream);
            try (InputStream in = Files.newInputStream(input)) {
                rq.encode(in, -1, fromStream, EncodeOptions.defaults(), streamWatch.control());
            }
            assertTrue(streamWatch.seen.get(), "no ids spill file while the stream encode ran");
            assertEquals(tree(plain), tree(fromStream));

            SpillWatch metadataWatch = new SpillWatch(work.resolve("scratch"));
            Layout layout = rq.createMetadata(input, layoutFile, metadataWatch.control());
            assertTrue(metadataWatch.seen.get(), "no ids spill file while metadata ran");
            assertEquals(symbols, RaptorQ.symbolCount(layout));
            assertArrayEquals(Files.readAllBytes(plain.resolve(RaptorQ.LAYOUT_FILE)), Files.readAllBytes(layoutFile));
        }
        assertEquals(List.of(), scratchFiles(fromStream));
        assertEquals(List.of(), names(work.resolve("scratch")));
        assertEquals(List.of("layout.json"), names(layoutFile.getParent()));
    }

    @Test
    void aCancelledEncodeAndAFailedDecodeLeaveNoSpill() throws Exception {
        Path input = TestFiles.random(work, "in.bin", SIZE, 34);
        Path out = work.resolve("out");
        Path cancelled = work.resolve("cancelled");
        Path target = Files.createDirectories(work.resolve("target"));
        try (RaptorQ rq = rq()) {
            rq.encodeFile(input, out);
            JobHeap.spillAboveIds(0);
            AtomicBoolean seen = new AtomicBoolean();
            JobControl[] control = new JobControl[1];
            control[0] = new JobControl((done, total) -> {
                if (!scratchFiles(cancelled).isEmpty()) {
                    seen.set(true);
                    control[0].cancel();
                }
            });
            assertThrows(JobCancelledException.class, () -> rq.encodeFile(input, cancelled, control[0]));
            assertTrue(seen.get(), "the encode was not cancelled while it had a spill file");
            assertFalse(Files.exists(cancelled), "the cancelled encode left " + cancelled);

            // the last block loses all but a few symbols: the decode fails after the spill was made
            List<Path> lastBlock;
            try (Stream<Path> files = Files.list(out.resolve("block_12"))) {
                lastBlock = files.sorted().toList();
            }
            for (Path file : lastBlock.subList(5, lastBlock.size())) {
                Files.delete(file);
            }
            SpillWatch watch = new SpillWatch(target);
            assertThrows(NotEnoughSymbolsException.class, () -> rq.decodeFile(out, out.resolve(RaptorQ.LAYOUT_FILE),
                    target.resolve("decoded.bin"), watch.control()));
            assertTrue(watch.seen.get(), "no ids spill file while the failing decode ran");
        }
        assertEquals(List.of(), names(target), "the failed decode left files");
    }

    @Test
    void aSpillLeftByAKilledJobIsRemovedByTheNext() throws Exception {
        Path input = TestFiles.random(work, "in.bin", SIZE, 35);
        Path out = work.resolve("out");
        Path target = Files.createDirectories(work.resolve("target"));
        Path killed = target.resolve(ScratchFile.PREFIX + "ids-killed.tmp");
        Files.write(killed, new byte[SymbolIds.BYTES_PER_ID * 96]);
        try (RaptorQ rq = rq()) {
            rq.encodeFile(input, out);
            JobHeap.spillAboveIds(0);
            rq.decodeFile(out, out.resolve(RaptorQ.LAYOUT_FILE), target.resolve("decoded.bin"), JobControl.none());
        }
        assertEquals(List.of("decoded.bin"), names(target));
    }

    /** A job control whose progress calls note whether an ids spill file exists in {@code directory}. */
    private static final class SpillWatch {
        final AtomicBoolean seen = new AtomicBoolean();
        private final Path directory;

        SpillWatch(Path directory) {
            this.directory = directory;
        }

        JobControl control() {
            return new JobControl((done, total) -> {
                if (scratchFiles(directory).stream().anyMatch(name -> name.startsWith(ScratchFile.PREFIX + "ids-"))) {
                    seen.set(true);
                }
            });
        }
    }

    private static List<String> scratchFiles(Path directory) {
        return names(directory).stream().filter(name -> name.startsWith(ScratchFile.PREFIX)).toList();
    }

    private static List<String> names(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every regular file under {@code root} by relative path, with its bytes' hash. */
    private static TreeMap<String, Integer> tree(Path root) throws IOException {
        TreeMap<String, Integer> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), java.util.Arrays.hashCode(Files.readAllBytes(file)));
            }
        }
        return files;
    }
}
