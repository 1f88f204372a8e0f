package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rqlib.NotEnoughSymbolsException;
import org.rqlib.kernel.JavaSymbolKernel;

/**
 * RFC 6330 5.8: with exactly K symbols decoding fails about 1% of the time, with K+2 almost never. Over 1000
 * seeded trials at K = 100, failures at K must stay under 2% and each failure must be finished by adding
 * symbols (one is enough with high probability); K+2 must never fail. A failed decode must say so (a typed
 * exception naming the block), never return garbage.
 */
class DecodingFailureRateTest {
    private static final int K = 100;
    private static final int TRIALS = 1000;
    private static final int T = 16;
    private static final Codec CODEC = Codec.create(JavaSymbolKernel.INSTANCE);

    @Test
    void exactlyKFailsRarelyAndMoreSymbolsFinishIt() {
        Random random = new Random(5_8_2011L);
        ByteBuffer source = randomDirect(random, K * T);
        int failures = 0;
        int worstExtra = 0;
        try (BlockEncoder encoder = CODEC.encode(K, T, source, 0)) {
            for (int trial = 0; trial < TRIALS; trial++) {
                List<Integer> esis = shuffledEsis(random, 4 * K);
                ByteBuffer symbol = ByteBuffer.allocateDirect(T);
                ByteBuffer decoded = ByteBuffer.allocateDirect(K * T);
                try (BlockDecoder decoder = CODEC.decoder(K, T, "trial " + trial)) {
                    int next = 0;
                    for (; next < K; next++) {
                        encoder.writeSymbol(esis.get(next), symbol, 0);
                        decoder.addSymbol(esis.get(next), symbol, 0);
                    }
                    int extra = 0;
                    while (true) {
                        try {
                            decoder.decode(decoded, 0);
                            break;
                        } catch (NotEnoughSymbolsException e) {
                            assertTrue(e.getMessage().contains("trial " + trial), e.getMessage());
                            assertTrue(e.moreNeeded() >= 1);
                            if (extra == 0) {
                                failures++;
                            }
                            extra++;
                            encoder.writeSymbol(esis.get(next), symbol, 0);
                            decoder.addSymbol(esis.get(next++), symbol, 0);
                        }
                    }
                    worstExtra = Math.max(worstExtra, extra);
                }
                assertEquals(source.clear(), decoded.clear(), "trial " + trial);
            }
        }
        System.out.printf("K=%d: %d of %d decodes from exactly K symbols failed; worst case needed %d more%n", K,
                failures, TRIALS, worstExtra);
        assertTrue(failures < TRIALS * 2 / 100, failures + " failures of " + TRIALS + " at exactly K");
        assertTrue(worstExtra <= 3, "a failed decode needed " + worstExtra + " more symbols");
    }

    @Test
    void kPlusTwoNeverFails() {
        Random random = new Random(5_8_2012L);
        ByteBuffer source = randomDirect(random, K * T);
        try (BlockEncoder encoder = CODEC.encode(K, T, source, 0)) {
            for (int trial = 0; trial < TRIALS; trial++) {
                List<Integer> esis = shuffledEsis(random, 4 * K);
                ByteBuffer symbol = ByteBuffer.allocateDirect(T);
                ByteBuffer decoded = ByteBuffer.allocateDirect(K * T);
                try (BlockDecoder decoder = CODEC.decoder(K, T)) {
                    for (int esi : esis.subList(0, K + 2)) {
                        encoder.writeSymbol(esi, symbol, 0);
                        decoder.addSymbol(esi, symbol, 0);
                    }
                    decoder.decode(decoded, 0);
                }
                assertEquals(source.clear(), decoded.clear(), "trial " + trial);
            }
        }
    }

    @Test
    void tooFewSymbolsNamesTheBlockAndTheShortfall() {
        Random random = new Random(3);
        ByteBuffer source = randomDirect(random, K * T);
        try (BlockEncoder encoder = CODEC.encode(K, T, source, 0);
                BlockDecoder decoder = CODEC.decoder(K, T, "source block 7")) {
            ByteBuffer symbol = ByteBuffer.allocateDirect(T);
            for (int esi = 5; esi < K; esi++) {
                encoder.writeSymbol(esi, symbol, 0);
                decoder.addSymbol(esi, symbol, 0);
            }
            ByteBuffer decoded = ByteBuffer.allocateDirect(K * T);
            NotEnoughSymbolsException e = assertThrows(NotEnoughSymbolsException.class, () -> decoder.decode(decoded, 0));
            assertEquals("source block 7", e.block());
            assertEquals(5, e.moreNeeded());
            assertTrue(e.getMessage().contains("source block 7") && e.getMessage().contains("5 more"), e.getMessage());
            for (int esi = K + 100; esi < K + 105; esi++) {
                encoder.writeSymbol(esi, symbol, 0);
                decoder.addSymbol(esi, symbol, 0);
            }
            for (int esi = K + 200; esi < K + 202; esi++) {
                encoder.writeSymbol(esi, symbol, 0);
                decoder.addSymbol(esi, symbol, 0);
            }
            decoder.decode(decoded, 0);
            byte[] expected = new byte[K * T];
            source.get(0, expected);
            byte[] actual = new byte[K * T];
            decoded.get(0, actual);
            assertArrayEquals(expected, actual);
        }
    }

    private static List<Integer> shuffledEsis(Random random, int range) {
        List<Integer> esis = new ArrayList<>();
        for (int esi = 0; esi < range; esi++) {
            esis.add(esi);
        }
        Collections.shuffle(esis, random);
        return esis;
    }

    private static ByteBuffer randomDirect(Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes);
        buffer.put(0, b);
        return buffer;
    }
}
