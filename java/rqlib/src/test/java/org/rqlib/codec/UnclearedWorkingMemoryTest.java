package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rqlib.kernel.HeapBufferAllocator;
import org.rqlib.kernel.JavaSymbolKernel;
import org.rqlib.kernel.SymbolBufferAllocator;

/**
 * Encoders take their slab uncleared ({@link SymbolBufferAllocator#allocateUncleared}) and clear only the slots
 * their plan expects zero: whatever a reused buffer still holds must never reach an encoding symbol. Here every
 * uncleared buffer is filled with random bytes, and every conformance packet must still come out.
 */
class UnclearedWorkingMemoryTest {
    /** Heap buffers; uncleared ones arrive full of random bytes, as a reused buffer would. */
    private static final class Dirty implements SymbolBufferAllocator {
        private final Random random;
        int uncleared;

        Dirty(long seed) {
            this.random = new Random(seed);
        }

        @Override
        public ByteBuffer allocate(long bytes) {
            return HeapBufferAllocator.INSTANCE.allocate(bytes);
        }

        @Override
        public ByteBuffer allocateUncleared(long bytes) {
            uncleared++;
            ByteBuffer buffer = HeapBufferAllocator.INSTANCE.allocate(bytes);
            random.nextBytes(buffer.array());
            return buffer;
        }

        @Override
        public void free(ByteBuffer buffer) {
            // the collector reclaims heap buffers
        }
    }

    static List<String> vectors() {
        return ConformanceVector.names();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void encodersReproduceEveryPacketFromDirtyMemory(String name) {
        long seed = name.hashCode();
        Dirty dirty = new Dirty(seed);
        Codec codec = Codec.create(JavaSymbolKernel.INSTANCE, Codec.DEFAULT_PLAN_CACHE_BYTES, dirty, SolveGate.UNBOUNDED);
        ConformanceVector vector = ConformanceVector.load(name);
        ObjectPartition partition = new ObjectPartition(vector.oti());
        ByteBuffer data = ByteBuffer.wrap(vector.data());
        for (int sbn = 0; sbn < partition.sourceBlockCount(); sbn++) {
            try (SourceBlockEncoder encoder = SourceBlockEncoder.encode(codec, partition, sbn, data,
                    (int) partition.blockOffset(sbn))) {
                for (int p = 0; p < vector.packetCount(); p++) {
                    if (vector.sbnOf(p) == sbn) {
                        assertEquals(vector.packet(p), encoder.packet(vector.esiOf(p)),
                                name + " packet " + p + " (garbage seed " + seed + ")");
                    }
                }
            }
        }
        assertTrue(dirty.uncleared > 0, "no encoder took uncleared memory, so this test checked nothing");
    }
}
