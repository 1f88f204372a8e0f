package org.rqlib.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rqlib.codec.EncodingPacket;
import org.rqlib.codec.Oti;

/**
 * Fuzzes {@link EncodingPacket#parse} with mutated vector packets inside larger arrays, at offsets and lengths at
 * and beyond the edges (negative, past the end, overflowing). A packet that parses must give back exactly the
 * bytes it was parsed from, with an SBN the OTI has.
 */
class PacketParseFuzzTest {
    private static final List<byte[]> PACKETS = VectorCorpus.packets();
    private static final List<VectorCorpus.Vector> VECTORS = VectorCorpus.smallVectors();

    @Test
    void parsedPacketsAreExactlyTheirBytes() {
        FuzzReport report = new FuzzHarness("packet-parse", FuzzBudget.forTarget(3000), 5000).run(this::input);
        assertTrue(report.findings().isEmpty(), report.details());
        assertTrue(report.passed() > 0, "no packet parsed at all");
    }

    private void input(Random random, FuzzSample sample) {
        VectorCorpus.Vector vector = VECTORS.get(random.nextInt(VECTORS.size()));
        byte[] packet = vector.packet(random.nextInt(vector.packetCount()));
        if (random.nextInt(3) > 0) {
            packet = Mutator.mutate(packet, PACKETS, random);
        }
        int before = random.nextInt(3) == 0 ? random.nextInt(9) : 0;
        int after = random.nextInt(3) == 0 ? random.nextInt(9) : 0;
        byte[] bytes = Mutator.concat(new byte[before], packet, new byte[after]);
        int offset = pickOffset(random, before, bytes.length);
        int length = pickLength(random, packet.length, vector.packetSize(), bytes.length);
        Oti oti = random.nextInt(5) == 0 ? VECTORS.get(random.nextInt(VECTORS.size())).oti() : vector.oti();
        sample.bytes(bytes);
        sample.describe("offset " + offset + " length " + length + " of " + bytes.length + " bytes, " + oti);
        EncodingPacket parsed = EncodingPacket.parse(bytes, offset, length, oti);
        assertArrayEquals(Arrays.copyOfRange(bytes, offset, offset + length), parsed.toBytes());
        assertTrue(parsed.sourceBlockNumber() < oti.sourceBlocks());
    }

    private static int pickOffset(Random random, int natural, int arrayLength) {
        int[] edges = {natural, natural, natural, 0, arrayLength, arrayLength + 1, -1, Integer.MAX_VALUE,
            Integer.MIN_VALUE, random.nextInt(arrayLength + 1)};
        return edges[random.nextInt(edges.length)];
    }

    private static int pickLength(Random random, int natural, int expected, int arrayLength) {
        int[] edges = {natural, natural, expected, expected, 0, -1, expected + 1, expected - 1, arrayLength,
            Integer.MAX_VALUE, Integer.MIN_VALUE};
        return edges[random.nextInt(edges.length)];
    }
}
