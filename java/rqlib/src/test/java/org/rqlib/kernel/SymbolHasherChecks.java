package org.rqlib.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * The checks every {@link SymbolHasher} must pass, against BouncyCastle's {@code Blake3Digest} and the official
 * BLAKE3 test vectors: run for the Java hasher here and for every native instruction set in rqlib-native.
 * Seeded ({@code -Drqlib.test.seed}); every failure message names the hasher and the seed.
 */
public final class SymbolHasherChecks {
    public static final long SEED = Long.getLong("rqlib.test.seed", 0xB1A4E3_2024L);
    private static final int DIGEST = SymbolHasher.DIGEST_BYTES;

    /** Input lengths of the official test_vectors.json (input byte i = i % 251). */
    public static final int[] OFFICIAL_LENGTHS = {0, 1, 1023, 1024, 1025, 2048, 2049, 3072, 3073, 4096, 4097, 5120,
        5121, 6144, 6145, 7168, 7169, 8192, 8193, 16384, 31744, 102400};

    private SymbolHasherChecks() {
    }

    public static byte[] reference(byte[]... parts) {
        Blake3Digest digest = new Blake3Digest(256);
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[DIGEST];
        digest.doFinal(out, 0);
        return out;
    }

    private static String where(SymbolHasher hasher, String what) {
        return hasher.name() + ": " + what + " (seed " + SEED + ", rerun with -Drqlib.test.seed=" + SEED + ")";
    }

    private static ByteBuffer direct(byte[] bytes, int position) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).put(bytes);
        return buffer.position(Math.min(position, bytes.length)); // positions must be ignored
    }

    private static byte[] slice(byte[] data, int offset, int length) {
        byte[] out = new byte[length];
        System.arraycopy(data, offset, out, 0, length);
        return out;
    }

    private static byte[] incremental(SymbolHasher hasher, byte[] message, SplittableRandom random) {
        SymbolHasher.Incremental inc = hasher.newIncremental();
        ByteBuffer directView = direct(message, 7);
        ByteBuffer heapView = ByteBuffer.wrap(message);
        for (int at = 0; at < message.length; ) {
            int n = Math.min(message.length - at, random.nextInt(4) == 0 ? random.nextInt(70)
                    : random.nextInt(message.length + 1));
            switch (random.nextInt(3)) {
                case 0 -> inc.update(directView, at, n);
                case 1 -> inc.update(heapView, at, n);
                default -> inc.update(message, at, n);
            }
            at += n;
        }
        byte[] out = new byte[DIGEST + 3];
        inc.finish(out, 3);
        return slice(out, 3, DIGEST);
    }

    /** The official vectors through digestMany and the incremental hasher; BouncyCastle agrees with them too. */
    public static void officialVectors(SymbolHasher hasher) {
        byte[] input = new byte[102400];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (i % 251);
        }
        HexFormat hex = HexFormat.of();
        // first 32 bytes of "hash" in BLAKE3's test_vectors.json, for three of the lengths
        assertEquals("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
                hex.formatHex(reference(new byte[0])));
        assertEquals("d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444",
                hex.formatHex(reference(slice(input, 0, 1025))));
        assertEquals("bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085",
                hex.formatHex(reference(input)));
        ByteBuffer data = direct(input, 100);
        SplittableRandom random = new SplittableRandom(SEED);
        for (int length : OFFICIAL_LENGTHS) {
            byte[] expected = reference(slice(input, 0, length));
            byte[] out = new byte[DIGEST];
            hasher.digestMany(data, 0, 0, length, 1, null, 0, out, 0);
            assertArrayEquals(expected, out, where(hasher, "official vector, length " + length));
            assertArrayEquals(expected, incremental(hasher, slice(input, 0, length), random),
                    where(hasher, "official vector, incremental, length " + length));
        }
    }

    /**
     * Every length 0..3000 and the tree boundaries 1024 * 2^k - 1, + 0, + 1 up to 1 MiB: many messages per call
     * with prefixes of 0, 4 and 37 bytes, gaps between messages, odd offsets, and the incremental hasher.
     */
    public static void lengthsAndTreeBoundaries(SymbolHasher hasher) {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int length = 0; length <= 3000; length++) {
            manyAgainstReference(hasher, random, length, 1 + length % 18, new int[] {0, 4, 37}[length % 3]);
        }
        for (int chunks = 1; chunks <= 1024; chunks *= 2) {
            for (int d = -1; d <= 1; d++) {
                int length = 1024 * chunks + d;
                manyAgainstReference(hasher, random, length, 1, 0);
                manyAgainstReference(hasher, random, length - 4, chunks <= 64 ? 17 : 2, 4);
                byte[] message = new byte[length];
                random.nextBytes(message);
                assertArrayEquals(reference(message), incremental(hasher, message, random),
                        where(hasher, "incremental, length " + length));
            }
        }
    }

    private static void manyAgainstReference(SymbolHasher hasher, SplittableRandom random, int length, int count,
            int prefixLength) {
        int stride = length + random.nextInt(6);
        int offset = random.nextInt(9);
        byte[] data = new byte[offset + stride * (count - 1) + length];
        random.nextBytes(data);
        byte[] prefixes = new byte[prefixLength * count];
        random.nextBytes(prefixes);
        byte[] out = new byte[5 + DIGEST * count];
        hasher.digestMany(direct(data, random.nextInt(data.length + 1)), offset, stride, length, count,
                prefixLength > 0 ? prefixes : null, prefixLength, out, 5);
        for (int i = 0; i < count; i++) {
            byte[] expected = reference(slice(prefixes, i * prefixLength, prefixLength),
                    slice(data, offset + i * stride, length));
            assertArrayEquals(expected, slice(out, 5 + DIGEST * i, DIGEST), where(hasher, "message " + i + " of "
                    + count + ", length " + length + ", prefix " + prefixLength));
        }
    }

    /** Ranges outside a buffer or array, and bad counts, are typed exceptions before any memory is touched. */
    public static void badArguments(SymbolHasher hasher) {
        ByteBuffer data = ByteBuffer.allocateDirect(100);
        byte[] out = new byte[64];
        assertThrows(IndexOutOfBoundsException.class, () -> hasher.digestMany(data, 50, 0, 51, 1, null, 0, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> hasher.digestMany(data, 0, 40, 30, 3, null, 0, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> hasher.digestMany(data, 0, 10, 10, 2, null, 0, out, 40));
        assertThrows(IndexOutOfBoundsException.class,
                () -> hasher.digestMany(data, 0, 10, 10, 2, new byte[7], 4, out, 0));
        assertThrows(IllegalArgumentException.class, () -> hasher.digestMany(data, 0, 10, -1, 1, null, 0, out, 0));
        assertThrows(IllegalArgumentException.class,
                () -> hasher.digestMany(data, 0, 10, 10, 1, new byte[65], 65, out, 0));
        SymbolHasher.Incremental inc = hasher.newIncremental();
        assertThrows(IndexOutOfBoundsException.class, () -> inc.update(data, 90, 11));
        assertThrows(IndexOutOfBoundsException.class, () -> inc.update(new byte[4], 1, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> inc.finish(new byte[40], 9));
        // nothing was added by the rejected calls
        byte[] digest = new byte[DIGEST];
        inc.finish(digest, 0);
        assertArrayEquals(reference(new byte[0]), digest, where(hasher, "after rejected updates"));
    }
}
