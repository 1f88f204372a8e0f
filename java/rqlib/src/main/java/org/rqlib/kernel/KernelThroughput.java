package org.rqlib.kernel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Raw throughput of a {@link SymbolKernel} in GB/s (10^9 destination bytes per second), one thread, data in
 * cache: {@code xor} and {@code mulAdd} one call per operation (a JNI crossing each for a native kernel), and
 * {@code mulAdd} issued through {@code run(plan)} (1024 operations per call, different destinations, so it
 * shows the routine's own speed), and a fused row (16 terms into one destination, as a solver emits). For
 * {@code rq bench}; not a substitute for JMH. Stateless and thread-safe.
 */
public final class KernelThroughput {
    private static final int PLAN_OPERATIONS = 1024;
    private static final int PLAN_SLOTS = 64;
    private static final int ROW_TERMS = 16;
    private static final long TARGET_NANOS = 40_000_000L;

    /** One kernel at one length. */
    public record Result(String kernel, int length, double xorGbps, double mulAddGbps, double planMulAddGbps,
            double planRowGbps) {
    }

    private KernelThroughput() {
    }

    /** Measures one kernel at one symbol length. */
    public static Result measure(SymbolKernel kernel, int length) {
        ByteBuffer dst = filled(length, 0x5A);
        ByteBuffer src = filled(length, 0x3C);
        ByteBuffer slab = filled(PLAN_SLOTS * length, 0x77);
        OperationPlan spread = spreadPlan();
        OperationPlan row = rowPlan();
        double xor = rate(length, () -> kernel.xor(dst, 0, src, 0, length));
        double mulAdd = rate(length, () -> kernel.mulAdd(dst, 0, src, 0, 0x53, length));
        double planMulAdd = rate((long) length * PLAN_OPERATIONS, () -> kernel.run(spread, slab, length));
        double planRow = rate((long) length * ROW_TERMS, () -> kernel.run(row, slab, length));
        return new Result(kernel.name(), length, xor, mulAdd, planMulAdd, planRow);
    }

    /** Measures each kernel at each length. */
    public static List<Result> measureAll(List<SymbolKernel> kernels, int... lengths) {
        List<Result> results = new ArrayList<>();
        for (SymbolKernel kernel : kernels) {
            for (int length : lengths) {
                results.add(measure(kernel, length));
            }
        }
        return results;
    }

    /** A fixed-width text table of results. */
    public static String table(List<Result> results) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-18s %7s %10s %12s %16s %14s%n",
                "kernel", "bytes", "xor GB/s", "mulAdd GB/s", "plan mulAdd GB/s", "plan row GB/s"));
        for (Result r : results) {
            text.append(String.format(Locale.ROOT, "%-18s %7d %10.2f %12.2f %16.2f %14.2f%n", r.kernel(),
                    r.length(), r.xorGbps(), r.mulAddGbps(), r.planMulAddGbps(), r.planRowGbps()));
        }
        return text.toString();
    }

    /** Prints the table for every available kernel at 1280 B and 64 KiB. */
    public static void main(String[] args) {
        System.out.println(Kernels.info().describe());
        System.out.print(table(measureAll(Kernels.available(), 1280, 65536)));
    }

    /** Operation k: slot (k mod 32) ^= c * slot (32 + 7k mod 32); consecutive destinations differ (no fusion). */
    private static OperationPlan spreadPlan() {
        OperationPlan.Builder builder = new OperationPlan.Builder(PLAN_SLOTS, PLAN_OPERATIONS);
        for (int k = 0; k < PLAN_OPERATIONS; k++) {
            builder.mulAdd(k % 32, 32 + (7 * k) % 32, 2 + k % 250);
        }
        return builder.build();
    }

    /** One destination, sixteen terms: a matrix row times the symbols. */
    private static OperationPlan rowPlan() {
        OperationPlan.Builder builder = new OperationPlan.Builder(PLAN_SLOTS, ROW_TERMS);
        for (int k = 0; k < ROW_TERMS; k++) {
            builder.mulAdd(0, 1 + k, 2 + k);
        }
        return builder.build();
    }

    /** Best rate of a few timed batches, after warm-up, in GB/s. */
    private static double rate(long bytesPerCall, Runnable call) {
        long calls = 1;
        double best = 0;
        for (int batch = 0; batch < 8; batch++) {
            long start = System.nanoTime();
            for (long i = 0; i < calls; i++) {
                call.run();
            }
            long elapsed = Math.max(1, System.nanoTime() - start);
            if (batch >= 3) {
                best = Math.max(best, (double) bytesPerCall * calls / elapsed);
            }
            if (elapsed < TARGET_NANOS) {
                calls = Math.max(calls + 1, (long) (calls * (double) TARGET_NANOS / elapsed));
            }
        }
        return best;
    }

    private static ByteBuffer filled(int length, int seed) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(length);
        for (int i = 0; i < length; i++) {
            buffer.put(i, (byte) (i * 31 + seed));
        }
        return buffer;
    }
}
