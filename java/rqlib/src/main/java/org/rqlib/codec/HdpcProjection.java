package org.rqlib.codec;

import org.rqlib.kernel.Gf256;

/**
 * Projects the H dense HDPC rows (RFC 6330 5.3.3.3) onto the inactive columns left by phase 1 of inactivation
 * decoding, and computes their right-hand sides, in one pass.
 *
 * <p>After phase 1 every pivoted column equals its pivot row's right-hand side plus that row's inactive part, so
 * HDPC * C splits into known symbols and coefficients on the inactive columns. HDPC = MT * GAMMA with GAMMA[i][j]
 * = alpha^(i-j) for i >= j, hence HDPC * X = sum_i MT[.][i] * G_i with G_i = alpha * G_(i-1) + X_i: one walk over
 * the columns costs a scale and three additions of symbols per column, instead of H multiply-adds per pivot. The
 * coefficient vectors ride along bit-sliced (8 planes of inactive-column bits), so alpha * G is a shift of planes.
 * Stateless.
 */
final class HdpcProjection {
    /** The state after phase 1 that the projection reads. */
    interface PhaseOne {
        boolean isPivoted(int column);

        /** The sparse row that pivots a pivoted column. */
        int pivotRowOf(int column);

        /** The index among inactive columns of an inactive column. */
        int inactiveIndexOf(int column);

        int inactiveCount();

        /** target ^= the row's coefficients on the inactive columns (bits), first {@code words} longs. */
        void addInactivePart(int row, long[] target, int words);

        int slotOf(int row);
    }

    private HdpcProjection() {
    }

    /**
     * Appends the operations that leave each HDPC row's right-hand side in its slot, and returns each HDPC row's
     * coefficients on the inactive columns, one byte per column.
     */
    static byte[][] project(CodecParameters params, PhaseOne state, int[] hdpcSlot, int scratchSlot,
            PlanEmitter emit) {
        HdpcRows hdpc = new HdpcRows(params);
        int h = hdpc.rowCount();
        int columns = hdpc.gammaColumns();
        int inactive = state.inactiveCount();
        int words = (inactive + 63) / 64;
        long[] g = new long[8 * words];
        long[] acc = new long[h * 8 * words];
        for (int j = 0; j < columns; j++) {
            if (j > 0) {
                mulAlpha(g, words);
            }
            emit.scale(scratchSlot, 2);
            if (state.isPivoted(j)) {
                int r = state.pivotRowOf(j);
                state.addInactivePart(r, g, words);
                emit.xor(scratchSlot, state.slotOf(r));
            } else {
                int bit = state.inactiveIndexOf(j);
                g[bit >>> 6] ^= 1L << bit;
            }
            if (j < columns - 1) {
                addPlanes(acc, hdpc.firstRow(j), g, words);
                addPlanes(acc, hdpc.secondRow(j), g, words);
                emit.xor(hdpcSlot[hdpc.firstRow(j)], scratchSlot);
                emit.xor(hdpcSlot[hdpc.secondRow(j)], scratchSlot);
            } else {
                // the last column of MT holds alpha^row in each row
                for (int row = 0; row < h; row++) {
                    addPlanes(acc, row, g, words);
                    mulAlpha(g, words);
                    emit.mulAdd(hdpcSlot[row], scratchSlot, Gf256.alphaPow(row));
                }
            }
        }
        byte[][] coefficients = new byte[h][inactive];
        for (int row = 0; row < h; row++) {
            int base = row * 8 * words;
            for (int x = 0; x < inactive; x++) {
                int value = 0;
                for (int b = 0; b < 8; b++) {
                    value |= (int) ((acc[base + b * words + (x >>> 6)] >>> x) & 1) << b;
                }
                coefficients[row][x] = (byte) value;
            }
            // the identity block: HDPC row h has a one in column K'+S+h, a permanently inactive column
            coefficients[row][state.inactiveIndexOf(columns + row)] ^= 1;
        }
        return coefficients;
    }

    /** Multiplies a bit-sliced vector by alpha: shift the planes up one and reduce plane 8 by 0x11D. */
    private static void mulAlpha(long[] g, int words) {
        for (int x = 0; x < words; x++) {
            long top = g[7 * words + x];
            for (int b = 7; b > 0; b--) {
                g[b * words + x] = g[(b - 1) * words + x];
            }
            g[x] = top;
            g[2 * words + x] ^= top;
            g[3 * words + x] ^= top;
            g[4 * words + x] ^= top;
        }
    }

    private static void addPlanes(long[] acc, int row, long[] g, int words) {
        int base = row * 8 * words;
        for (int i = 0; i < 8 * words; i++) {
            acc[base + i] ^= g[i];
        }
    }
}
