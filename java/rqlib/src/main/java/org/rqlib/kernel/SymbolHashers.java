package org.rqlib.kernel;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Chooses the {@link SymbolHasher} for symbol ids and block hashes: the hasher of the selected kernel
 * ({@link Kernels#selected()}) when it gives the Java hasher's digests in a self-test, else the Java hasher with
 * the reason kept. Chosen once per JVM, on first use; never throws. Thread-safe.
 */
public final class SymbolHashers {
    private static volatile Choice cached;

    private SymbolHashers() {
    }

    /** The hasher in use. */
    public static SymbolHasher selected() {
        return choice().hasher;
    }

    /** Why the selected kernel's hasher is not in use, or empty when it is. */
    public static Optional<String> problem() {
        return Optional.ofNullable(choice().problem);
    }

    private static Choice choice() {
        Choice result = cached;
        if (result == null) {
            synchronized (SymbolHashers.class) {
                result = cached;
                if (result == null) {
                    result = choose();
                    cached = result;
                }
            }
        }
        return result;
    }

    private static Choice choose() {
        SymbolHasher hasher;
        try {
            hasher = Kernels.selected().hasher();
        } catch (RuntimeException | LinkageError e) {
            return new Choice(JavaSymbolHasher.INSTANCE, "no kernel: " + e.getMessage());
        }
        Optional<String> failure = selfTest(hasher);
        return failure.isPresent() ? new Choice(JavaSymbolHasher.INSTANCE, failure.get()) : new Choice(hasher, null);
    }

    /**
     * Compares {@code hasher} with the Java hasher on direct memory: many messages with and without prefixes at
     * lengths around the chunk and tree boundaries, and one message fed in pieces. Empty when all agree.
     */
    public static Optional<String> selfTest(SymbolHasher hasher) {
        if (hasher == JavaSymbolHasher.INSTANCE) {
            return Optional.empty();
        }
        SplittableRandom random = new SplittableRandom(0xB1A4E3L);
        ByteBuffer data = DirectBuffers.allocate(300_000);
        try {
            for (int i = 0; i < data.capacity(); i++) {
                data.put(i, (byte) random.nextInt());
            }
            byte[] prefixes = new byte[17 * 4];
            random.nextBytes(prefixes);
            for (int length : new int[] {0, 1, 63, 64, 1023, 1024, 1025, 4100, 16_385}) {
                for (int count : new int[] {1, 3, 17}) {
                    for (int prefix : new int[] {0, 4}) {
                        byte[] want = new byte[count * SymbolHasher.DIGEST_BYTES];
                        byte[] got = new byte[want.length];
                        JavaSymbolHasher.INSTANCE.digestMany(data, 5, length + 3, length, count, prefixes, prefix,
                                want, 0);
                        hasher.digestMany(data, 5, length + 3, length, count, prefixes, prefix, got, 0);
                        if (!Arrays.equals(want, got)) {
                            return Optional.of(hasher.name() + " differs from the Java BLAKE3 on " + count
                                    + " messages of " + length + " bytes with a " + prefix + "-byte prefix");
                        }
                    }
                }
            }
            byte[] want = new byte[SymbolHasher.DIGEST_BYTES];
            byte[] got = new byte[SymbolHasher.DIGEST_BYTES];
            SymbolHasher.Incremental java = JavaSymbolHasher.INSTANCE.newIncremental();
            SymbolHasher.Incremental tested = hasher.newIncremental();
            for (int at = 0, piece = 1; at < data.capacity(); at += piece, piece = piece * 3 + 7) {
                int n = Math.min(piece, data.capacity() - at);
                java.update(data, at, n);
                tested.update(data, at, n);
            }
            java.finish(want, 0);
            tested.finish(got, 0);
            if (!Arrays.equals(want, got)) {
                return Optional.of(hasher.name() + " differs from the Java BLAKE3 on a message fed in pieces");
            }
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of(hasher.name() + " failed its self-test: " + e);
        } finally {
            DirectBuffers.free(data);
        }
    }

    private record Choice(SymbolHasher hasher, String problem) {
    }
}
