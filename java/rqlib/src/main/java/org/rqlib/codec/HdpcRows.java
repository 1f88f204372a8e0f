package org.rqlib.codec;

/**
 * The structure of the H HDPC rows, RFC 6330 5.3.3.3: the rows are MT * GAMMA over the first K'+S columns plus
 * an identity over the last H columns. GAMMA[i][j] = alpha^(i-j) for i >= j, so HDPC * X equals
 * sum_i MT[.][i] * G_i with G_i = alpha * G_(i-1) + X_i: the solver walks that recurrence once instead of
 * multiplying by a dense H x (K'+S) matrix. Column i < K'+S-1 of MT has ones in two rows; the last column holds
 * alpha^h in row h.
 */
final class HdpcRows {
    private final int h;
    private final int columns;
    private final int[] firstRow;
    private final int[] secondRow;

    HdpcRows(CodecParameters params) {
        this.h = params.hdpcSymbols();
        this.columns = params.extendedSymbols() + params.ldpcSymbols();
        this.firstRow = new int[columns - 1];
        this.secondRow = new int[columns - 1];
        for (int j = 0; j < columns - 1; j++) {
            int r1 = Rand.rand(j + 1, 6, h);
            firstRow[j] = r1;
            secondRow[j] = (r1 + Rand.rand(j + 1, 7, h - 1) + 1) % h;
        }
    }

    int rowCount() {
        return h;
    }

    /** K' + S: the columns MT * GAMMA covers. */
    int gammaColumns() {
        return columns;
    }

    /** The first of the two rows of MT with a one in column j < K'+S-1. */
    int firstRow(int j) {
        return firstRow[j];
    }

    int secondRow(int j) {
        return secondRow[j];
    }
}
