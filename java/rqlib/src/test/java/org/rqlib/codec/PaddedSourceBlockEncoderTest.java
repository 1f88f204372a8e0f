package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rqlib.kernel.HeapBufferAllocator;
import org.rqlib.kernel.JavaSymbolKernel;

/**
 * {@link SourceBlockEncoder#encodePadded} (the browser build's encoder, reading the caller's padded block in
 * place) gives every conformance packet, and the same symbols as {@link SourceBlockEncoder#encode} for ranges
 * that cross from source to repair ESIs, sub-blocks included; {@link SourceBlockDecoder#decodePadded} decodes
 * each source block in place to its bytes plus zero padding.
 */
class PaddedSourceBlockEncoderTest {
    static List<String> vectors() {
        return ConformanceVector.names();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void readsThePaddedBlockInPlaceAndMatchesTheCopyingEncoder(String name) {
        Codec codec = heapCodec();
        ConformanceVector vector = ConformanceVector.load(name);
        ObjectPartition partition = new ObjectPartition(vector.oti());
        int t = vector.oti().symbolSize();
        int last = partition.sourceBlockCount() - 1;
        byte[] padded = zeroPadded(vector, partition);
        byte[] untouched = padded.clone();
        ByteBuffer data = ByteBuffer.wrap(vector.data());
        for (int sbn = 0; sbn <= last; sbn++) {
            int k = partition.symbolsInBlock(sbn);
            try (SourceBlockEncoder inPlace = SourceBlockEncoder.encodePadded(codec, partition, sbn,
                    ByteBuffer.wrap(padded), (int) partition.blockOffset(sbn));
                    SourceBlockEncoder copying = SourceBlockEncoder.encode(codec, partition, sbn, data,
                            (int) partition.blockOffset(sbn))) {
                for (int p = 0; p < vector.packetCount(); p++) {
                    if (vector.sbnOf(p) == sbn) {
                        assertEquals(vector.packet(p), inPlace.packet(vector.esiOf(p)), name + " packet " + p);
                    }
                }
                // a range from the middle of the source symbols into the repair ones, in one call
                int first = k / 2;
                int count = k - first + 3;
                ByteBuffer ours = ByteBuffer.allocate(count * t);
                ByteBuffer theirs = ByteBuffer.allocate(count * t);
                inPlace.writeSymbols(first, count, ours, 0);
                copying.writeSymbols(first, count, theirs, 0);
                assertArrayEquals(theirs.array(), ours.array(), name + " source block " + sbn + " ESIs " + first
                        + ".." + (first + count - 1) + " over " + partition.subBlockCount() + " sub-blocks");
            }
        }
        assertArrayEquals(untouched, padded, name + ": the caller's block was written to");
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesInPlaceToTheBlockAndZeroPadding(String name) {
        Codec codec = heapCodec();
        ConformanceVector vector = ConformanceVector.load(name);
        ObjectPartition partition = new ObjectPartition(vector.oti());
        int last = partition.sourceBlockCount() - 1;
        byte[] expected = zeroPadded(vector, partition);
        byte[] decoded = new byte[expected.length];
        java.util.Arrays.fill(decoded, (byte) 0x5A); // padding must be written, not left as found
        for (int sbn = 0; sbn <= last; sbn++) {
            try (SourceBlockDecoder decoder = new SourceBlockDecoder(codec, partition, sbn)) {
                // repair packets first, so the sub-blocks are solved rather than copied
                int fed = 0;
                for (int p = vector.packetCount() - 1; p >= 0 && fed < partition.symbolsInBlock(sbn) + 2; p--) {
                    if (vector.sbnOf(p) == sbn && decoder.addPacket(vector.packet(p))) {
                        fed++;
                    }
                }
                decoder.decodePadded(ByteBuffer.wrap(decoded), (int) partition.blockOffset(sbn));
            }
        }
        assertArrayEquals(expected, decoded, name + " decoded in place");
    }

    private static Codec heapCodec() {
        return Codec.create(JavaSymbolKernel.INSTANCE, Codec.DEFAULT_PLAN_CACHE_BYTES, HeapBufferAllocator.INSTANCE,
                SolveGate.UNBOUNDED);
    }

    /** The vector's data followed by zeros up to the end of its last source block's symbols. */
    private static byte[] zeroPadded(ConformanceVector vector, ObjectPartition partition) {
        int last = partition.sourceBlockCount() - 1;
        int t = vector.oti().symbolSize();
        byte[] padded = new byte[(int) (partition.blockOffset(last) + (long) partition.symbolsInBlock(last) * t)];
        System.arraycopy(vector.data(), 0, padded, 0, vector.data().length);
        return padded;
    }
}
