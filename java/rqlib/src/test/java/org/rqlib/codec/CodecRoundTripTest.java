package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.rqlib.kernel.JavaSymbolKernel;

/**
 * Seeded property tests of the codec: objects with varied K, T, Al, N and Z survive encoding, the loss of all but
 * K+2 random packets per block, and decoding; cached and uncached encoding plans give the same bytes.
 */
class CodecRoundTripTest {
    private static final Codec CACHED = Codec.create(JavaSymbolKernel.INSTANCE);
    private static final Codec UNCACHED = Codec.create(JavaSymbolKernel.INSTANCE, 0);

    /** K from 1 to 56403: small K dense, large K sampled. */
    @Provide
    Arbitrary<Integer> sourceSymbols() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(60, Arbitraries.integers().between(1, 300)),
                net.jqwik.api.Tuple.of(30, Arbitraries.integers().between(301, 5000)),
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(5001, 56402)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(SystematicIndices.MAX_K_PRIME)));
    }

    @Property(tries = 60, seed = "20260001")
    void blockRoundTripsFromRandomKPlusTwo(@ForAll("sourceSymbols") int k,
            @ForAll @IntRange(min = 1, max = 6) int symbolWords, @ForAll long seed) {
        // small symbols keep large K fast; the kernels are tested on long symbols elsewhere
        int t = k > 5000 ? 4 : 4 * symbolWords;
        Random random = new Random(seed);
        ByteBuffer source = randomDirect(random, k * t);
        List<Integer> esis = new ArrayList<>();
        for (int esi = 0; esi < 2 * k + 10; esi++) {
            esis.add(esi);
        }
        Collections.shuffle(esis, random);
        ByteBuffer decoded = ByteBuffer.allocateDirect(k * t);
        ByteBuffer symbol = ByteBuffer.allocateDirect(t);
        try (BlockEncoder encoder = CACHED.encode(k, t, source, 0); BlockDecoder decoder = CACHED.decoder(k, t)) {
            for (int esi : esis.subList(0, k + 2)) {
                encoder.writeSymbol(esi, symbol, 0);
                decoder.addSymbol(esi, symbol, 0);
            }
            decoder.decode(decoded, 0);
        }
        assertEquals(source.clear(), decoded.clear(), "K=" + k + " T=" + t + " seed=" + seed);
    }

    @Property(tries = 40, seed = "20260002")
    void objectRoundTripsWithSubBlocksAndSourceBlocks(@ForAll @IntRange(min = 1, max = 200_000) int f,
            @ForAll @IntRange(min = 1, max = 8) int z, @ForAll @IntRange(min = 1, max = 4) int n,
            @ForAll @IntRange(min = 0, max = 3) int alignmentPower, @ForAll @IntRange(min = 1, max = 64) int units,
            @ForAll long seed) {
        int al = 1 << alignmentPower;
        int t = al * Math.max(n, units);
        long kt = ((long) f + t - 1) / t;
        int blocks = (int) Math.min(z, kt);
        Oti oti = new Oti(f, t, blocks, n, al);
        ObjectPartition partition = new ObjectPartition(oti);
        Random random = new Random(seed);
        byte[] data = new byte[f];
        random.nextBytes(data);
        byte[] decoded = new byte[f];
        for (int sbn = 0; sbn < blocks; sbn++) {
            int k = partition.symbolsInBlock(sbn);
            List<Integer> esis = new ArrayList<>();
            for (int esi = 0; esi < k + 20; esi++) {
                esis.add(esi);
            }
            Collections.shuffle(esis, random);
            try (SourceBlockEncoder encoder = SourceBlockEncoder.encode(CACHED, partition, sbn, ByteBuffer.wrap(data),
                    (int) partition.blockOffset(sbn));
                    SourceBlockDecoder decoder = new SourceBlockDecoder(CACHED, partition, sbn)) {
                for (int esi : esis.subList(0, k + 2)) {
                    decoder.addPacket(encoder.packet(esi));
                }
                decoder.decode(ByteBuffer.wrap(decoded), (int) partition.blockOffset(sbn));
            }
        }
        assertArrayEquals(data, decoded, oti + " seed " + seed);
    }

    @Property(tries = 25, seed = "20260003")
    void cachedAndUncachedPlansGiveTheSameSymbols(@ForAll("sourceSymbols") int k, @ForAll long seed) {
        int t = 8;
        Random random = new Random(seed);
        ByteBuffer source = randomDirect(random, k * t);
        int count = Math.min(k + 30, 200);
        ByteBuffer viaCache = ByteBuffer.allocateDirect(count * t);
        ByteBuffer direct = ByteBuffer.allocateDirect(count * t);
        int first = Math.max(0, k - count / 2);
        try (BlockEncoder a = CACHED.encode(k, t, source, 0); BlockEncoder b = UNCACHED.encode(k, t, source, 0)) {
            a.writeSymbols(first, count, viaCache, 0);
            b.writeSymbols(first, count, direct, 0);
            // a second encode of the same K' takes the plan from the cache
            try (BlockEncoder again = CACHED.encode(k, t, source, 0)) {
                ByteBuffer third = ByteBuffer.allocateDirect(count * t);
                again.writeSymbols(first, count, third, 0);
                assertEquals(viaCache.clear(), third.clear());
            }
            // without a copy of the source, source symbols are regenerated from the intermediate symbols
            try (BlockEncoder lean = CACHED.encode(k, t, source, 0, false)) {
                ByteBuffer regenerated = ByteBuffer.allocateDirect(count * t);
                lean.writeSymbols(first, count, regenerated, 0);
                assertEquals(viaCache.clear(), regenerated.clear(), "K=" + k + " without a source copy");
            }
        }
        assertEquals(direct.clear(), viaCache.clear(), "K=" + k);
    }

    private static ByteBuffer randomDirect(Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes);
        buffer.put(0, b);
        return buffer;
    }
}
