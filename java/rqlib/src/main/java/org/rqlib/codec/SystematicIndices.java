package org.rqlib.codec;

import org.rqlib.InvalidParameterException;

/**
 * RFC 6330 section 5.6, Table 2: for each supported extended block size K', the systematic index J(K') and the
 * parameters S(K'), H(K'), W(K'). All 477 rows are in {@link Rfc6330Tables#TABLE2}.
 */
public final class SystematicIndices {
    /** K'max, the largest number of source symbols in a source block (section 5.1.2). */
    public static final int MAX_K_PRIME = 56403;
    /** Number of rows of Table 2. */
    public static final int ROWS = 477;

    private static final int[] K_PRIME = new int[ROWS];
    private static final int[] J = new int[ROWS];
    private static final int[] S = new int[ROWS];
    private static final int[] H = new int[ROWS];
    private static final int[] W = new int[ROWS];

    static {
        int[] table = Rfc6330Tables.TABLE2;
        for (int i = 0; i < ROWS; i++) {
            K_PRIME[i] = table[5 * i];
            J[i] = table[5 * i + 1];
            S[i] = table[5 * i + 2];
            H[i] = table[5 * i + 3];
            W[i] = table[5 * i + 4];
        }
    }

    private SystematicIndices() {
    }

    /** The row index of the smallest K' >= k. */
    static int rowFor(int k) {
        if (k < 1 || k > MAX_K_PRIME) {
            throw new InvalidParameterException("number of source symbols K=" + k + " must be in [1, " + MAX_K_PRIME + "]");
        }
        int lo = 0;
        int hi = ROWS - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (K_PRIME[mid] >= k) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** K': the smallest table entry at least k (section 5.3.1). */
    public static int extendedSize(int k) {
        return K_PRIME[rowFor(k)];
    }

    /** The largest K' in the table that is at most {@code limit}, or 0 when even the smallest is larger. */
    public static int largestKPrimeAtMost(long limit) {
        int result = 0;
        for (int i = 0; i < ROWS && K_PRIME[i] <= limit; i++) {
            result = K_PRIME[i];
        }
        return result;
    }

    static int kPrime(int row) {
        return K_PRIME[row];
    }

    static int j(int row) {
        return J[row];
    }

    static int s(int row) {
        return S[row];
    }

    static int h(int row) {
        return H[row];
    }

    static int w(int row) {
        return W[row];
    }
}
