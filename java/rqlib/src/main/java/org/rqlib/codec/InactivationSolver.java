package org.rqlib.codec;

import java.util.Arrays;
import org.rqlib.kernel.Gf256;
import org.rqlib.kernel.OperationPlan;

/**
 * Solves A * C = D for the L intermediate symbols C by inactivation decoding (RFC 6330 5.4.2), symbolically:
 * the matrix work happens here on bits and bytes, and every operation on symbols is appended to an
 * {@link OperationPlan} for a kernel to execute later.
 *
 * <p>Phases, with the deviations from the RFC's presentation that keep the plan short:
 * <ol>
 *   <li>Phase 1 runs on the sparse binary rows only (LDPC and LT). Choosing a row moves all but one of its
 *       remaining columns to the inactive set U and eliminates the pivot column from the other rows. Because a
 *       chosen row keeps a single column in V, rows never fill in inside V.</li>
 *   <li>The dense HDPC rows are not eliminated row by row (H mulAdds per pivot); their projection onto U is
 *       computed in one pass ({@link HdpcProjection}).</li>
 *   <li>Phase 2: Gauss-Jordan over U, binary rows first, HDPC rows for the columns binary rows cannot
 *       pivot. Given table slots, the binary rows are eliminated four columns at a time (Four-Russians): a row
 *       adds one precomputed sum of pivot rows instead of each pivot row.</li>
 *   <li>Phase 3: each pivot row is solved the cheaper of two ways. Most are restored to their original
 *       right-hand sides (undoing phase 1 in reverse) and solved by forward substitution through their original
 *       sparse equations, which costs their number of non-zeros instead of |U| each; a row whose phase-1 form
 *       has fewer inactive columns than that is solved from it directly (its right-hand side after phase 1 plus
 *       its inactive columns), with no restore.</li>
 * </ol>
 *
 * <p>Slots known to hold zeros (LDPC, HDPC and padding rows, and the scratch slot) must be zero-filled by
 * the caller; the solver then skips work on them. Not thread-safe; one instance solves one matrix.
 */
final class InactivationSolver {
    private static final int ACTIVE = 0;
    private static final int PIVOTED = 1;
    private static final int INACTIVE = 2;
    /** Columns phase 2 eliminates at a time when it has table slots (Four-Russians); 2^4 - 1 - 4 = 11 slots. */
    static final int GROUP_COLUMNS = 4;
    /** Table slots that let phase 2 eliminate GROUP_COLUMNS columns at a time. */
    static final int TABLE_SLOTS = (1 << GROUP_COLUMNS) - 1 - GROUP_COLUMNS;

    private final CodecParameters params;
    private final SparseRows rows;
    private final int[] rowSlot;
    private final int[] hdpcSlot;
    private final int scratchSlot;
    private final int[] tableSlots;
    private final boolean[] rowStartsZero;
    private final PlanEmitter emit;

    private final int[] colState;
    private final int[] colIndex;
    private final boolean[] used;
    private final int[] rowDegree;
    private final int[] pivotRow;
    private final int[] pivotCol;
    private int pivots;

    private long[] uBits;
    private int wordsPerRow;
    private int inactiveCount;

    /**
     * @param rowSlot slot of each sparse row (LDPC rows, then LT rows)
     * @param hdpcSlot slot of each HDPC row
     * @param scratchSlot a slot the HDPC recurrence may use
     * @param tableSlots TABLE_SLOTS slots phase 2 may overwrite for its sums of pivot rows, or none (then it
     *     eliminates one column at a time); they need not start zero
     * @param zeroSlots slots known to hold zeros now (indexed by slot; updated as the plan is built)
     * @param rowStartsZero per sparse row: its right-hand side is zero (LDPC and padding rows)
     */
    InactivationSolver(CodecParameters params, SparseRows rows, int[] rowSlot, int[] hdpcSlot, int scratchSlot,
            int[] tableSlots, boolean[] zeroSlots, boolean[] rowStartsZero, OperationPlan.Builder out) {
        this.params = params;
        this.rows = rows;
        this.rowSlot = rowSlot;
        this.hdpcSlot = hdpcSlot;
        this.scratchSlot = scratchSlot;
        this.tableSlots = tableSlots;
        this.rowStartsZero = rowStartsZero;
        this.emit = new PlanEmitter(out, zeroSlots);
        int l = params.intermediateSymbols();
        this.colState = new int[l];
        this.colIndex = new int[l];
        this.used = new boolean[rows.rowCount];
        this.rowDegree = new int[rows.rowCount];
        this.pivotRow = new int[l];
        this.pivotCol = new int[l];
    }

    /**
     * Appends the solving operations to the plan. Returns the slot holding each intermediate symbol, or null
     * when the rows do not have full rank; then {@link #unsolvedColumns()} says how many columns stayed
     * unsolved and nothing has been appended that a caller must run.
     */
    int[] solve() {
        startWithPermanentlyInactiveColumns();
        phase1();
        byte[][] hdpc = HdpcProjection.project(params, new PhaseOneView(), hdpcSlot, scratchSlot, emit);
        int[] solvedSlot = phase2(hdpc);
        if (solvedSlot == null) {
            return null;
        }
        boolean[] fromPhaseOne = solvableFromPhaseOne();
        restorePivotRows(fromPhaseOne);
        substituteForward(solvedSlot, fromPhaseOne);
        int l = params.intermediateSymbols();
        int[] result = new int[l];
        for (int c = 0; c < l; c++) {
            result[c] = colState[c] == PIVOTED ? rowSlot[pivotRow[colIndex[c]]] : solvedSlot[colIndex[c]];
        }
        return result;
    }

    private int unsolved;

    int unsolvedColumns() {
        return unsolved;
    }

    // ---- set-up -------------------------------------------------------------------------------------------

    private void startWithPermanentlyInactiveColumns() {
        int w = params.ltSymbols();
        int l = params.intermediateSymbols();
        wordsPerRow = Math.max(1, (params.piSymbols() + 63) / 64 + 1);
        uBits = new long[rows.rowCount * wordsPerRow];
        for (int c = w; c < l; c++) {
            colState[c] = INACTIVE;
            colIndex[c] = c - w;
        }
        inactiveCount = l - w;
        for (int r = 0; r < rows.rowCount; r++) {
            int lt = rows.ltCount[r];
            rowDegree[r] = lt;
            for (int e = rows.rowStart[r] + lt; e < rows.rowStart[r + 1]; e++) {
                toggleBit(r, rows.cols[e] - w);
            }
        }
    }

    // ---- phase 1 ------------------------------------------------------------------------------------------

    private void phase1() {
        int maxDegree = 0;
        for (int r = 0; r < rows.rowCount; r++) {
            maxDegree = Math.max(maxDegree, rowDegree[r]);
        }
        DegreeQueue queue = new DegreeQueue(maxDegree, rows.rowCount + rows.colRows.length);
        for (int r = 0; r < rows.rowCount; r++) {
            queue.push(r, rowDegree[r]);
        }
        for (int r; (r = queue.poll(rowDegree, used)) >= 0; ) {
            addEliminatedPivotRows(r);
            int pivotColumn = -1;
            for (int e = rows.rowStart[r], end = e + rows.ltCount[r]; e < end; e++) {
                int c = rows.cols[e];
                if (colState[c] != ACTIVE) {
                    continue;
                }
                if (pivotColumn < 0) {
                    pivotColumn = c;
                } else {
                    inactivate(c, queue);
                }
            }
            pivot(r, pivotColumn, queue);
        }
        // columns no remaining row touches: only the HDPC rows can solve them
        for (int c = 0; c < params.ltSymbols(); c++) {
            if (colState[c] == ACTIVE) {
                inactivate(c, null);
            }
        }
        for (int r = 0; r < rows.rowCount; r++) {
            if (!used[r]) {
                addEliminatedPivotRows(r);
            }
        }
    }

    /**
     * The symbol side of phase 1 for row r: the pivot rows eliminated from r so far are exactly its original
     * LT-part columns that are pivoted now (a chosen row keeps a single column in V, so eliminating it touches
     * nothing else in V). Adding them when r is chosen, or at the end for rows never chosen, instead of at
     * each elimination, yields the same sums with every row's additions next to each other, which kernels
     * fuse into one pass over the destination. Each added pivot row is final: it was chosen before r.
     */
    private void addEliminatedPivotRows(int r) {
        int slot = rowSlot[r];
        for (int e = rows.rowStart[r], end = e + rows.ltCount[r]; e < end; e++) {
            int c = rows.cols[e];
            if (colState[c] == PIVOTED) {
                emit.xor(slot, rowSlot[pivotRow[colIndex[c]]]);
            }
        }
    }

    private void inactivate(int c, DegreeQueue queue) {
        colState[c] = INACTIVE;
        int bit = inactiveCount++;
        colIndex[c] = bit;
        ensureBitCapacity(inactiveCount);
        for (int e = rows.colStart[c]; e < rows.colStart[c + 1]; e++) {
            int m = rows.colRows[e];
            if (used[m]) {
                continue;
            }
            toggleBit(m, bit);
            rowDegree[m]--;
            if (queue != null) {
                queue.push(m, rowDegree[m]);
            }
        }
    }

    private void pivot(int r, int c, DegreeQueue queue) {
        used[r] = true;
        int k = pivots++;
        pivotRow[k] = r;
        pivotCol[k] = c;
        colState[c] = PIVOTED;
        colIndex[c] = k;
        for (int e = rows.colStart[c]; e < rows.colStart[c + 1]; e++) {
            int m = rows.colRows[e];
            if (used[m]) {
                continue;
            }
            xorBits(m, r);
            rowDegree[m]--;
            queue.push(m, rowDegree[m]);
        }
    }

    // ---- HDPC rows ----------------------------------------------------------------------------------------

    /** What the HDPC projection reads of the state after phase 1. */
    private final class PhaseOneView implements HdpcProjection.PhaseOne {
        @Override
        public boolean isPivoted(int column) {
            return colState[column] == PIVOTED;
        }

        @Override
        public int pivotRowOf(int column) {
            return pivotRow[colIndex[column]];
        }

        @Override
        public int inactiveIndexOf(int column) {
            return colIndex[column];
        }

        @Override
        public int inactiveCount() {
            return inactiveCount;
        }

        @Override
        public void addInactivePart(int row, long[] target, int words) {
            int base = row * wordsPerRow;
            for (int x = 0; x < words; x++) {
                target[x] ^= uBits[base + x];
            }
        }

        @Override
        public int slotOf(int row) {
            return rowSlot[row];
        }
    }

    // ---- phase 2 ------------------------------------------------------------------------------------------

    private int[] phase2(byte[][] hd) {
        int u = inactiveCount;
        int[] remaining = new int[rows.rowCount - pivots];
        int n = 0;
        for (int r = 0; r < rows.rowCount; r++) {
            if (!used[r]) {
                remaining[n++] = r;
            }
        }
        int[] solvedSlot = new int[u];
        Arrays.fill(solvedSlot, -1);
        int[] binaryPivotOf = new int[u];
        Arrays.fill(binaryPivotOf, -1);
        boolean[] isBinaryPivot = new boolean[n];
        int[] deferred = new int[u];
        int deferredCount = 0;

        int width = tableSlots.length >= TABLE_SLOTS ? GROUP_COLUMNS : 1;
        int[] groupColumn = new int[width];
        int[] groupRow = new int[width];
        int[] rowMask = new int[n];
        for (int x0 = 0; x0 < u; x0 += width) {
            int g = 0;
            for (int x = x0; x < Math.min(u, x0 + width); x++) {
                int chosen = groupPivot(x, remaining, n, isBinaryPivot, groupColumn, groupRow, g);
                if (chosen < 0) {
                    deferred[deferredCount++] = x;
                    continue;
                }
                isBinaryPivot[chosen] = true;
                int p = remaining[chosen];
                // reduce the new pivot by the group's earlier ones, then them by it: each keeps one group column
                for (int j = 0; j < g; j++) {
                    int q = remaining[groupRow[j]];
                    if (bit(p, groupColumn[j])) {
                        xorBits(p, q);
                        emit.xor(rowSlot[p], rowSlot[q]);
                    }
                }
                for (int j = 0; j < g; j++) {
                    int q = remaining[groupRow[j]];
                    if (bit(q, x)) {
                        xorBits(q, p);
                        emit.xor(rowSlot[q], rowSlot[p]);
                    }
                }
                groupColumn[g] = x;
                groupRow[g++] = chosen;
                binaryPivotOf[x] = p;
                solvedSlot[x] = rowSlot[p];
            }
            if (g > 0) {
                eliminateGroup(remaining, n, groupColumn, groupRow, g, rowMask);
                for (int j = 0; j < g; j++) {
                    int p = remaining[groupRow[j]];
                    int x = groupColumn[j];
                    for (int row = 0; row < hd.length; row++) {
                        int a = hd[row][x] & 0xFF;
                        if (a != 0) {
                            addScaledBits(hd[row], p, a, u);
                            emit.mulAdd(hdpcSlot[row], rowSlot[p], a);
                        }
                    }
                }
            }
        }

        boolean[] hdpcUsed = new boolean[hd.length];
        unsolved = 0;
        for (int i = 0; i < deferredCount; i++) {
            int x = deferred[i];
            int chosen = -1;
            for (int row = 0; row < hd.length; row++) {
                if (!hdpcUsed[row] && hd[row][x] != 0) {
                    chosen = row;
                    break;
                }
            }
            if (chosen < 0) {
                unsolved++;
                continue;
            }
            hdpcUsed[chosen] = true;
            int inverse = Gf256.inverse(hd[chosen][x] & 0xFF);
            scaleRow(hd[chosen], inverse);
            emit.scale(hdpcSlot[chosen], inverse);
            for (int row = 0; row < hd.length; row++) {
                int b = hd[row][x] & 0xFF;
                if (row != chosen && b != 0) {
                    addScaledRow(hd[row], hd[chosen], b);
                    emit.mulAdd(hdpcSlot[row], hdpcSlot[chosen], b);
                }
            }
            solvedSlot[x] = hdpcSlot[chosen];
        }
        if (unsolved > 0) {
            return null;
        }
        // binary pivot rows may still hold ones in the columns the HDPC rows solved
        for (int x = 0; x < u; x++) {
            int p = binaryPivotOf[x];
            if (p < 0) {
                continue;
            }
            for (int i = 0; i < deferredCount; i++) {
                int d = deferred[i];
                if ((uBits[p * wordsPerRow + (d >>> 6)] & (1L << d)) != 0) {
                    emit.xor(rowSlot[p], solvedSlot[d]);
                }
            }
        }
        return solvedSlot;
    }

    /**
     * The first remaining row, not a pivot yet, that has a one in column x once the group's g pivots so far are
     * eliminated from it (they are reduced: pivot j has a one in its group column and zeros in the others), or -1.
     */
    private int groupPivot(int x, int[] remaining, int n, boolean[] isBinaryPivot, int[] groupColumn,
            int[] groupRow, int g) {
        for (int i = 0; i < n; i++) {
            if (isBinaryPivot[i]) {
                continue;
            }
            int m = remaining[i];
            boolean one = bit(m, x);
            for (int j = 0; j < g; j++) {
                if (bit(m, groupColumn[j]) && bit(remaining[groupRow[j]], x)) {
                    one = !one;
                }
            }
            if (one) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Eliminates the group's g columns from every other remaining row (Gauss-Jordan: earlier pivots included),
     * Four-Russians style: a row with ones in several group columns adds the sum of those pivots once, from a
     * table slot holding that sum, instead of each pivot in turn. A sum gets a table slot only when the rows
     * needing it save more additions than building it costs (a copy and an addition from a smaller sum). Rows are
     * visited by the sum they need, so additions of one table slot sit together and the kernel reads it once.
     */
    private void eliminateGroup(int[] remaining, int n, int[] groupColumn, int[] groupRow, int g, int[] rowMask) {
        int masks = 1 << g;
        int[] users = new int[masks];
        for (int i = 0; i < n; i++) {
            int m = remaining[i];
            int mask = 0;
            for (int j = 0; j < g; j++) {
                if (bit(m, groupColumn[j])) {
                    mask |= 1 << j;
                }
            }
            for (int j = 0; j < g; j++) {
                if (groupRow[j] == i) {
                    mask = 0;   // the group's own pivots keep their column
                }
            }
            rowMask[i] = mask;
            users[mask]++;
        }
        int[] entrySlot = new int[masks];
        Arrays.fill(entrySlot, -1);
        for (int j = 0; j < g; j++) {
            entrySlot[1 << j] = rowSlot[remaining[groupRow[j]]];
        }
        int nextTable = 0;
        for (int mask = 3; mask < masks; mask++) {
            int terms = Integer.bitCount(mask);
            int smaller = mask & (mask - 1);
            if (terms < 2 || entrySlot[smaller] < 0 || users[mask] * terms <= users[mask] + 2) {
                continue;
            }
            int slot = tableSlots[nextTable++];
            emit.set(slot, entrySlot[smaller]);
            emit.xor(slot, entrySlot[mask & -mask]);
            entrySlot[mask] = slot;
        }
        for (int mask = 1; mask < masks; mask++) {
            if (users[mask] == 0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                if (rowMask[i] != mask) {
                    continue;
                }
                int m = remaining[i];
                for (int j = 0; j < g; j++) {
                    if ((mask & (1 << j)) != 0) {
                        xorBits(m, remaining[groupRow[j]]);
                        if (entrySlot[mask] < 0) {
                            emit.xor(rowSlot[m], rowSlot[remaining[groupRow[j]]]);
                        }
                    }
                }
                if (entrySlot[mask] >= 0) {
                    emit.xor(rowSlot[m], entrySlot[mask]);
                }
            }
        }
    }

    private boolean bit(int row, int column) {
        return (uBits[row * wordsPerRow + (column >>> 6)] & (1L << column)) != 0;
    }

    private void addScaledBits(byte[] target, int row, int a, int u) {
        int base = row * wordsPerRow;
        for (int w = 0, words = (u + 63) / 64; w < words; w++) {
            long bits = uBits[base + w];
            while (bits != 0) {
                int x = (w << 6) + Long.numberOfTrailingZeros(bits);
                target[x] ^= (byte) a;
                bits &= bits - 1;
            }
        }
    }

    private static void scaleRow(byte[] row, int c) {
        for (int i = 0; i < row.length; i++) {
            row[i] = (byte) Gf256.mul(row[i] & 0xFF, c);
        }
    }

    private static void addScaledRow(byte[] target, byte[] source, int c) {
        for (int i = 0; i < target.length; i++) {
            if (source[i] != 0) {
                target[i] ^= (byte) Gf256.mul(source[i] & 0xFF, c);
            }
        }
    }

    // ---- phase 3 ------------------------------------------------------------------------------------------

    /**
     * Per pivot: true when solving it from its phase-1 form (one addition per inactive column it has then) takes
     * fewer operations than restoring its right-hand side and substituting through its original equation. Both
     * give the same symbol; the choice only changes the plan's length. Rows solved from their phase-1 form are
     * not restored, so the restore pass still reads every pivot row's phase-1 right-hand side where it needs it.
     */
    private boolean[] solvableFromPhaseOne() {
        boolean[] direct = new boolean[pivots];
        int words = (inactiveCount + 63) / 64;
        for (int k = 0; k < pivots; k++) {
            int r = pivotRow[k];
            int inactiveTerms = 0;
            for (int w = 0, base = r * wordsPerRow; w < words; w++) {
                inactiveTerms += Long.bitCount(uBits[base + w]);
            }
            int restoreTerms = 0;
            if (rowStartsZero[r]) {
                restoreTerms = 1;
            } else {
                for (int e = rows.rowStart[r], end = e + rows.ltCount[r]; e < end; e++) {
                    int c = rows.cols[e];
                    if (c != pivotCol[k] && colState[c] == PIVOTED) {
                        restoreTerms++;
                    }
                }
            }
            int substituteTerms = rows.rowStart[r + 1] - rows.rowStart[r] - 1;
            direct[k] = inactiveTerms < restoreTerms + substituteTerms;
        }
        return direct;
    }

    /**
     * Phase 1 added earlier pivot rows into each pivot row before it was chosen; the added rows are exactly
     * its other pivoted LT-part columns. Undoing those additions from the last pivot down restores every
     * pivot row's original right-hand side (rows solved from their phase-1 form keep it: later rows' restores
     * read it).
     */
    private void restorePivotRows(boolean[] fromPhaseOne) {
        for (int k = pivots - 1; k >= 0; k--) {
            if (fromPhaseOne[k]) {
                continue;
            }
            int r = pivotRow[k];
            int slot = rowSlot[r];
            if (rowStartsZero[r]) {
                emit.zero(slot);
                continue;
            }
            for (int e = rows.rowStart[r], end = e + rows.ltCount[r]; e < end; e++) {
                int c = rows.cols[e];
                if (c != pivotCol[k] && colState[c] == PIVOTED) {
                    emit.xor(slot, rowSlot[pivotRow[colIndex[c]]]);
                }
            }
        }
    }

    /**
     * C[pivotCol[k]] = D[r] + the sum of the row's other columns, all solved before k; or, for a row solved from
     * its phase-1 form, D'[r] + the sum of its inactive columns (phase 2 solved them all).
     */
    private void substituteForward(int[] solvedSlot, boolean[] fromPhaseOne) {
        int words = (inactiveCount + 63) / 64;
        for (int k = 0; k < pivots; k++) {
            int r = pivotRow[k];
            int slot = rowSlot[r];
            if (fromPhaseOne[k]) {
                for (int w = 0, base = r * wordsPerRow; w < words; w++) {
                    for (long bits = uBits[base + w]; bits != 0; bits &= bits - 1) {
                        emit.xor(slot, solvedSlot[(w << 6) + Long.numberOfTrailingZeros(bits)]);
                    }
                }
                continue;
            }
            for (int e = rows.rowStart[r]; e < rows.rowStart[r + 1]; e++) {
                int c = rows.cols[e];
                if (c == pivotCol[k]) {
                    continue;
                }
                int source = colState[c] == PIVOTED ? rowSlot[pivotRow[colIndex[c]]] : solvedSlot[colIndex[c]];
                emit.xor(slot, source);
            }
        }
    }

    // ---- bit rows -----------------------------------------------------------------------------------------

    private void toggleBit(int row, int bit) {
        uBits[row * wordsPerRow + (bit >>> 6)] ^= 1L << bit;
    }

    private void xorBits(int target, int source) {
        int t = target * wordsPerRow;
        int s = source * wordsPerRow;
        for (int w = 0, words = (inactiveCount + 63) / 64; w < words; w++) {
            uBits[t + w] ^= uBits[s + w];
        }
    }

    private void ensureBitCapacity(int bits) {
        int needed = (bits + 63) / 64;
        if (needed <= wordsPerRow) {
            return;
        }
        int grown = Math.max(needed, wordsPerRow + wordsPerRow / 2 + 1);   // 1.5x: old and new coexist while copying
        long[] bigger = new long[rows.rowCount * grown];
        for (int r = 0; r < rows.rowCount; r++) {
            System.arraycopy(uBits, r * wordsPerRow, bigger, r * grown, wordsPerRow);
        }
        uBits = bigger;
        wordsPerRow = grown;
    }
}
