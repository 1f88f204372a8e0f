package org.rqlib.codec;

/**
 * The parameters derived from K (RFC 6330 section 5.3.3.3): K', J, S, H, W, L = K'+S+H, P = L-W, B = W-S,
 * P1 = the smallest prime >= P, and U = P-H. Immutable.
 */
record CodecParameters(int sourceSymbols, int extendedSymbols, int systematicIndex, int ldpcSymbols,
        int hdpcSymbols, int ltSymbols) {

    static CodecParameters forSourceSymbols(int k) {
        int row = SystematicIndices.rowFor(k);
        return new CodecParameters(k, SystematicIndices.kPrime(row), SystematicIndices.j(row),
                SystematicIndices.s(row), SystematicIndices.h(row), SystematicIndices.w(row));
    }

    /** Parameters for the padded block itself (K = K'), as an encoding plan uses them. */
    static CodecParameters forExtendedSize(int kPrime) {
        return forSourceSymbols(kPrime).withSourceSymbols(kPrime);
    }

    CodecParameters withSourceSymbols(int k) {
        return new CodecParameters(k, extendedSymbols, systematicIndex, ldpcSymbols, hdpcSymbols, ltSymbols);
    }

    /**
     * The internal symbol id of encoding symbol {@code esi}, RFC 6330 5.3.2: source ESIs are their ISIs, repair ESI X
     * is generated from ISI X + (K' - K).
     */
    int isiOf(int esi) {
        return esi < sourceSymbols ? esi : esi + (extendedSymbols - sourceSymbols);
    }

    /** L: the number of intermediate symbols. */
    int intermediateSymbols() {
        return extendedSymbols + ldpcSymbols + hdpcSymbols;
    }

    /** P: the number of permanently inactivated symbols. */
    int piSymbols() {
        return intermediateSymbols() - ltSymbols;
    }

    /** B = W - S: the LT symbols that are not LDPC symbols. */
    int b() {
        return ltSymbols - ldpcSymbols;
    }

    /** P1: the smallest prime >= P. */
    int p1() {
        int p = piSymbols();
        while (!isPrime(p)) {
            p++;
        }
        return p;
    }

    private static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        for (int d = 2; (long) d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
