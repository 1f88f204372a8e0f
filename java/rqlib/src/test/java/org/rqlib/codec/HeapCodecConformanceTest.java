package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rqlib.kernel.ArraySymbolKernel;
import org.rqlib.kernel.HeapBufferAllocator;

/**
 * The browser build's codec (heap buffers from {@link HeapBufferAllocator}, the byte-wise {@link ArraySymbolKernel})
 * reproduces every conformance vector's packets and decodes each object from repair packets alone, as the JVM's
 * direct-buffer codec does.
 */
class HeapCodecConformanceTest {
    private static final Codec CODEC = Codec.create(ArraySymbolKernel.INSTANCE,
            Codec.DEFAULT_PLAN_CACHE_BYTES, HeapBufferAllocator.INSTANCE, SolveGate.UNBOUNDED);

    static List<String> vectors() {
        return ConformanceVector.names();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void everyPacketIsReproducedAndTheObjectDecodesFromRepairAlone(String name) {
        ConformanceVector vector = ConformanceVector.load(name);
        ObjectPartition partition = new ObjectPartition(vector.oti());
        ByteBuffer data = ByteBuffer.wrap(vector.data());
        byte[] decoded = new byte[(int) vector.oti().transferLength()];
        for (int sbn = 0; sbn < partition.sourceBlockCount(); sbn++) {
            int k = partition.symbolsInBlock(sbn);
            try (SourceBlockEncoder encoder = SourceBlockEncoder.encode(CODEC, partition, sbn, data,
                    (int) partition.blockOffset(sbn));
                    SourceBlockDecoder decoder = new SourceBlockDecoder(CODEC, partition, sbn)) {
                for (int p = 0; p < vector.packetCount(); p++) {
                    if (vector.sbnOf(p) == sbn) {
                        assertEquals(vector.packet(p), encoder.packet(vector.esiOf(p)), name + " packet " + p);
                    }
                }
                for (int esi = k; esi < 2 * k + 2; esi++) {
                    decoder.addPacket(encoder.packet(esi));
                }
                decoder.decode(ByteBuffer.wrap(decoded), (int) partition.blockOffset(sbn));
            }
        }
        assertArrayEquals(vector.data(), decoded, name + " decoded from repair symbols K..2K+1 only");
    }
}
