package org.rqlib.codec;

import org.rqlib.kernel.OperationPlan;

/**
 * Appends symbol operations to a plan while tracking which slots are known to hold zeros, so that work on them
 * is skipped: an addition of a zero slot is dropped, an addition into a zero slot becomes a copy. The caller
 * zero-fills the slots it declares zero before the plan runs. Not thread-safe.
 */
final class PlanEmitter {
    private final OperationPlan.Builder out;
    private final boolean[] zero;

    /** @param zeroSlots slots known to hold zeros now, indexed by slot; updated as operations are appended */
    PlanEmitter(OperationPlan.Builder out, boolean[] zeroSlots) {
        this.out = out;
        this.zero = zeroSlots;
    }

    boolean isZero(int slot) {
        return zero[slot];
    }

    /** dst ^= src. */
    void xor(int dst, int src) {
        if (zero[src]) {
            return;
        }
        if (zero[dst]) {
            out.copy(dst, src);
            zero[dst] = false;
        } else {
            out.xor(dst, src);
        }
    }

    /** dst ^= c * src. */
    void mulAdd(int dst, int src, int c) {
        if (zero[src] || c == 0) {
            return;
        }
        if (zero[dst]) {
            out.copy(dst, src);
            out.scale(dst, c);
            zero[dst] = false;
        } else {
            out.mulAdd(dst, src, c);
        }
    }

    /** dst = c * dst. */
    void scale(int dst, int c) {
        if (!zero[dst]) {
            out.scale(dst, c);
        }
    }

    /** dst = src, whatever dst held (a slot reused for another sum). */
    void set(int dst, int src) {
        if (zero[src]) {
            zero(dst);
            return;
        }
        out.copy(dst, src);
        zero[dst] = false;
    }

    /** dst = 0. */
    void zero(int dst) {
        if (!zero[dst]) {
            out.zero(dst);
            zero[dst] = true;
        }
    }
}
