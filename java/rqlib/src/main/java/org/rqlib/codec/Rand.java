package org.rqlib.codec;

/** The pseudo-random generator Rand[y, i, m] of RFC 6330 section 5.3.5.1, with the tables V0..V3 of 5.5. */
final class Rand {
    private static final int[][] V = Rfc6330Tables.RAND_V;

    private Rand() {
    }

    /** Rand[y, i, m]: y and the result are unsigned 32-bit values, m > 0. */
    static int rand(int y, int i, int m) {
        int x0 = (y + i) & 0xFF;
        int x1 = ((y >>> 8) + i) & 0xFF;
        int x2 = ((y >>> 16) + i) & 0xFF;
        int x3 = ((y >>> 24) + i) & 0xFF;
        int v = V[0][x0] ^ V[1][x1] ^ V[2][x2] ^ V[3][x3];
        return (int) Integer.remainderUnsigned(v, m);
    }
}
