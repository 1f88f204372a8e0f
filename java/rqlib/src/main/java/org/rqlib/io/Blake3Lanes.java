package org.rqlib.io;

import java.nio.ByteBuffer;

/**
 * Hashes up to {@value #LANES} whole, non-final chunks side by side to their chaining values, the way BLAKE3's SIMD
 * implementations do (BLAKE3 spec, section 5.3), but in plain Java: each state and message word is a row of one
 * lane per chunk, and every step of G is a loop over the lanes, which HotSpot's C2 turns into AVX2 or AVX-512
 * instructions (superword vectorisation). This is several times faster than one chunk at a time, whose 32 live
 * words do not fit the integer registers.
 *
 * <p>The rows live in one {@code int[]} at constant offsets, and each round is its own small method that calls
 * {@link #g} with literal word numbers: once {@code g} is inlined, C2 sees constant distances between the rows it
 * reads and writes, which is what lets it prove them independent and vectorise. Rows of separate arrays, or word
 * numbers looked up in a table, would defeat that. Not thread-safe; one instance per hasher.
 */
final class Blake3Lanes {
    /** Chunks hashed together: 64 KiB, the size of a symbol file. */
    static final int LANES = 64;
    private static final int CHUNK = 1024;
    private static final int BLOCK = 64;
    /** Row offsets in {@link #rows}: 16 state words, 16 message words, 8 chaining-value words. */
    private static final int MESSAGE = 16;
    private static final int CV = 32;

    /**
     * The seven rounds, called through one interface: with seven receivers the call site is megamorphic, so C2
     * compiles each round on its own (with {@link #g} inlined eight times on constant rows) instead of inlining
     * them all into {@link #hashChunks}, where the 56 copies of {@code g} would pass its inlining budget.
     */
    private interface Round {
        void apply(int[] s, int n);
    }

    private static final Round[] ROUNDS = {
        Blake3Lanes::round0, Blake3Lanes::round1, Blake3Lanes::round2, Blake3Lanes::round3, Blake3Lanes::round4,
        Blake3Lanes::round5, Blake3Lanes::round6,
    };

    private final int[] rows = new int[40 * LANES];

    /**
     * Hashes {@code count} (1 to {@value #LANES}) chunks of 1024 bytes from {@code offset} of the little-endian
     * {@code le}, numbered from {@code firstChunk}, none of them the last chunk of the input. Their chaining values
     * are then read with {@link #cv}.
     */
    void hashChunks(ByteBuffer le, int offset, int count, long firstChunk) {
        int[] s = rows;
        for (int l = 0; l < count; l++) {
            s[CV * LANES + l] = Blake3Compression.IV0;
            s[(CV + 1) * LANES + l] = Blake3Compression.IV1;
            s[(CV + 2) * LANES + l] = Blake3Compression.IV2;
            s[(CV + 3) * LANES + l] = Blake3Compression.IV3;
            s[(CV + 4) * LANES + l] = Blake3Compression.IV4;
            s[(CV + 5) * LANES + l] = Blake3Compression.IV5;
            s[(CV + 6) * LANES + l] = Blake3Compression.IV6;
            s[(CV + 7) * LANES + l] = Blake3Compression.IV7;
        }
        for (int block = 0; block < CHUNK / BLOCK; block++) {
            loadMessages(le, offset + block * BLOCK, count);
            int flags = block == 0 ? Blake3Compression.CHUNK_START
                    : block == CHUNK / BLOCK - 1 ? Blake3Compression.CHUNK_END : 0;
            start(s, count, firstChunk, flags);
            for (Round round : ROUNDS) {
                round.apply(s, count);
            }
            for (int l = 0; l < count; l++) {
                s[CV * LANES + l] = s[l] ^ s[8 * LANES + l];
                s[(CV + 1) * LANES + l] = s[LANES + l] ^ s[9 * LANES + l];
                s[(CV + 2) * LANES + l] = s[2 * LANES + l] ^ s[10 * LANES + l];
                s[(CV + 3) * LANES + l] = s[3 * LANES + l] ^ s[11 * LANES + l];
                s[(CV + 4) * LANES + l] = s[4 * LANES + l] ^ s[12 * LANES + l];
                s[(CV + 5) * LANES + l] = s[5 * LANES + l] ^ s[13 * LANES + l];
                s[(CV + 6) * LANES + l] = s[6 * LANES + l] ^ s[14 * LANES + l];
                s[(CV + 7) * LANES + l] = s[7 * LANES + l] ^ s[15 * LANES + l];
            }
        }
    }

    /** Copies the chaining value of lane {@code lane} of the last {@link #hashChunks} into {@code cv}. */
    void cv(int lane, int[] cv) {
        for (int i = 0; i < 8; i++) {
            cv[i] = rows[(CV + i) * LANES + lane];
        }
    }

    /** Transposes one block of each chunk into the message rows: word {@code w} of chunk {@code l} to row w, lane l. */
    private void loadMessages(ByteBuffer le, int offset, int count) {
        int[] s = rows;
        for (int w = 0; w < 16; w++) {
            int row = (MESSAGE + w) * LANES;
            int at = offset + 4 * w;
            for (int l = 0; l < count; l++) {
                s[row + l] = le.getInt(at + l * CHUNK);
            }
        }
    }

    /** The compression input of spec 2.2: chaining value, IV, chunk counter, block length and flags. */
    private static void start(int[] s, int n, long firstChunk, int flags) {
        for (int l = 0; l < n; l++) {
            long counter = firstChunk + l;
            s[l] = s[CV * LANES + l];
            s[LANES + l] = s[(CV + 1) * LANES + l];
            s[2 * LANES + l] = s[(CV + 2) * LANES + l];
            s[3 * LANES + l] = s[(CV + 3) * LANES + l];
            s[4 * LANES + l] = s[(CV + 4) * LANES + l];
            s[5 * LANES + l] = s[(CV + 5) * LANES + l];
            s[6 * LANES + l] = s[(CV + 6) * LANES + l];
            s[7 * LANES + l] = s[(CV + 7) * LANES + l];
            s[8 * LANES + l] = Blake3Compression.IV0;
            s[9 * LANES + l] = Blake3Compression.IV1;
            s[10 * LANES + l] = Blake3Compression.IV2;
            s[11 * LANES + l] = Blake3Compression.IV3;
            s[12 * LANES + l] = (int) counter;
            s[13 * LANES + l] = (int) (counter >>> 32);
            s[14 * LANES + l] = BLOCK;
            s[15 * LANES + l] = flags;
        }
    }

    /** G of spec 2.2 on state rows a, b, c, d with message rows x and y, in every lane. */
    private static void g(int[] s, int n, int a, int b, int c, int d, int x, int y) {
        int ra = a * LANES;
        int rb = b * LANES;
        int rc = c * LANES;
        int rd = d * LANES;
        int rx = (MESSAGE + x) * LANES;
        int ry = (MESSAGE + y) * LANES;
        for (int l = 0; l < n; l++) {
            int va = s[ra + l];
            int vb = s[rb + l];
            int vc = s[rc + l];
            int vd = s[rd + l];
            va += vb + s[rx + l];
            vd ^= va;
            vd = (vd >>> 16) | (vd << 16);
            vc += vd;
            vb ^= vc;
            vb = (vb >>> 12) | (vb << 20);
            va += vb + s[ry + l];
            vd ^= va;
            vd = (vd >>> 8) | (vd << 24);
            vc += vd;
            vb ^= vc;
            vb = (vb >>> 7) | (vb << 25);
            s[ra + l] = va;
            s[rb + l] = vb;
            s[rc + l] = vc;
            s[rd + l] = vd;
        }
    }

    // The seven rounds: columns then diagonals, message words in the order the permutation gives each round.

    private static void round0(int[] s, int n) {
        g(s, n, 0, 4, 8, 12, 0, 1);
        g(s, n, 1, 5, 9, 13, 2, 3);
        g(s, n, 2, 6, 10, 14, 4, 5);
        g(s, n, 3, 7, 11, 15, 6, 7);
        g(s, n, 0, 5, 10, 15, 8, 9);
        g(s, n, 1, 6, 11, 12, 10, 11);
        g(s, n, 2, 7, 8, 13, 12, 13);
        g(s, n, 3, 4, 9, 14, 14, 15);
    }

    private static void round1(int[] s, int n) {
        g(s, n, 0, 4, 8, 12, 2, 6);
        g(s, n, 1, 5, 9, 13, 3, 10);
        g(s, n, 2, 6, 10, 14, 7, 0);
        g(s, n, 3, 7, 11, 15, 4, 13);
        g(s, n, 0, 5, 10, 15, 1, 11);
        g(s, n, 1, 6, 11, 12, 12, 5);
        g(s, n, 2, 7, 8, 13, 9, 14);
        g(s, n, 3, 4, 9, 14, 15, 8);
    }

    private static void round2(int[] s, int n) {
        g(s, n, 0, 4, 8, 12, 3, 4);
        g(s, n, 1, 5, 9, 13, 10, 12);
        g(s, n, 2, 6, 10, 14, 13, 2);
        g(s, n, 3, 7, 11, 15, 7, 14);
        g(s, n, 0, 5, 10, 15, 6, 5);
        g(s, n, 1, 6, 11, 12, 9, 0);
        g(s, n, 2, 7, 8, 13, 11, 15);
        g(s, n, 3, 4, 9, 14, 8, 1);
    }

    private static void round3(int[] s, int n) {
        g(s, n, 0, 4, 8, 12, 10, 7);
        g(s, n, 1, 5, 9, 13, 12, 9);
        g(s, n, 2, 6, 10, 14, 14, 3);
        g(s, n, 3, 7, 11, 15, 13, 15);
        g(s, n, 0, 5, 10, 15, 4, 0);
        g(s, n, 1, 6, 11, 12, 11, 2);
        g(s, n, 2, 7, 8, 13, 5, 8);
        g(s, n, 3, 4, 9, 14, 1, 6);
    }

    private static void round4(int[] s, int n) {
        g(s, n, 0, 4, 8, 12, 12, 13);
        g(s, n, 1, 5, 9, 13, 9, 11);
        g(s, n, 2, 6, 10, 14, 15, 10);
        g(s, n, 3, 7, 11, 15, 14, 8);
        g(s, n, 0, 5, 10, 15, 7, 2);
        g(s, n, 1, 6, 11, 12, 5, 3);
        g(s, n, 2, 7, 8, 13, 0, 1);
        g(s, n, 3, 4, 9, 14, 6, 4);
    }

    private static void round5(int[] s, int n) {
        g(s, n, 0, 4, 8, 12, 9, 14);
        g(s, n, 1, 5, 9, 13, 11, 5);
        g(s, n, 2, 6, 10, 14, 8, 12);
        g(s, n, 3, 7, 11, 15, 15, 1);
        g(s, n, 0, 5, 10, 15, 13, 3);
        g(s, n, 1, 6, 11, 12, 0, 10);
        g(s, n, 2, 7, 8, 13, 2, 6);
        g(s, n, 3, 4, 9, 14, 4, 7);
    }

    private static void round6(int[] s, int n) {
        g(s, n, 0, 4, 8, 12, 11, 15);
        g(s, n, 1, 5, 9, 13, 5, 0);
        g(s, n, 2, 6, 10, 14, 1, 9);
        g(s, n, 3, 7, 11, 15, 8, 6);
        g(s, n, 0, 5, 10, 15, 14, 10);
        g(s, n, 1, 6, 11, 12, 2, 12);
        g(s, n, 2, 7, 8, 13, 3, 4);
        g(s, n, 3, 4, 9, 14, 7, 13);
    }
}
