package org.rqlib.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.junit.jupiter.api.Test;

/**
 * {@link Blake3Hasher} and {@link Blake3} give BouncyCastle's digests for every way of feeding them. Randomness is
 * seeded from {@code -Dblake3.seed} (random by default) and every failure message names the seed.
 */
class Blake3HasherTest {
    private static final long SEED = Long.getLong("blake3.seed", new Random().nextLong());
    private static final int MIB = 1 << 20;

    private static byte[] reference(byte[] data, int offset, int length) {
        Blake3Digest digest = new Blake3Digest(256);
        digest.update(data, offset, length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    private static byte[] random(Random random, int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }

    private static String where(String what) {
        return what + " (seed " + SEED + ", rerun with -Dblake3.seed=" + SEED + ")";
    }

    @Test
    void everyLengthUpTo3000MatchesBouncyCastle() {
        Random random = new Random(SEED);
        byte[] data = random(random, 3000);
        Blake3Hasher hasher = new Blake3Hasher();
        for (int length = 0; length <= 3000; length++) {
            hasher.update(data, 0, length);
            assertArrayEquals(reference(data, 0, length), hasher.finish(), where("length " + length));
        }
    }

    @Test
    void chunkAndTreeBoundariesMatchBouncyCastle() {
        int[] lengths = {1023, 1024, 1025, 2048, 2049, 3072, 4096, 5120, 31744, 32768, 65535, 65536, 65537,
            MIB + 1, 3 * MIB + 17};
        Random random = new Random(SEED);
        byte[] data = random(random, 3 * MIB + 17 + 5);
        Blake3Hasher hasher = new Blake3Hasher();
        for (int length : lengths) {
            for (int offset : new int[] {0, 5}) {
                byte[] expected = reference(data, offset, length);
                hasher.update(data, offset, length);
                assertArrayEquals(expected, hasher.finish(), where("length " + length + " at " + offset));
                ByteBuffer direct = ByteBuffer.allocateDirect(length + offset);
                direct.put(offset, data, offset, length);
                hasher.update(direct, offset, length);
                assertArrayEquals(expected, hasher.finish(), where("direct, length " + length + " at " + offset));
            }
        }
    }

    @Test
    void randomPiecesMatchBouncyCastle() {
        Random random = new Random(SEED);
        Blake3Hasher hasher = new Blake3Hasher();
        Blake3 wrapper = new Blake3();
        for (int trial = 0; trial < 200; trial++) {
            int length = trial < 150 ? random.nextInt(5000) : random.nextInt(300_000);
            int base = 1 + random.nextInt(100);
            byte[] data = random(random, base + length + 7);
            byte[] expected = reference(data, base, length);
            ByteBuffer heap = ByteBuffer.wrap(data);
            heap.position(3);
            ByteBuffer slice = ByteBuffer.wrap(data, 1, data.length - 1).slice();
            ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).position(2);
            int maxPiece = 1 + random.nextInt(random.nextBoolean() ? 130 : 5000);
            int done = 0;
            while (done < length) {
                int n = Math.min(length - done, random.nextInt(maxPiece + 1));
                int at = base + done;
                switch (random.nextInt(4)) {
                    case 0 -> hasher.update(data, at, n);
                    case 1 -> hasher.update(heap, at, n);
                    case 2 -> hasher.update(slice, at - 1, n);
                    default -> hasher.update(direct, at, n);
                }
                wrapper.update(direct, at, n);
                done += n;
            }
            String what = where("trial " + trial + ", length " + length + ", pieces up to " + maxPiece);
            assertArrayEquals(expected, hasher.finish(), what);
            assertArrayEquals(expected, wrapper.finish(), what);
            assertEquals(3, heap.position(), what);
            assertEquals(2, direct.position(), what);
        }
    }

    @Test
    void resetAndFinishLeaveAFreshHasher() {
        Random random = new Random(SEED);
        byte[] data = random(random, 70_000);
        Blake3Hasher hasher = new Blake3Hasher();
        hasher.update(data, 0, 50_000);
        hasher.reset();
        hasher.update(data, 0, 70_000);
        assertArrayEquals(reference(data, 0, 70_000), hasher.finish(), where("after reset"));
        assertArrayEquals(reference(data, 0, 0), hasher.finish(), where("empty after finish"));
        hasher.update(data, 1, 1500);
        assertArrayEquals(reference(data, 1, 1500), hasher.finish(), where("after finish"));
        byte[] out = new byte[40];
        hasher.update(data, 0, 2000);
        hasher.finish(out, 8);
        assertArrayEquals(reference(data, 0, 2000), Arrays.copyOfRange(out, 8, 40), where("into array"));
    }

    @Test
    void idMatchesBouncyCastleInBase58() {
        Random random = new Random(SEED);
        byte[] data = random(random, 65_536 + 9);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
        assertEquals(Base58.encode(reference(data, 9, 65_536)), Blake3.id(direct, 9, 65_536), where("id"));
        assertEquals(0, direct.position());
    }

    @Test
    void readsPastTheLimitAreRefused() {
        ByteBuffer direct = ByteBuffer.allocateDirect(100).limit(50);
        Blake3Hasher hasher = new Blake3Hasher();
        assertThrows(IndexOutOfBoundsException.class, () -> hasher.update(direct, 40, 11));
        assertThrows(IndexOutOfBoundsException.class, () -> hasher.update(new byte[10], 5, 6));
    }

    /** Official vectors (BLAKE3 repository, test_vectors.json): input bytes 0, 1, ..., 250 repeated. */
    @Test
    void officialVectors() {
        String[][] cases = {
            {"0", "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"},
            {"1", "2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213"},
            {"1023", "10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11"},
            {"1024", "42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7"},
            {"1025", "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444"},
            {"2049", "5f4d72f40d7a5f82b15ca2b2e44b1de3c2ef86c426c95c1af0b6879522563030"},
            {"3073", "7124b49501012f81cc7f11ca069ec9226cecb8a2c850cfe644e327d22d3e1cd3"},
            {"5121", "628bd2cb2004694adaab7bbd778a25df25c47b9d4155a55f8fbd79f2fe154cff"},
        };
        Blake3Hasher hasher = new Blake3Hasher();
        for (String[] c : cases) {
            int length = Integer.parseInt(c[0]);
            byte[] input = new byte[length];
            for (int i = 0; i < length; i++) {
                input[i] = (byte) (i % 251);
            }
            hasher.update(input, 0, length);
            assertEquals(c[1], HexFormat.of().formatHex(hasher.finish()), "official vector, length " + length);
        }
    }
}
