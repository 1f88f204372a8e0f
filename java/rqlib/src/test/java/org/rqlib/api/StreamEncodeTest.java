package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.InvalidParameterException;
import org.rqlib.chunking.OtiDerivation;
import org.rqlib.limits.JobControl;

/**
 * Encoding from an InputStream or a channel, of known or unknown length, writes the same directory, byte for byte,
 * as encodeFile of the same bytes, including blocks coded in sub-block groups with the source read twice.
 */
@ExtendWith(NoBufferFreedTwice.class)
class StreamEncodeTest {
    @TempDir
    Path work;

    /** Hands out at most a few bytes per read, as a pipe or socket does. */
    private static InputStream trickle(InputStream in, long seed) {
        Random random = new Random(seed);
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(70_000)));
            }
        };
    }

    private static ReadableByteChannel channelOf(byte[] data) {
        ByteBuffer source = ByteBuffer.wrap(data);
        return new ReadableByteChannel() {
            private boolean open = true;

            @Override
            public int read(ByteBuffer dst) {
                if (!source.hasRemaining()) {
                    return -1;
                }
                int n = Math.min(dst.remaining(), Math.min(source.remaining(), 12_345));
                dst.put(source.slice(source.position(), n));
                source.position(source.position() + n);
                return n;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false;
            }
        };
    }

    @Test
    void knownAndUnknownLengthsGiveTheFileDirectoryAcrossBlocks() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 4321];
        new Random(11).nextBytes(data);
        Path input = work.resolve("in.bin");
        Files.write(input, data);
        try (RaptorQ rq = RaptorQ.builder().symbolSize(16384).redundancyFactor(2).blockSize(1 << 20)
                .memoryLimit(64L << 20).threads(2).build()) {
            Path reference = work.resolve("file");
            EncodeResult fromFile = rq.encodeFile(input, reference);
            assertEquals(4, fromFile.layout().blocks().size());
            List<String> expected = TestFiles.listing(reference);

            Path known = work.resolve("known");
            EncodeResult fromStream = rq.encode(trickle(new ByteArrayInputStream(data), 1), data.length, known);
            assertEquals(expected, TestFiles.listing(known), "known length");
            assertEquals(fromFile.layout(), fromStream.layout());
            assertEquals(data.length, fromStream.stats().bytes());
            assertEquals(fromFile.symbolCount(), fromStream.stats().symbols());

            Path unknown = work.resolve("unknown");
            rq.encode(trickle(new ByteArrayInputStream(data), 2), -1, unknown);
            assertEquals(expected, TestFiles.listing(unknown), "unknown length");

            Path channel = work.resolve("channel");
            rq.encode(channelOf(data), -1, channel);
            assertEquals(expected, TestFiles.listing(channel), "channel of unknown length");
        }
    }

    @Test
    void unknownLengthWithTheAutomaticBlockSizeSpoolsWhatThePlanNeeds() throws Exception {
        // layout memory 3 MiB: S = 2 MiB, so 3 MiB of data is cut into blocks of floor(S / 4 / 65535) symbols
        byte[] data = new byte[3 * 1024 * 1024 + 99];
        new Random(12).nextBytes(data);
        Path input = work.resolve("in.bin");
        Files.write(input, data);
        byte[] small = new byte[1024 * 1024 + 7];   // below S: one block of the whole stream
        new Random(13).nextBytes(small);
        Path smallInput = work.resolve("small.bin");
        Files.write(smallInput, small);
        try (RaptorQ rq = RaptorQ.builder().redundancyFactor(2).layoutMemory(3L << 20).memoryLimit(64L << 20)
                .threads(2).build()) {
            Path reference = work.resolve("file");
            assertTrue(rq.encodeFile(input, reference).layout().blocks().size() > 4, "several automatic blocks");
            Path unknown = work.resolve("unknown");
            rq.encode(trickle(new ByteArrayInputStream(data), 3), -1, unknown);
            assertEquals(TestFiles.listing(reference), TestFiles.listing(unknown));

            Path smallReference = work.resolve("small-file");
            assertEquals(1, rq.encodeFile(smallInput, smallReference).layout().blocks().size());
            Path smallUnknown = work.resolve("small-unknown");
            rq.encode(new ByteArrayInputStream(small), -1, smallUnknown);
            assertEquals(TestFiles.listing(smallReference), TestFiles.listing(smallUnknown));
        }
    }

    @Test
    void aBlockCodedInSubBlockGroupsReadsItsSpooledSourceTwice() throws Exception {
        long size = 12L * 1024 * 1024 + 12345;   // N = 2 sub-blocks; at 48m the block is coded a group at a time
        assertEquals(2, OtiDerivation.derive(size, 65535).subBlocks());
        Path input = TestFiles.random(work, "in.bin", size, 77);
        try (RaptorQ rq = RaptorQ.builder().redundancyFactor(2).memoryLimit(48L << 20).threads(1).build()) {
            Path reference = work.resolve("file");
            rq.encodeFile(input, reference);
            Path streamed = work.resolve("stream");
            try (InputStream in = Files.newInputStream(input)) {
                rq.encode(in, -1, streamed);
            }
            assertEquals(TestFiles.listing(reference), TestFiles.listing(streamed));
            assertTrue(rq.governor().peakBytes() <= rq.governor().budgetBytes());
        }
    }

    @Test
    void theOriginalsGoldenCasesEncodeFromAStreamByteForByte() throws Exception {
        for (GoldenCase golden : GoldenCase.all()) {
            Path out = work.resolve("out-" + golden.name());
            try (RaptorQ rq = golden.builder().memoryLimit(64L << 20).threads(2).build();
                    InputStream in = Files.newInputStream(golden.input(work))) {
                rq.encode(in, -1, out);
            }
            assertArrayEquals(Files.readAllBytes(golden.dir().resolve(RaptorQ.LAYOUT_FILE)),
                    Files.readAllBytes(out.resolve(RaptorQ.LAYOUT_FILE)), "layout of " + golden);
        }
    }

    @Test
    void aStreamShorterOrLongerThanItsLengthFailsAndLeavesNothing() throws Exception {
        byte[] data = new byte[200_000];
        new Random(5).nextBytes(data);
        try (RaptorQ rq = RaptorQ.builder().symbolSize(4096).blockSize(64 * 1024).memoryLimit(64L << 20).build()) {
            Path shorter = work.resolve("shorter");
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> rq.encode(new ByteArrayInputStream(data), data.length + 1, shorter));
            assertTrue(e.getMessage().contains("ended after 200000 bytes"), e.getMessage());
            assertFalse(Files.exists(shorter), "a failed encode removes the directory it created");

            Path longer = work.resolve("longer");
            e = assertThrows(InvalidParameterException.class,
                    () -> rq.encode(new ByteArrayInputStream(data), data.length - 1, longer));
            assertTrue(e.getMessage().contains("more than"), e.getMessage());
            assertFalse(Files.exists(longer));

            Path empty = work.resolve("empty");
            assertThrows(InvalidParameterException.class,
                    () -> rq.encode(new ByteArrayInputStream(new byte[0]), -1, empty));
            assertThrows(InvalidParameterException.class,
                    () -> rq.encode(new ByteArrayInputStream(data), -2, empty));
            assertFalse(Files.exists(empty));
        }
    }

    @Test
    void progressOfAStreamOfUnknownLengthEndsAtItsLength() throws Exception {
        byte[] data = new byte[700_001];
        new Random(6).nextBytes(data);
        List<long[]> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RaptorQ rq = RaptorQ.builder().symbolSize(8192).blockSize(256 * 1024).memoryLimit(64L << 20).threads(2)
                .build()) {
            rq.encode(new ByteArrayInputStream(data), -1, work.resolve("out"), EncodeOptions.defaults(),
                    new JobControl((done, total) -> calls.add(new long[] {done, total})));
        }
        long[] last = calls.get(calls.size() - 1);
        assertEquals(data.length, last[0]);
        assertEquals(data.length, last[1]);
        assertEquals(-1, calls.get(0)[1], "the total is unknown at the start");
        for (int i = 1; i < calls.size(); i++) {
            assertTrue(calls.get(i)[0] >= calls.get(i - 1)[0], "monotonic");
        }
    }
}
