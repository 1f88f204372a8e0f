package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rqlib.kernel.JavaSymbolKernel;

/**
 * Byte-exact agreement with the independent RFC 6330 implementation that made testdata/vectors: every packet
 * in each vector (source, repair, and the far ESIs K+1000, K+65535, 16777000) is re-encoded and compared, and
 * each object is decoded from seeded random subsets of K+2 packets per block.
 */
class ConformanceVectorsTest {
    private static final Codec CODEC = Codec.create(JavaSymbolKernel.INSTANCE);

    static List<String> vectors() {
        return ConformanceVector.names();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void otiSerialisesToTheVectorsHex(String name) {
        ConformanceVector vector = ConformanceVector.load(name);
        assertEquals(vector.otiHex(), vector.oti().toHex());
        assertEquals(vector.oti(), Oti.parseHex(vector.otiHex()));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void everyPacketIsReproducedByteForByte(String name) {
        ConformanceVector vector = ConformanceVector.load(name);
        Oti oti = vector.oti();
        ObjectPartition partition = new ObjectPartition(oti);
        ByteBuffer data = ByteBuffer.wrap(vector.data());
        SourceBlockEncoder[] encoders = new SourceBlockEncoder[oti.sourceBlocks()];
        try {
            for (int sbn = 0; sbn < encoders.length; sbn++) {
                encoders[sbn] = SourceBlockEncoder.encode(CODEC, partition, sbn, data, (int) partition.blockOffset(sbn));
            }
            for (int p = 0; p < vector.packetCount(); p++) {
                EncodingPacket expected = vector.packet(p);
                EncodingPacket actual = encoders[vector.sbnOf(p)].packet(vector.esiOf(p));
                assertEquals(expected, actual, name + " packet " + p + " (SBN " + vector.sbnOf(p) + ", ESI "
                        + vector.esiOf(p) + ")");
            }
        } finally {
            for (SourceBlockEncoder encoder : encoders) {
                if (encoder != null) {
                    encoder.close();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesFromRandomSubsetsOfKPlusTwoPackets(String name) {
        ConformanceVector vector = ConformanceVector.load(name);
        Oti oti = vector.oti();
        ObjectPartition partition = new ObjectPartition(oti);
        int trials = vector.packetCount() > 20_000 ? 1 : 3;
        for (int trial = 0; trial < trials; trial++) {
            long seed = name.hashCode() * 31L + trial;
            Random random = new Random(seed);
            byte[] decoded = new byte[(int) oti.transferLength()];
            for (int sbn = 0; sbn < oti.sourceBlocks(); sbn++) {
                List<Integer> ofBlock = new ArrayList<>();
                for (int p = 0; p < vector.packetCount(); p++) {
                    if (vector.sbnOf(p) == sbn) {
                        ofBlock.add(p);
                    }
                }
                Collections.shuffle(ofBlock, random);
                int k = partition.symbolsInBlock(sbn);
                try (SourceBlockDecoder decoder = new SourceBlockDecoder(CODEC, partition, sbn)) {
                    for (int p : ofBlock.subList(0, k + 2)) {
                        assertTrue(decoder.addPacket(vector.packet(p)));
                    }
                    decoder.decode(ByteBuffer.wrap(decoded), (int) partition.blockOffset(sbn));
                }
            }
            assertEquals(vector.sourceSha256(), ConformanceVector.sha256(decoded),
                    name + " decoded from K+2 random packets, seed " + seed);
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesFromRepairPacketsAlone(String name) {
        ConformanceVector vector = ConformanceVector.load(name);
        Oti oti = vector.oti();
        ObjectPartition partition = new ObjectPartition(oti);
        byte[] decoded = new byte[(int) oti.transferLength()];
        ByteBuffer data = ByteBuffer.wrap(vector.data());
        for (int sbn = 0; sbn < oti.sourceBlocks(); sbn++) {
            int k = partition.symbolsInBlock(sbn);
            try (SourceBlockEncoder encoder = SourceBlockEncoder.encode(CODEC, partition, sbn, data,
                    (int) partition.blockOffset(sbn));
                    SourceBlockDecoder decoder = new SourceBlockDecoder(CODEC, partition, sbn)) {
                for (int esi = k; esi < 2 * k + 2; esi++) {
                    decoder.addPacket(encoder.packet(esi));
                }
                decoder.decode(ByteBuffer.wrap(decoded), (int) partition.blockOffset(sbn));
            }
        }
        assertArrayEquals(vector.data(), decoded, name + " decoded from repair symbols K..2K+1 only");
        assertEquals(vector.sourceSha256(), ConformanceVector.sha256(decoded));
    }
}
