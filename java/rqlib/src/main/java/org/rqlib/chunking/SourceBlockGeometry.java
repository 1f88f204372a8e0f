package org.rqlib.chunking;

import java.util.ArrayList;
import java.util.List;
import org.rqlib.codec.ObjectPartition;

/**
 * Where the bytes of one source block live, RFC 6330 4.4.1.2: the block, zero-padded to K*T bytes, is cut into N
 * contiguous sub-blocks; sub-block n holds K sub-symbols of T_n bytes from padded offset K * off(n), where off(n)
 * is the sub-symbol's offset inside a symbol. Encoding symbol i is the concatenation over n of sub-symbol i of
 * sub-block n. Immutable.
 */
public final class SourceBlockGeometry {
    private final int sbn;
    private final int k;
    private final int symbolSize;
    private final long offsetInBlock;
    private final long length;
    private final int[] pieceOffset;
    private final int[] pieceSize;

    public SourceBlockGeometry(ObjectPartition partition, int sbn) {
        this.sbn = sbn;
        this.k = partition.symbolsInBlock(sbn);
        this.symbolSize = partition.oti().symbolSize();
        this.offsetInBlock = partition.blockOffset(sbn);
        this.length = partition.blockLength(sbn);
        int n = partition.subBlockCount();
        this.pieceOffset = new int[n + 1];
        this.pieceSize = new int[n];
        for (int i = 0; i < n; i++) {
            pieceOffset[i] = partition.subSymbolOffset(i);
            pieceSize[i] = partition.subSymbolSize(i);
        }
        pieceOffset[n] = symbolSize;
    }

    public int sbn() {
        return sbn;
    }

    /** K: source symbols. */
    public int k() {
        return k;
    }

    /** T: bytes per symbol. */
    public int symbolSize() {
        return symbolSize;
    }

    /** Where this source block starts inside its block (the RaptorQ object). */
    public long offsetInBlock() {
        return offsetInBlock;
    }

    /** The source block's unpadded length. */
    public long length() {
        return length;
    }

    public int subBlockCount() {
        return pieceSize.length;
    }

    /** Offset of sub-block n's sub-symbol inside an encoding symbol. */
    public int pieceOffset(int n) {
        return pieceOffset[n];
    }

    /** T_n: bytes of sub-block n's sub-symbols. */
    public int pieceSize(int n) {
        return pieceSize[n];
    }

    /** Where sub-block n starts inside the zero-padded source block. */
    public long subBlockStart(int n) {
        return (long) k * pieceOffset[n];
    }

    /** The group of sub-blocks [first, end). */
    public SubBlockGroup group(int first, int end) {
        return new SubBlockGroup(first, end, pieceOffset[first], pieceOffset[end] - pieceOffset[first]);
    }

    /** Cuts the sub-blocks into consecutive groups of at most {@code maxWidth} bytes per symbol (at least one each). */
    public List<SubBlockGroup> groups(int maxWidth) {
        List<SubBlockGroup> groups = new ArrayList<>();
        int first = 0;
        while (first < pieceSize.length) {
            int end = first + 1;
            while (end < pieceSize.length && pieceOffset[end + 1] - pieceOffset[first] <= maxWidth) {
                end++;
            }
            groups.add(group(first, end));
            first = end;
        }
        return groups;
    }
}
