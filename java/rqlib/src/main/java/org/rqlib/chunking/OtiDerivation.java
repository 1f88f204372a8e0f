package org.rqlib.chunking;

import org.rqlib.InvalidParameterException;
import org.rqlib.codec.Oti;
import org.rqlib.codec.SystematicIndices;

/**
 * Derives the OTI of one block the way the original library does: from symbol size 64 up, T = floor(symbol_size /
 * 8) * 8 and Al = 8; below 64, T = symbol_size and Al = 1 (golden cases made with the original show both); Z and N
 * by RFC 6330 section 4.3 with WS = 10 MiB and SS = 8. Stateless and thread-safe.
 */
public final class OtiDerivation {
    /** Al for symbol sizes from {@link #ALIGNED_FROM} up, in bytes. */
    public static final int ALIGNMENT = 8;
    /** The smallest configured symbol size the original rounds to a multiple of 8; below it Al = 1. */
    public static final int ALIGNED_FROM = 64;
    /** The configured symbol size's range: the OTI's T field is two bytes, and a symbol has at least one. */
    public static final int MIN_SYMBOL_SIZE = 1;
    public static final int MAX_SYMBOL_SIZE = 65535;
    /** SS: the smallest sub-symbol, in units of Al (RFC 6330 4.3 recommends 8). */
    public static final int SUB_SYMBOL_UNITS = 8;
    /** WS: the decoder working memory the sub-block split aims at (the original's 10 MiB). */
    public static final long WORKING_SET_BYTES = 10L * 1024 * 1024;
    /** Source blocks per object at most: the SBN is one byte (RFC 6330 3.2). */
    public static final int MAX_SOURCE_BLOCKS = 256;

    private OtiDerivation() {
    }

    /** T for a configured symbol size: rounded down to a multiple of Al. */
    public static int symbolSizeT(int configuredSymbolSize) {
        int al = alignment(configuredSymbolSize);
        return configuredSymbolSize / al * al;
    }

    /** Al for a configured symbol size: 8 from 64 up, else 1 (the original's rule). */
    public static int alignment(int configuredSymbolSize) {
        if (configuredSymbolSize < MIN_SYMBOL_SIZE || configuredSymbolSize > MAX_SYMBOL_SIZE) {
            throw new InvalidParameterException("symbol size " + configuredSymbolSize + " must be in ["
                    + MIN_SYMBOL_SIZE + ", " + MAX_SYMBOL_SIZE + "]");
        }
        return configuredSymbolSize < ALIGNED_FROM ? 1 : ALIGNMENT;
    }

    /** The OTI of a block of {@code length} bytes encoded with the configured symbol size. */
    public static Oti derive(long length, int configuredSymbolSize) {
        if (length < 1 || length > Oti.MAX_TRANSFER_LENGTH) {
            throw new InvalidParameterException("block length " + length + " must be in [1, "
                    + Oti.MAX_TRANSFER_LENGTH + "]");
        }
        int al = alignment(configuredSymbolSize);
        int t = symbolSizeT(configuredSymbolSize);
        long kt = ceilDiv(length, t);
        // RFC 6330 4.3: N_max = floor(T / (SS * Al)); at least one sub-block for T below SS * Al
        int nMax = Math.max(1, t / (SUB_SYMBOL_UNITS * al));
        long z = ceilDiv(kt, kl(nMax, t, al));
        if (z > MAX_SOURCE_BLOCKS) {
            throw new InvalidParameterException("block of " + length + " bytes needs " + z
                    + " source blocks with symbol size " + configuredSymbolSize + "; at most "
                    + MAX_SOURCE_BLOCKS + " fit in the SBN byte: use a larger symbol size or smaller blocks");
        }
        long perBlock = ceilDiv(kt, z);
        int n = 1;
        while (n < nMax && perBlock > kl(n, t, al)) {
            n++;
        }
        return new Oti(length, t, (int) z, n, al);
    }

    /** KL(n): the largest K' whose sub-blocks of n-way split symbols fit WS (RFC 6330 4.3). */
    static int kl(int n, int t, int al) {
        long subSymbolBytes = al * ceilDiv(t, (long) al * n);
        return SystematicIndices.largestKPrimeAtMost(WORKING_SET_BYTES / subSymbolBytes);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
