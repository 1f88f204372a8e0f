package org.rqlib.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rqlib.kernel.JavaSymbolKernel;

/**
 * Run in a JVM of its own by {@link LargeBlockSolveHeapTest} (a small -Xmx is the point): two threads encode a block
 * of K = 51,200 symbols at once, then one decodes it after losing 5% of its source symbols, with no plan cache, so
 * every solve happens. Prints "ok" and exits 0, or dies (an OutOfMemoryError exits 1 with its stack trace). Uses only
 * codec API that has existed since the first commits, so the same class runs against an old build.
 */
public final class LargeBlockSolveProbe {
    static final int K = 51_200;
    static final int T = 16;

    private LargeBlockSolveProbe() {
    }

    public static void main(String[] args) throws Exception {
        Codec codec = Codec.create(JavaSymbolKernel.INSTANCE, 0);
        byte[] data = new byte[K * T];
        new Random(51_200).nextBytes(data);
        ByteBuffer source = ByteBuffer.allocateDirect(data.length).put(data).flip();
        int lost = K / 20;
        ByteBuffer repair = ByteBuffer.allocateDirect((lost + 2) * T);
        List<Throwable> failures = new ArrayList<>();
        List<Thread> encoders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            boolean keep = i == 0;
            encoders.add(new Thread(() -> {
                try (BlockEncoder encoder = codec.encode(K, T, source.duplicate(), 0)) {
                    if (keep) {
                        encoder.writeSymbols(K, lost + 2, repair, 0);
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        encoders.forEach(Thread::start);
        for (Thread t : encoders) {
            t.join();
        }
        if (!failures.isEmpty()) {
            failures.get(0).printStackTrace();
            System.exit(1);
        }
        ByteBuffer decoded = ByteBuffer.allocateDirect(K * T);
        try (BlockDecoder decoder = codec.decoder(K, T)) {
            for (int esi = lost; esi < K; esi++) {
                decoder.addSymbol(esi, source, esi * T);
            }
            for (int r = 0; r < lost + 2; r++) {
                decoder.addSymbol(K + r, repair, r * T);
            }
            decoder.decode(decoded, 0);
        }
        if (!decoded.clear().equals(source.clear())) {
            System.out.println("decoded bytes differ");
            System.exit(2);
        }
        System.out.println("ok");
    }
}
