package org.rqlib.codec;

import org.rqlib.kernel.OperationPlan;

/**
 * Builds the operations that compute encoding symbols from solved intermediate symbols, RFC 6330 5.3.5.3: each
 * is the xor of the intermediate symbols its tuple selects. Used for repair symbols and for recovering missing
 * source symbols. Not thread-safe (reuses a scratch array).
 */
final class SymbolGenerator {
    private final LtColumns columns;
    private final int[] intermediateSlot;
    private final int[] scratch = new int[LtColumns.MAX_COLUMNS];

    SymbolGenerator(CodecParameters params, int[] intermediateSlot) {
        this.columns = new LtColumns(params);
        this.intermediateSlot = intermediateSlot;
    }

    /** Appends ops that write the encoding symbol of internal symbol id {@code isi} into slot {@code target}. */
    void append(OperationPlan.Builder plan, int isi, int target) {
        int count = LtColumns.total(columns.columns(isi, scratch));
        plan.copy(target, intermediateSlot[scratch[0]]);
        for (int i = 1; i < count; i++) {
            plan.xor(target, intermediateSlot[scratch[i]]);
        }
    }
}
