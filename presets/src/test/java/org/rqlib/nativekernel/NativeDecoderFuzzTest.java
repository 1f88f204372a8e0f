package org.rqlib.nativekernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rqlib.codec.Codec;
import org.rqlib.fuzz.DecoderFuzzTarget;
import org.rqlib.fuzz.FuzzBudget;
import org.rqlib.fuzz.FuzzHarness;
import org.rqlib.fuzz.FuzzReport;
import org.rqlib.kernel.SymbolKernel;

/**
 * The block decoder fuzz target of rqlib's tests on each native kernel: hostile packet streams must give the object
 * (checked against symbols from the Java kernel) or a typed error, and never crash the process in C.
 */
class NativeDecoderFuzzTest {

    static java.util.stream.Stream<SymbolKernel> nativeKernels() {
        return NativeKernelEquivalenceTest.nativeKernels();
    }

    @ParameterizedTest
    @MethodSource("nativeKernels")
    void hostileStreamsDecodeOrFailTypedOnEveryNativeKernel(SymbolKernel kernel) {
        try (DecoderFuzzTarget target = new DecoderFuzzTarget(Codec.create(kernel))) {
            FuzzReport report = new FuzzHarness("decoder-" + kernel.name(), FuzzBudget.forTarget(800), 10_000)
                    .run(target);
            assertTrue(report.findings().isEmpty(), report.details());
            assertTrue(report.passed() > report.inputs() / 2, report.summary());
        }
    }
}
