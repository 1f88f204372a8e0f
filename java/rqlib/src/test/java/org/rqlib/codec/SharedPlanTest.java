package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rqlib.kernel.JavaSymbolKernel;

/**
 * The groups of sub-blocks of one source block solve their plan once through a {@link SharedPlan}, even when the
 * plan cache cannot hold it (a 6 GiB file at 64m solved K = 49,159 once per group: 632 times), and get the bytes
 * they would get without it.
 */
class SharedPlanTest {
    private static final int K = 300;

    @Test
    void groupsOfOneSourceBlockSolveTheEncodingPlanOnceWhenTheCacheCannotHoldIt() {
        Codec uncached = Codec.create(JavaSymbolKernel.INSTANCE, 0);
        SharedPlan shared = new SharedPlan();
        Random random = new Random(11);
        long sharedSolves = 0;
        for (int group = 0; group < 4; group++) {
            int width = 8 + 8 * group;
            ByteBuffer source = randomSymbols(random, width);
            byte[] alone;
            try (BlockEncoder encoder = uncached.encode(K, width, source, 0, false)) {
                alone = repair(encoder, width);
            }
            long before = uncached.planCache().misses();
            try (BlockEncoder encoder = uncached.encode(K, width, source, 0, false, shared)) {
                assertArrayEquals(alone, repair(encoder, width), "group " + group + " with the shared plan");
            }
            sharedSolves += uncached.planCache().misses() - before;
        }
        // the 4 groups that shared solved at most once (the plan cache may also find the plan an encoder alone
        // still held, so the solves of the groups alone are not counted)
        assertTrue(sharedSolves <= 1, sharedSolves + " solves for the groups that shared: "
                + uncached.planCacheSummary());
    }

    @Test
    void groupsThatReceivedTheSameSymbolsSolveTheDecodingPlanOnce() {
        Codec uncached = Codec.create(JavaSymbolKernel.INSTANCE, 0);
        SharedPlan shared = new SharedPlan();
        Random random = new Random(12);
        int[] lost = {0, 7, 150, 299};
        long decodingSolves = 0;
        for (int group = 0; group < 3; group++) {
            int width = 16;
            ByteBuffer source = randomSymbols(random, width);
            ByteBuffer repair = ByteBuffer.allocateDirect(lost.length * width);
            try (BlockEncoder encoder = uncached.encode(K, width, source, 0)) {
                encoder.writeSymbols(K, lost.length, repair, 0);
            }
            ByteBuffer decoded = ByteBuffer.allocateDirect(K * width);
            long before = uncached.planCache().misses();
            try (BlockDecoder decoder = uncached.decoder(K, width, "group " + group, shared)) {
                for (int esi = 0, l = 0; esi < K; esi++) {
                    if (l < lost.length && lost[l] == esi) {
                        l++;
                    } else {
                        decoder.addSymbol(esi, source, esi * width);
                    }
                }
                for (int r = 0; r < lost.length; r++) {
                    decoder.addSymbol(K + r, repair, r * width);
                }
                decoder.decode(decoded, 0);
            }
            decodingSolves += uncached.planCache().misses() - before;
            assertEquals(source.clear(), decoded.clear(), "group " + group + " decoded");
        }
        // one decoding plan for the 3 groups (the encodes between them are not counted)
        assertEquals(1, decodingSolves, uncached.planCacheSummary());
    }

    @Test
    void anotherKeyReplacesTheSharedPlan() {
        Codec uncached = Codec.create(JavaSymbolKernel.INSTANCE, 0);
        SharedPlan shared = new SharedPlan();
        Random random = new Random(13);
        for (int k : new int[] {K, 1000, K}) {
            // the key is K': K and 1000 have different ones
            try (BlockEncoder encoder = uncached.encode(k, 8, randomSymbols(random, 8, k), 0, false, shared)) {
                assertEquals(k, encoder.sourceSymbols());
            }
        }
        // what the shared plan itself builds (the plan cache may still find a plan another holder keeps alive)
        int[] builds = new int[1];
        for (String key : new String[] {"a", "a", "b", "a"}) {
            assertEquals(key, shared.get(key, () -> {
                builds[0]++;
                return key;
            }));
        }
        assertEquals(3, builds[0], "only the latest plan is kept");
    }

    private static ByteBuffer randomSymbols(Random random, int width) {
        return randomSymbols(random, width, K);
    }

    private static ByteBuffer randomSymbols(Random random, int width, int k) {
        byte[] bytes = new byte[k * width];
        random.nextBytes(bytes);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    private static byte[] repair(BlockEncoder encoder, int width) {
        int count = 40;
        ByteBuffer out = ByteBuffer.allocateDirect(count * width);
        encoder.writeSymbols(K, count, out, 0);
        byte[] bytes = new byte[count * width];
        out.get(0, bytes);
        return bytes;
    }
}
