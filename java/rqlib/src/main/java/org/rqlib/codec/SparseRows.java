package org.rqlib.codec;

/**
 * The binary rows of the constraint matrix A (RFC 6330 5.3.3.3) in compressed form: the S LDPC rows followed by
 * one LT row per given ISI. Each row lists its LT-part columns (below W) first, then its PI columns. Also
 * indexes, for every LT-part column, the rows that contain it. The HDPC rows are dense and handled apart
 * ({@link HdpcRows}).
 */
final class SparseRows {
    final int rowCount;
    /** Row r's columns are cols[rowStart[r] .. rowStart[r + 1]); the first ltCount[r] of them are below W. */
    final int[] rowStart;
    final int[] cols;
    final int[] ltCount;
    /** Rows containing LT-part column c: colRows[colStart[c] .. colStart[c + 1]). */
    final int[] colStart;
    final int[] colRows;

    private SparseRows(int rowCount, int[] rowStart, int[] cols, int[] ltCount, int w) {
        this.rowCount = rowCount;
        this.rowStart = rowStart;
        this.cols = cols;
        this.ltCount = ltCount;
        this.colStart = new int[w + 1];
        for (int r = 0; r < rowCount; r++) {
            for (int e = rowStart[r], end = e + ltCount[r]; e < end; e++) {
                colStart[cols[e] + 1]++;
            }
        }
        for (int c = 0; c < w; c++) {
            colStart[c + 1] += colStart[c];
        }
        this.colRows = new int[colStart[w]];
        int[] fill = java.util.Arrays.copyOf(colStart, w);
        for (int r = 0; r < rowCount; r++) {
            for (int e = rowStart[r], end = e + ltCount[r]; e < end; e++) {
                colRows[fill[cols[e]]++] = r;
            }
        }
    }

    /** LDPC rows 0..S-1, then LT rows for {@code isis[0..isiCount)}. */
    static SparseRows build(CodecParameters params, int[] isis, int isiCount) {
        int s = params.ldpcSymbols();
        int b = params.b();
        int w = params.ltSymbols();
        int p = params.piSymbols();
        int rows = s + isiCount;
        int[] rowStart = new int[rows + 1];
        int[] ltCount = new int[rows];

        // RFC 6330 5.3.3.3: each of the first B columns sits in three LDPC rows, then identity and two PI columns
        for (int i = 0; i < b; i++) {
            int a = 1 + (i / s) % (s - 1);
            int row = i % s;
            ltCount[row]++;
            row = (row + a) % s;
            ltCount[row]++;
            row = (row + a) % s;
            ltCount[row]++;
        }
        for (int i = 0; i < s; i++) {
            ltCount[i]++;
            rowStart[i + 1] = rowStart[i] + ltCount[i] + 2;
        }
        LtColumns lt = new LtColumns(params);
        int[] scratch = new int[LtColumns.MAX_COLUMNS];
        int[][] ltRows = new int[isiCount][];
        for (int j = 0; j < isiCount; j++) {
            int packed = lt.columns(isis[j], scratch);
            ltRows[j] = java.util.Arrays.copyOf(scratch, LtColumns.total(packed));
            ltCount[s + j] = LtColumns.ltCount(packed);
            rowStart[s + j + 1] = rowStart[s + j] + ltRows[j].length;
        }

        int[] cols = new int[rowStart[rows]];
        int[] fill = java.util.Arrays.copyOf(rowStart, s);
        for (int i = 0; i < b; i++) {
            int a = 1 + (i / s) % (s - 1);
            int row = i % s;
            cols[fill[row]++] = i;
            row = (row + a) % s;
            cols[fill[row]++] = i;
            row = (row + a) % s;
            cols[fill[row]++] = i;
        }
        for (int i = 0; i < s; i++) {
            cols[fill[i]++] = b + i;
            cols[fill[i]++] = w + i % p;
            cols[fill[i]++] = w + (i + 1) % p;
        }
        for (int j = 0; j < isiCount; j++) {
            System.arraycopy(ltRows[j], 0, cols, rowStart[s + j], ltRows[j].length);
        }
        return new SparseRows(rows, rowStart, cols, ltCount, w);
    }
}
