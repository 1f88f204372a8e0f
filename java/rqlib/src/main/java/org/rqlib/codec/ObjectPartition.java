package org.rqlib.codec;

import java.util.Objects;

/**
 * How an object is cut into source blocks and sub-blocks, RFC 6330 section 4.4.1.2: the first ZL source blocks
 * have KL symbols and the rest KS; the first NL sub-blocks have sub-symbols of TL*Al bytes and the rest TS*Al.
 *
 * <p>Sub-blocks are CONTIGUOUS ranges of the zero-padded source block: sub-block n of a block of K symbols starts
 * at byte {@code K * subSymbolOffset(n)} ({@link #subBlockOffset}) and holds K sub-symbols of
 * {@code subSymbolSize(n)} bytes back to back. Encoding symbol j of the block (what a packet or symbol file
 * carries) is the concatenation over n of sub-symbol j of sub-block n, each placed at
 * {@code subSymbolOffset(n)} inside the T-byte symbol. Immutable and thread-safe.
 */
public final class ObjectPartition {
    private final Oti oti;
    private final int largeBlockSymbols;   // KL
    private final int smallBlockSymbols;   // KS
    private final int largeBlocks;         // ZL
    private final int largeSubSymbolSize;  // TL * Al
    private final int smallSubSymbolSize;  // TS * Al
    private final int largeSubBlocks;      // NL

    public ObjectPartition(Oti oti) {
        this.oti = Objects.requireNonNull(oti, "oti");
        long kt = oti.totalSymbols();
        int z = oti.sourceBlocks();
        this.largeBlockSymbols = (int) ceilDiv(kt, z);
        this.smallBlockSymbols = (int) (kt / z);
        this.largeBlocks = (int) (kt - (long) smallBlockSymbols * z);
        int units = oti.symbolSize() / oti.alignment();
        int n = oti.subBlocks();
        this.largeSubSymbolSize = (int) ceilDiv(units, n) * oti.alignment();
        this.smallSubSymbolSize = (units / n) * oti.alignment();
        this.largeSubBlocks = units - (units / n) * n;
    }

    public Oti oti() {
        return oti;
    }

    public int sourceBlockCount() {
        return oti.sourceBlocks();
    }

    /** K: the number of source symbols of source block sbn. */
    public int symbolsInBlock(int sbn) {
        checkBlock(sbn);
        return sbn < largeBlocks ? largeBlockSymbols : smallBlockSymbols;
    }

    /** Byte offset of source block sbn in the object. */
    public long blockOffset(int sbn) {
        checkBlock(sbn);
        long symbolsBefore = sbn <= largeBlocks
                ? (long) sbn * largeBlockSymbols
                : (long) largeBlocks * largeBlockSymbols + (long) (sbn - largeBlocks) * smallBlockSymbols;
        return symbolsBefore * oti.symbolSize();
    }

    /** Bytes of the object in source block sbn (the last block may end before its last symbol does). */
    public long blockLength(int sbn) {
        long start = blockOffset(sbn);
        long padded = (long) symbolsInBlock(sbn) * oti.symbolSize();
        return Math.min(padded, oti.transferLength() - start);
    }

    public int subBlockCount() {
        return oti.subBlocks();
    }

    /** Size in bytes of the sub-symbols of sub-block n. */
    public int subSymbolSize(int n) {
        checkSubBlock(n);
        return n < largeSubBlocks ? largeSubSymbolSize : smallSubSymbolSize;
    }

    /** Byte offset of sub-block n inside the zero-padded source block sbn (sub-blocks are contiguous). */
    public long subBlockOffset(int sbn, int n) {
        return (long) symbolsInBlock(sbn) * subSymbolOffset(n);
    }

    /** Offset in bytes of sub-block n's sub-symbol inside each encoding symbol (and the sum of earlier sizes). */
    public int subSymbolOffset(int n) {
        checkSubBlock(n);
        return n <= largeSubBlocks
                ? n * largeSubSymbolSize
                : largeSubBlocks * largeSubSymbolSize + (n - largeSubBlocks) * smallSubSymbolSize;
    }

    private void checkBlock(int sbn) {
        if (sbn < 0 || sbn >= oti.sourceBlocks()) {
            throw new IndexOutOfBoundsException("source block " + sbn + " not in [0, " + oti.sourceBlocks() + ")");
        }
    }

    private void checkSubBlock(int n) {
        if (n < 0 || n >= oti.subBlocks()) {
            throw new IndexOutOfBoundsException("sub-block " + n + " not in [0, " + oti.subBlocks() + ")");
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
