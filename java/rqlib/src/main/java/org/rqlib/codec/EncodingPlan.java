package org.rqlib.codec;

import java.util.Arrays;
import org.rqlib.kernel.OperationPlan;

/**
 * The operations that turn the K' padded source symbols of a block into its L intermediate symbols. Depends only
 * on K', so one plan serves every block of that size and any symbol size. Immutable and thread-safe.
 *
 * <p>Slot layout: LDPC rows [0, S), HDPC rows [S, S+H), source symbols ISI 0..K'-1 in [S+H, L), one scratch
 * slot L, then {@link #TABLE_SLOTS} slots for phase 2's sums of pivot rows. Before running, slots [0, S+H), the
 * padding slots and the scratch slot must be zero (the table slots are written before they are read).
 */
final class EncodingPlan {
    /** Slots after the scratch slot that phase 2 uses as a Four-Russians table. */
    static final int TABLE_SLOTS = InactivationSolver.TABLE_SLOTS;

    private final CodecParameters params;
    private final OperationPlan operations;
    private final int[] intermediateSlot;

    private EncodingPlan(CodecParameters params, OperationPlan operations, int[] intermediateSlot) {
        this.params = params;
        this.operations = operations;
        this.intermediateSlot = intermediateSlot;
    }

    static EncodingPlan build(int kPrime) {
        // the heap a solve takes is admitted by the codec's SolveGate (PlanCache)
        return solve(kPrime);
    }

    private static EncodingPlan solve(int kPrime) {
        CodecParameters params = CodecParameters.forExtendedSize(kPrime);
        int s = params.ldpcSymbols();
        int h = params.hdpcSymbols();
        int l = params.intermediateSymbols();
        int[] isis = new int[kPrime];
        Arrays.setAll(isis, i -> i);
        SparseRows rows = SparseRows.build(params, isis, kPrime);
        int[] rowSlot = new int[rows.rowCount];
        boolean[] rowStartsZero = new boolean[rows.rowCount];
        for (int r = 0; r < s; r++) {
            rowSlot[r] = r;
            rowStartsZero[r] = true;
        }
        for (int i = 0; i < kPrime; i++) {
            rowSlot[s + i] = s + h + i;
        }
        int[] hdpcSlot = new int[h];
        Arrays.setAll(hdpcSlot, i -> s + i);
        int[] tableSlots = new int[TABLE_SLOTS];
        Arrays.setAll(tableSlots, i -> l + 1 + i);
        boolean[] zero = new boolean[l + 1 + TABLE_SLOTS];
        Arrays.fill(zero, 0, s + h, true);
        zero[l] = true;
        OperationPlan.Builder builder = new OperationPlan.Builder(l + 1 + TABLE_SLOTS, 24 * l);
        InactivationSolver solver = new InactivationSolver(params, rows, rowSlot, hdpcSlot, l, tableSlots, zero,
                rowStartsZero, builder);
        int[] result = solver.solve();
        if (result == null) {
            // Table 2 guarantees the systematic rows have full rank; reaching this is a bug, not bad input
            throw new IllegalStateException("encoding matrix for K'=" + kPrime + " is singular");
        }
        return new EncodingPlan(params, builder.build(), result);
    }

    CodecParameters parameters() {
        return params;
    }

    OperationPlan operations() {
        return operations;
    }

    /** Slot of intermediate symbol c after the plan ran. */
    int intermediateSlot(int c) {
        return intermediateSlot[c];
    }

    int[] intermediateSlots() {
        return intermediateSlot;
    }

    /** Slots the plan uses, including the scratch and table slots. */
    int slotCount() {
        return operations.slotCount();
    }

    /** Slot where the source symbol with ISI i goes before the plan runs. */
    int sourceSlot(int isi) {
        return params.ldpcSymbols() + params.hdpcSymbols() + isi;
    }
}
