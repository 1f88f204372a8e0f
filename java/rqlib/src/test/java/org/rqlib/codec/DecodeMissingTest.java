package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rqlib.NotEnoughSymbolsException;
import org.rqlib.kernel.DirectBuffers;
import org.rqlib.kernel.JavaSymbolKernel;

/**
 * {@link BlockDecoder#decodeMissing} hands over exactly the source symbols that were not received, each with the
 * bytes {@link BlockDecoder#decode} gives: what the file decoder writes in place of a second copy of the block.
 */
class DecodeMissingTest {
    @Test
    void recoversExactlyTheMissingSourceSymbols() {
        long seed = 6330;
        Random random = new Random(seed);
        Codec codec = Codec.create(JavaSymbolKernel.INSTANCE);
        for (int k : new int[] {1, 10, 101, 1000}) {
            int t = 8 * (1 + random.nextInt(16));
            ByteBuffer source = DirectBuffers.allocate((long) k * t);
            byte[] bytes = new byte[k * t];
            random.nextBytes(bytes);
            source.put(0, bytes);
            boolean[] lost = new boolean[k];
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                lost[i] = random.nextInt(4) == 0;
                if (lost[i]) {
                    missing.add(i);
                }
            }
            ByteBuffer symbol = DirectBuffers.allocate(t);
            try (BlockEncoder encoder = codec.encode(k, t, source, 0);
                    BlockDecoder decoder = codec.decoder(k, t)) {
                for (int i = 0; i < k; i++) {
                    if (!lost[i]) {
                        decoder.addSymbol(i, source, i * t);
                    }
                }
                for (int r = 0; r < missing.size() + 2; r++) {
                    encoder.writeSymbol(k + r, symbol, 0);
                    decoder.addSymbol(k + r, symbol, 0);
                }
                List<Integer> recovered = new ArrayList<>();
                decoder.decodeMissing((esi, memory, offset) -> {
                    byte[] got = new byte[t];
                    memory.get(offset, got);
                    byte[] want = new byte[t];
                    System.arraycopy(bytes, esi * t, want, 0, t);
                    assertArrayEquals(want, got, "K=" + k + " ESI " + esi + ", seed " + seed);
                    recovered.add(esi);
                });
                assertEquals(missing, recovered, "K=" + k + ", seed " + seed);
            } finally {
                DirectBuffers.free(symbol);
                DirectBuffers.free(source);
            }
        }
    }

    @Test
    void tooFewSymbolsThrowAndNothingIsHandedOver() {
        Codec codec = Codec.create(JavaSymbolKernel.INSTANCE);
        ByteBuffer symbol = DirectBuffers.allocate(16);
        try (BlockDecoder decoder = codec.decoder(10, 16)) {
            for (int esi = 1; esi < 10; esi++) {
                decoder.addSymbol(esi, symbol, 0);
            }
            assertThrows(NotEnoughSymbolsException.class,
                    () -> decoder.decodeMissing((esi, memory, offset) -> { throw new AssertionError("called"); }));
        } finally {
            DirectBuffers.free(symbol);
        }
    }
}
