package org.rqlib.codec;

/**
 * Where sub-blocks lie in a source block, RFC 6330 4.4.1.2: the zero-padded block of K*T bytes is cut into N
 * contiguous sub-blocks, sub-block n holding K sub-symbols of subSymbolSize(n) bytes. Encoding symbol j of the
 * block is the concatenation of sub-symbol j of every sub-block, so with N > 1 a symbol is not a contiguous
 * slice of the block. Stateless.
 */
final class SubBlockLayout {
    private SubBlockLayout() {
    }

    /** Byte offset of sub-block n inside the padded source block of K symbols. */
    static long subBlockOffset(ObjectPartition partition, int k, int n) {
        return (long) k * partition.subSymbolOffset(n);
    }
}
