package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rqlib.kernel.Kernels;
import org.rqlib.kernel.SymbolKernel;

/**
 * The conformance vectors (testdata/vectors) with every kernel available here, native instruction sets
 * included: each packet re-encoded byte for byte, and each object decoded from a seeded K+2 subset per block.
 * The Java kernel runs them in the core module's ConformanceVectorsTest; this adds the native ones.
 */
class NativeConformanceTest {

    static Stream<Arguments> kernelsAndVectors() {
        List<Arguments> cases = new ArrayList<>();
        for (SymbolKernel kernel : Kernels.available()) {
            if (!kernel.name().equals("java")) {
                for (String name : ConformanceVector.names()) {
                    cases.add(Arguments.of(kernel, name));
                }
            }
        }
        return cases.stream();
    }

    @Test
    void atLeastOneNativeKernelIsUnderTestOrTheReasonIsKnown() {
        long natives = Kernels.available().stream().filter(k -> !k.name().equals("java")).count();
        org.junit.jupiter.api.Assumptions.assumeTrue(natives > 0,
                () -> "no native kernel here: " + Kernels.info().nativeProblem());
        assertTrue(ConformanceVector.names().size() > 0, "no conformance vectors found");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kernelsAndVectors")
    void everyPacketIsReproducedAndTheObjectDecodes(SymbolKernel kernel, String name) {
        Codec codec = Codec.create(kernel);
        ConformanceVector vector = ConformanceVector.load(name);
        ObjectPartition partition = new ObjectPartition(vector.oti());
        ByteBuffer data = ByteBuffer.wrap(vector.data());
        byte[] decoded = new byte[(int) vector.oti().transferLength()];
        long seed = name.hashCode() * 31L;
        Random random = new Random(seed);
        for (int sbn = 0; sbn < vector.oti().sourceBlocks(); sbn++) {
            List<Integer> ofBlock = new ArrayList<>();
            try (SourceBlockEncoder encoder = SourceBlockEncoder.encode(codec, partition, sbn, data,
                    (int) partition.blockOffset(sbn))) {
                for (int p = 0; p < vector.packetCount(); p++) {
                    if (vector.sbnOf(p) == sbn) {
                        ofBlock.add(p);
                        assertEquals(vector.packet(p), encoder.packet(vector.esiOf(p)),
                                kernel.name() + " " + name + " packet " + p + " (ESI " + vector.esiOf(p) + ")");
                    }
                }
            }
            Collections.shuffle(ofBlock, random);
            try (SourceBlockDecoder decoder = new SourceBlockDecoder(codec, partition, sbn)) {
                for (int p : ofBlock.subList(0, partition.symbolsInBlock(sbn) + 2)) {
                    assertTrue(decoder.addPacket(vector.packet(p)));
                }
                decoder.decode(ByteBuffer.wrap(decoded), (int) partition.blockOffset(sbn));
            }
        }
        assertEquals(vector.sourceSha256(), ConformanceVector.sha256(decoded),
                kernel.name() + " " + name + " decoded from K+2 random packets, seed " + seed);
    }
}
