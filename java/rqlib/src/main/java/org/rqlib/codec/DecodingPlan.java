package org.rqlib.codec;

import java.util.Arrays;
import org.rqlib.kernel.OperationPlan;

/**
 * The solution of one decoding matrix: the operations that turn the received symbols (after the reserved LDPC,
 * HDPC and padding slots) into the intermediate symbols, and where each intermediate symbol ends up; or, when
 * the received symbols lack full rank, how many columns stayed unsolved. Depends only on K and the received
 * ESIs in order, so the N sub-blocks of a source block, which receive the same ESIs, share one. Immutable.
 *
 * <p>Slot layout: LDPC rows [0, S), HDPC rows [S, S+H), the zero rows of padding ISIs K..K'-1, the received
 * symbols in order, then one scratch slot. Slots before the received symbols and the scratch slot must be zero.
 */
final class DecodingPlan {
    private final OperationPlan operations;
    private final int[] intermediateSlot;
    private final int unsolved;

    private DecodingPlan(OperationPlan operations, int[] intermediateSlot, int unsolved) {
        this.operations = operations;
        this.intermediateSlot = intermediateSlot;
        this.unsolved = unsolved;
    }

    static DecodingPlan build(CodecParameters params, int[] esis) {
        // the heap a solve takes is admitted by the codec's SolveGate (PlanCache)
        return solve(params, esis);
    }

    private static DecodingPlan solve(CodecParameters params, int[] esis) {
        int k = params.sourceSymbols();
        int s = params.ldpcSymbols();
        int h = params.hdpcSymbols();
        int padding = params.extendedSymbols() - k;
        int reserved = reservedSlots(params);
        int scratch = reserved + esis.length;

        // rows: LDPC, then LT rows for the padding ISIs K..K'-1, then one per received symbol
        int[] isis = new int[padding + esis.length];
        for (int i = 0; i < padding; i++) {
            isis[i] = k + i;
        }
        for (int i = 0; i < esis.length; i++) {
            isis[padding + i] = params.isiOf(esis[i]);
        }
        SparseRows rows = SparseRows.build(params, isis, isis.length);
        int[] rowSlot = new int[rows.rowCount];
        boolean[] rowStartsZero = new boolean[rows.rowCount];
        for (int r = 0; r < s; r++) {
            rowSlot[r] = r;
            rowStartsZero[r] = true;
        }
        for (int i = 0; i < isis.length; i++) {
            rowSlot[s + i] = s + h + i;
            rowStartsZero[s + i] = i < padding;
        }
        int[] hdpcSlot = new int[h];
        Arrays.setAll(hdpcSlot, i -> s + i);
        boolean[] zero = new boolean[scratch + 1];
        Arrays.fill(zero, 0, reserved, true);
        zero[scratch] = true;
        OperationPlan.Builder plan = new OperationPlan.Builder(scratch + 1, 24 * (scratch + 1));
        InactivationSolver solver =
                new InactivationSolver(params, rows, rowSlot, hdpcSlot, scratch, new int[0], zero, rowStartsZero, plan);
        int[] intermediateSlot = solver.solve();
        if (intermediateSlot == null) {
            return new DecodingPlan(null, null, solver.unsolvedColumns());
        }
        return new DecodingPlan(plan.build(), intermediateSlot, 0);
    }

    /** LDPC rows, HDPC rows and the zero rows of the padding symbols K..K'-1. */
    static int reservedSlots(CodecParameters params) {
        return params.ldpcSymbols() + params.hdpcSymbols() + params.extendedSymbols() - params.sourceSymbols();
    }

    boolean solved() {
        return operations != null;
    }

    /** Columns without a pivot when unsolved: at least this many more symbols are needed. */
    int unsolvedColumns() {
        return unsolved;
    }

    OperationPlan operations() {
        return operations;
    }

    int[] intermediateSlots() {
        return intermediateSlot;
    }
}
