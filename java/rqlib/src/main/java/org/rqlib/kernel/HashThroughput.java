package org.rqlib.kernel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BLAKE3 throughput of each {@link SymbolHasher} in GB/s (10^9 message bytes per second), one thread: one 64 KiB
 * message per call, a band of 64 symbol files per call (4-byte header + 65535-byte symbol, as an encode names
 * them), and a 16 MiB message fed in 1 MiB pieces (a block hash). Timed in the thread's CPU time where the JVM
 * offers it, so that other work on a busy machine does not halve the figures. For {@code rq bench}; not a
 * substitute for JMH. Stateless and thread-safe.
 */
public final class HashThroughput {
    private static final long TARGET_NANOS = 40_000_000L;
    private static final long WARM_UP_NANOS = 500_000_000L;
    private static final int SYMBOL = 65535;
    private static final int BAND = 64;
    private static final int PIECE = 1 << 20;
    private static final int PIECES = 16;

    /** One hasher's figures. */
    public record Result(String hasher, double oneMessageGbps, double bandGbps, double incrementalGbps) {
    }

    private HashThroughput() {
    }

    /** The distinct hashers of the given kernels (the Java kernel's is the Java hasher), in order. */
    public static List<SymbolHasher> hashersOf(List<SymbolKernel> kernels) {
        Map<String, SymbolHasher> hashers = new LinkedHashMap<>();
        for (SymbolKernel kernel : kernels) {
            SymbolHasher hasher = kernel.hasher();
            hashers.putIfAbsent(hasher.name(), hasher);
        }
        return List.copyOf(hashers.values());
    }

    /** Measures one hasher. */
    public static Result measure(SymbolHasher hasher) {
        ByteBuffer data = ByteBuffer.allocateDirect(PIECE * PIECES);
        for (int i = 0; i < data.capacity(); i++) {
            data.put(i, (byte) (i * 131 + 7));
        }
        byte[] headers = new byte[4 * BAND];
        byte[] out = new byte[SymbolHasher.DIGEST_BYTES * BAND];
        double one = rate(65536, () -> hasher.digestMany(data, 0, 0, 65536, 1, null, 0, out, 0));
        double band = rate((long) BAND * (SYMBOL + 4),
                () -> hasher.digestMany(data, 0, SYMBOL, SYMBOL, BAND, headers, 4, out, 0));
        SymbolHasher.Incremental incremental = hasher.newIncremental();
        double streamed = rate((long) PIECE * PIECES, () -> {
            for (int p = 0; p < PIECES; p++) {
                incremental.update(data, p * PIECE, PIECE);
            }
            incremental.finish(out, 0);
        });
        return new Result(hasher.name(), one, band, streamed);
    }

    /** Measures each hasher. */
    public static List<Result> measureAll(List<SymbolHasher> hashers) {
        List<Result> results = new ArrayList<>();
        for (SymbolHasher hasher : hashers) {
            results.add(measure(hasher));
        }
        return results;
    }

    /** A fixed-width text table of results. */
    public static String table(List<Result> results) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-18s %16s %22s %20s%n", "blake3",
                "64 KiB GB/s", "64 x (4+65535) B GB/s", "16 MiB stream GB/s"));
        for (Result r : results) {
            text.append(String.format(Locale.ROOT, "%-18s %16.2f %22.2f %20.2f%n", r.hasher(), r.oneMessageGbps(),
                    r.bandGbps(), r.incrementalGbps()));
        }
        return text.toString();
    }

    /** Prints the table for the hasher of every available kernel. */
    public static void main(String[] args) {
        System.out.print(table(measureAll(hashersOf(Kernels.available()))));
    }

    /** Best rate of a few timed batches, after warm-up, in GB/s. */
    private static double rate(long bytesPerCall, Runnable call) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        // the Java hasher's lane loops need C2, which a busy machine delays: run for a while before timing
        long warmUntil = System.nanoTime() + WARM_UP_NANOS;
        while (System.nanoTime() < warmUntil) {
            call.run();
        }
        long calls = 1;
        double best = 0;
        for (int batch = 0; batch < 8; batch++) {
            long start = cpuTime ? threads.getCurrentThreadCpuTime() : System.nanoTime();
            for (long i = 0; i < calls; i++) {
                call.run();
            }
            long end = cpuTime ? threads.getCurrentThreadCpuTime() : System.nanoTime();
            long elapsed = Math.max(1, end - start);
            if (batch >= 3) {
                best = Math.max(best, (double) bytesPerCall * calls / elapsed);
            }
            if (elapsed < TARGET_NANOS) {
                calls = Math.max(calls + 1, (long) (calls * (double) TARGET_NANOS / elapsed));
            }
        }
        return best;
    }
}
