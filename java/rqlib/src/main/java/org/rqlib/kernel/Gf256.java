package org.rqlib.kernel;

/**
 * Arithmetic in GF(256) with the field polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D), RFC 6330 section 5.7.
 *
 * <p>Addition is xor. Multiplication goes through the full 256 x 256 product table so that hot loops do one
 * lookup per byte, never a log/exp pair. Immutable and thread-safe.
 */
public final class Gf256 {
    /** The reducing polynomial of RFC 6330 5.7, including the x^8 term. */
    public static final int POLYNOMIAL = 0x11D;

    private static final int[] EXP = new int[512];
    private static final int[] LOG = new int[256];
    /** PRODUCT[a * 256 + b] = a * b. 64 KiB, shared by every kernel and the solver. */
    private static final byte[] PRODUCT = new byte[256 * 256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = x;
            LOG[x] = i;
            x <<= 1;
            if (x >= 256) {
                x ^= POLYNOMIAL;
            }
        }
        for (int i = 255; i < EXP.length; i++) {
            EXP[i] = EXP[i - 255];
        }
        for (int a = 1; a < 256; a++) {
            for (int b = 1; b < 256; b++) {
                PRODUCT[(a << 8) | b] = (byte) EXP[LOG[a] + LOG[b]];
            }
        }
    }

    private Gf256() {
    }

    /** a * b in the field. */
    public static int mul(int a, int b) {
        return PRODUCT[(a << 8) | b] & 0xFF;
    }

    /** a / b in the field; b must not be 0. */
    public static int div(int a, int b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero in GF(256)");
        }
        if (a == 0) {
            return 0;
        }
        return EXP[LOG[a] - LOG[b] + 255];
    }

    /** The multiplicative inverse of a; a must not be 0. */
    public static int inverse(int a) {
        return div(1, a);
    }

    /** alpha^i, where alpha = 2 is the generator of RFC 6330 5.7. */
    public static int alphaPow(int i) {
        return EXP[Math.floorMod(i, 255)];
    }

    /**
     * The row of the product table for one coefficient: {@code table[c * 256 + x] = c * x}. Callers index it
     * with {@code (c << 8) | x}; the array is shared and must not be modified.
     */
    static byte[] productTable() {
        return PRODUCT;
    }
}
