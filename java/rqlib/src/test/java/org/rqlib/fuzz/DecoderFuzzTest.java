package org.rqlib.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rqlib.codec.Codec;
import org.rqlib.kernel.JavaSymbolKernel;

/** {@link DecoderFuzzTarget} on the Java kernel; rqlib-native runs it on each native kernel. */
class DecoderFuzzTest {

    @Test
    void hostileStreamsGiveTheObjectOrATypedError() {
        try (DecoderFuzzTarget target = new DecoderFuzzTarget(Codec.create(JavaSymbolKernel.INSTANCE))) {
            FuzzReport report = new FuzzHarness("block-decoder", FuzzBudget.forTarget(3000), 10_000).run(target);
            assertTrue(report.findings().isEmpty(), report.details());
            assertTrue(report.passed() > report.inputs() / 2, "too few decodes succeeded to check their output");
        }
    }
}
