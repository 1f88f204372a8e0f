package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rqlib.kernel.HeapBufferAllocator;
import org.rqlib.kernel.JavaSymbolKernel;
import org.rqlib.kernel.SymbolBufferAllocator;

/**
 * The codec on heap buffers ({@link HeapBufferAllocator} with the Java kernel, what a browser build without direct
 * memory uses) reproduces every conformance packet and decodes, and never asks for a direct buffer.
 */
class HeapBufferCodecTest {
    /** Heap buffers only; fails the test if the codec frees something it did not get here. */
    private static final class HeapOnly implements SymbolBufferAllocator {
        int allocations;

        @Override
        public ByteBuffer allocate(long bytes) {
            allocations++;
            return HeapBufferAllocator.INSTANCE.allocate(bytes);
        }

        @Override
        public void free(ByteBuffer buffer) {
            assertFalse(buffer != null && buffer.isDirect(), "a direct buffer reached the heap allocator");
        }
    }

    static List<String> vectors() {
        return ConformanceVector.names();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void reproducesEveryPacketAndDecodesOnHeapBuffers(String name) {
        HeapOnly heap = new HeapOnly();
        Codec codec = Codec.create(JavaSymbolKernel.INSTANCE, Codec.DEFAULT_PLAN_CACHE_BYTES, heap, SolveGate.UNBOUNDED);
        ConformanceVector vector = ConformanceVector.load(name);
        ObjectPartition partition = new ObjectPartition(vector.oti());
        ByteBuffer data = ByteBuffer.wrap(vector.data());
        byte[] decoded = new byte[(int) vector.oti().transferLength()];
        Random random = new Random(name.hashCode());
        for (int sbn = 0; sbn < partition.sourceBlockCount(); sbn++) {
            List<EncodingPacket> ofBlock = new ArrayList<>();
            try (SourceBlockEncoder encoder = SourceBlockEncoder.encode(codec, partition, sbn, data,
                    (int) partition.blockOffset(sbn))) {
                for (int p = 0; p < vector.packetCount(); p++) {
                    if (vector.sbnOf(p) == sbn) {
                        EncodingPacket expected = vector.packet(p);
                        assertEquals(expected, encoder.packet(vector.esiOf(p)), name + " packet " + p);
                        ofBlock.add(expected);
                    }
                }
            }
            Collections.shuffle(ofBlock, random);
            try (SourceBlockDecoder decoder = new SourceBlockDecoder(codec, partition, sbn)) {
                for (EncodingPacket packet : ofBlock.subList(0, partition.symbolsInBlock(sbn) + 2)) {
                    decoder.addPacket(packet);
                }
                decoder.decode(ByteBuffer.wrap(decoded), (int) partition.blockOffset(sbn));
            }
        }
        assertEquals(vector.sourceSha256(), ConformanceVector.sha256(decoded), name + " decoded on heap buffers");
        assertFalse(heap.allocations == 0, "the codec did not use the allocator it was given");
    }

    @Test
    void heapBuffersAreZeroedExactAndBigEndian() {
        ByteBuffer buffer = HeapBufferAllocator.INSTANCE.allocate(1001);
        assertEquals(1001, buffer.capacity());
        assertEquals(1001, buffer.limit());
        assertEquals(java.nio.ByteOrder.BIG_ENDIAN, buffer.order());
        for (int i = 0; i < buffer.capacity(); i++) {
            assertEquals(0, buffer.get(i));
        }
        assertThrows(IllegalArgumentException.class, () -> HeapBufferAllocator.INSTANCE.allocate(-1));
        assertThrows(IllegalArgumentException.class, () -> HeapBufferAllocator.INSTANCE.allocate(1L << 31));
    }
}
