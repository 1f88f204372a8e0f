package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The encoding plan's length in symbol operations per source symbol, what {@code rq bench} prints as
 * {@code enc ops/K}: at K = 1000 every operation costs about the same whatever it computes, so the length is the
 * codec's speed there. Bounds sit just above the lengths reached when phase 3 learned to solve a pivot row from its
 * phase-1 form where that is cheaper and phase 2 to eliminate four columns at a time (24.85 / 25.77 / 26.51 at
 * K = 1000 / 10000 / 50000 before both): a change that lengthens plans fails here.
 */
class EncodingPlanLengthTest {
    @ParameterizedTest
    @CsvSource({"100, 20.6", "1000, 23.05", "10000, 24.45", "50000, 25.1"})
    void planStaysShort(int k, double maxOpsPerSymbol) {
        double opsPerSymbol = CodecBenchmark.encodeOpsPerSymbol(k);
        assertTrue(opsPerSymbol <= maxOpsPerSymbol,
                "K=" + k + ": " + opsPerSymbol + " operations per source symbol, more than " + maxOpsPerSymbol);
    }
}
