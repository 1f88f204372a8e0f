package org.rqlib.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.io.Blake3;

/**
 * The block hash computed while parts are reported in any order, from several threads, some with their bytes
 * and some to be read back, some twice and some never, equals the BLAKE3 of the block read in one go.
 */
class OrderedBlockHashTest {
    @TempDir
    Path work;

    @Test
    void anyOrderOfPartsGivesTheBlockHash() throws Exception {
        for (long seed = 1; seed <= 12; seed++) {
            Random random = new Random(seed);
            int prefix = random.nextInt(3000);
            int size = 1 + random.nextInt(3_000_000);
            byte[] file = new byte[prefix + size + random.nextInt(100)];
            random.nextBytes(file);
            Path path = work.resolve("block-" + seed);
            Files.write(path, file);
            Blake3 whole = new Blake3();
            whole.update(file, prefix, size);
            String expected = whole.finishBase58();

            List<long[]> parts = new ArrayList<>();
            for (long at = prefix; at < prefix + size; ) {
                long len = 1 + random.nextInt(random.nextBoolean() ? 5000 : 400_000);
                parts.add(new long[] {at, Math.min(prefix + size, at + len)});
                at += len;
            }
            List<long[]> reported = new ArrayList<>();
            for (long[] part : parts) {
                int copies = random.nextInt(10) == 0 ? 0 : random.nextInt(8) == 0 ? 2 : 1;   // never, once, twice
                for (int c = 0; c < copies; c++) {
                    reported.add(part);
                }
            }
            Collections.shuffle(reported, random);
            ByteBuffer readBack = ByteBuffer.allocateDirect(1 + random.nextInt(70_000));
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                OrderedBlockHash hash = new OrderedBlockHash(channel, path, prefix, prefix + size, readBack, () -> { });
                ExecutorService pool = Executors.newFixedThreadPool(3);
                try {
                    List<Future<?>> done = new ArrayList<>();
                    boolean withBytes = random.nextBoolean();
                    for (long[] part : reported) {
                        done.add(pool.submit(() -> {
                            int from = (int) part[0];
                            int length = (int) (part[1] - part[0]);
                            ByteBuffer bytes = null;
                            int offset = 0;
                            if (withBytes) {
                                offset = 7;
                                bytes = ByteBuffer.allocateDirect(offset + length);
                                bytes.put(offset, file, from, length);
                            }
                            hash.finished(part[0], part[1], bytes, offset);
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get();
                    }
                } finally {
                    pool.shutdown();
                }
                assertEquals(expected, hash.finish(), "seed " + seed + ", " + reported.size() + " parts");
            }
        }
    }
}
