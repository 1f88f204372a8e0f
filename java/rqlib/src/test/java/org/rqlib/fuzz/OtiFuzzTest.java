package org.rqlib.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.Oti;

/**
 * Fuzzes the OTI parsers (12 bytes and 24 hex digits) from the vectors' OTIs. An OTI that parses must encode back
 * to the same bytes and describe a partition that tiles the object exactly: source blocks of 1..K'max symbols
 * whose lengths sum to F, sub-symbols of whole Al units that sum to T.
 */
class OtiFuzzTest {
    private static final List<byte[]> SEEDS = VectorCorpus.otis();

    @Test
    void parsedBytesRoundTripAndTileTheObject() {
        FuzzReport report = new FuzzHarness("oti-bytes", FuzzBudget.forTarget(3000), 5000).run(this::bytesInput);
        assertTrue(report.findings().isEmpty(), report.details());
        assertTrue(report.passed() > 0, "no mutated OTI parsed at all: the mutator is too destructive");
    }

    @Test
    void parsedHexRoundTrips() {
        FuzzReport report = new FuzzHarness("oti-hex", FuzzBudget.forTarget(2000), 5000).run((random, sample) -> {
            // half the inputs mutate the bytes behind the digits, so that many stay well-formed hex
            byte[] seed = random.nextBoolean() ? Mutator.mutate(pick(random), SEEDS, random) : pick(random);
            byte[] text = HexFormat.of().formatHex(seed).getBytes(StandardCharsets.US_ASCII);
            if (random.nextBoolean()) {
                text = Mutator.mutate(text, hexSeeds(), random);
            } else if (random.nextBoolean() && text.length > 0) {
                text[random.nextInt(text.length)] = (byte) "0123456789abcdefABCDEF"
                        .charAt(random.nextInt(22));
            }
            String hex = new String(text, StandardCharsets.ISO_8859_1);
            sample.bytes(text);
            sample.describe("'" + hex + "'");
            Oti oti = Oti.parseHex(hex);
            assertEquals(hex.toLowerCase(java.util.Locale.ROOT), oti.toHex());
        });
        assertTrue(report.findings().isEmpty(), report.details());
    }

    private void bytesInput(Random random, FuzzSample sample) {
        byte[] input = random.nextInt(20) == 0 ? randomOti(random) : Mutator.mutate(pick(random), SEEDS, random);
        sample.bytes(input);
        sample.describe(HexFormat.of().formatHex(input));
        Oti oti = Oti.parse(input);
        assertArrayEquals(input, oti.toBytes());
        assertEquals(oti, Oti.parse(oti.toBytes()));
        checkPartition(oti);
    }

    static void checkPartition(Oti oti) {
        ObjectPartition partition = new ObjectPartition(oti);
        long total = 0;
        for (int sbn = 0; sbn < oti.sourceBlocks(); sbn++) {
            int k = partition.symbolsInBlock(sbn);
            assertTrue(k >= 1 && k <= 56403, oti + " block " + sbn + " has K=" + k);
            assertEquals(total, partition.blockOffset(sbn), oti + " block " + sbn + " offset");
            long length = partition.blockLength(sbn);
            assertTrue(length >= 1 && length <= (long) k * oti.symbolSize(), oti + " block " + sbn + " length " + length);
            total += length;
        }
        assertEquals(oti.transferLength(), total, oti + ": blocks do not tile F");
        int offset = 0;
        for (int n = 0; n < oti.subBlocks(); n++) {
            int size = partition.subSymbolSize(n);
            assertTrue(size >= oti.alignment() && size % oti.alignment() == 0, oti + " sub-block " + n + " size " + size);
            assertEquals(offset, partition.subSymbolOffset(n), oti + " sub-block " + n + " offset");
            offset += size;
        }
        assertEquals(oti.symbolSize(), offset, oti + ": sub-symbols do not tile T");
    }

    private static byte[] pick(Random random) {
        return SEEDS.get(random.nextInt(SEEDS.size()));
    }

    private static byte[] randomOti(Random random) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return bytes;
    }

    private static List<byte[]> hexSeeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (byte[] oti : SEEDS) {
            seeds.add(HexFormat.of().formatHex(oti).getBytes(StandardCharsets.US_ASCII));
        }
        return seeds;
    }
}
