package org.rqlib.codec;

/**
 * The intermediate symbols an encoding symbol combines, RFC 6330 sections 5.3.5.3 (Enc) and 5.3.5.4 (Tuple):
 * d columns from the LT part [0, W) followed by d1 columns from the PI part [W, L). Immutable, thread-safe.
 */
final class LtColumns {
    /** The most columns one ISI can produce: d <= 30 LT columns plus d1 <= 3 PI columns. */
    static final int MAX_COLUMNS = 33;

    private final int w;
    private final int p;
    private final int p1;
    private final int tupleA;
    private final int tupleB;

    LtColumns(CodecParameters params) {
        this.w = params.ltSymbols();
        this.p = params.piSymbols();
        this.p1 = params.p1();
        int j = params.systematicIndex();
        int a = 53591 + j * 997;
        if (a % 2 == 0) {
            a++;
        }
        this.tupleA = a;
        this.tupleB = 10267 * (j + 1);
    }

    /**
     * Writes the columns of ISI x to {@code out}: the first {@code ltCount(result)} are LT columns, the rest PI
     * columns (already offset by W). Returns the packed counts (d << 8 | d1).
     */
    int columns(int x, int[] out) {
        // RFC 6330 5.3.5.4: y = (B + X*A) mod 2^32, computed in 32-bit unsigned arithmetic
        int y = tupleB + x * tupleA;
        int v = Rand.rand(y, 0, 1 << 20);
        int d = Deg.deg(v, w);
        int a = 1 + Rand.rand(y, 1, w - 1);
        int b = Rand.rand(y, 2, w);
        int d1 = d < 4 ? 2 + Rand.rand(x, 3, 2) : 2;
        int a1 = 1 + Rand.rand(x, 4, p1 - 1);
        int b1 = Rand.rand(x, 5, p1);

        // RFC 6330 5.3.5.3
        out[0] = b;
        for (int j = 1; j < d; j++) {
            b = (b + a) % w;
            out[j] = b;
        }
        while (b1 >= p) {
            b1 = (b1 + a1) % p1;
        }
        out[d] = w + b1;
        for (int j = 1; j < d1; j++) {
            b1 = (b1 + a1) % p1;
            while (b1 >= p) {
                b1 = (b1 + a1) % p1;
            }
            out[d + j] = w + b1;
        }
        return d << 8 | d1;
    }

    static int ltCount(int packed) {
        return packed >>> 8;
    }

    static int total(int packed) {
        return (packed >>> 8) + (packed & 0xFF);
    }
}
