package org.rqlib.io;

import java.nio.ByteBuffer;
import java.util.Random;
import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * Throughput of {@link Blake3Hasher} against BouncyCastle's {@code Blake3Digest}, in MB/s (10^6 bytes per second):
 * {@code cold} hashes the first 64 MiB in 64 KiB inputs in a fresh JVM, one implementation per run; {@code warm}
 * (the default) warms both up on a few hundred MB, then times 64 KiB and 16 MiB inputs, heap and direct. Not a
 * test: run it with the test classpath, e.g. {@code java -cp target/classes:target/test-classes:<bcprov.jar>
 * org.rqlib.io.Blake3Throughput [warm | cold ours | cold bc]}.
 */
public final class Blake3Throughput {
    private static final int SMALL = 64 * 1024;
    private static final int LARGE = 16 * 1024 * 1024;

    private interface Hash {
        void hash(int length);
    }

    private Blake3Throughput() {
    }

    public static void main(String[] args) {
        byte[] data = new byte[LARGE];
        new Random(1).nextBytes(data);
        ByteBuffer direct = ByteBuffer.allocateDirect(LARGE).put(data).flip();
        byte[] out = new byte[32];
        Blake3Hasher ours = new Blake3Hasher();
        Blake3Digest bc = new Blake3Digest(256);
        Hash oursHeap = n -> {
            ours.update(data, 0, n);
            ours.finish(out, 0);
        };
        Hash oursDirect = n -> {
            ours.update(direct, 0, n);
            ours.finish(out, 0);
        };
        Hash bouncy = n -> {
            bc.update(data, 0, n);
            bc.doFinal(out, 0);
        };
        if (args.length == 2 && args[0].equals("cold")) {
            Hash h = args[1].equals("bc") ? bouncy : oursHeap;
            // Successive 8 MiB slices of the first 64 MiB show how quickly the JIT catches up.
            StringBuilder line = new StringBuilder("cold " + args[1] + " MB/s per 8 MiB:");
            for (int slice = 0; slice < 8; slice++) {
                line.append(' ').append(Math.round(rate(h, SMALL, 8L * 1024 * 1024)));
            }
            System.out.println(line);
            return;
        }
        for (Hash h : new Hash[] {oursHeap, oursDirect, bouncy}) {
            rate(h, SMALL, 300L * 1024 * 1024);
            rate(h, LARGE, 200L * 1024 * 1024);
        }
        for (int rep = 0; rep < 3; rep++) {
            System.out.printf("64 KiB: ours heap %.0f, ours direct %.0f, BouncyCastle %.0f MB/s%n",
                    rate(oursHeap, SMALL, 256L << 20), rate(oursDirect, SMALL, 256L << 20), rate(bouncy, SMALL, 256L << 20));
            System.out.printf("16 MiB: ours heap %.0f, ours direct %.0f, BouncyCastle %.0f MB/s%n",
                    rate(oursHeap, LARGE, 256L << 20), rate(oursDirect, LARGE, 256L << 20), rate(bouncy, LARGE, 256L << 20));
        }
    }

    private static double rate(Hash h, int length, long total) {
        long count = Math.max(1, total / length);
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            h.hash(length);
        }
        return count * (double) length * 1000.0 / (System.nanoTime() - start);
    }
}
