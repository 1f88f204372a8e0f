package org.rqlib.codec;

import java.nio.ByteBuffer;
import java.util.Random;
import org.rqlib.NotEnoughSymbolsException;
import org.rqlib.kernel.DirectBuffers;
import org.rqlib.kernel.SymbolKernel;

/**
 * Measures the codec by the definitions other RaptorQ libraries are compared with (DESIGN.md, Benchmarks): one
 * thread, MiB/s of source data. <em>encode</em>: intermediate symbols from K source symbols plus ceil(K/10)
 * repair symbols, plan prebuilt; <em>decode</em>: the block recovered from exactly K repair symbols (no source
 * symbols), and from 1.05K; <em>plan build</em>: ms to build the encoding plan, best of 3. A tool for
 * {@code rq bench}, not a test.
 */
public final class CodecBenchmark {
    /** One row of the table. */
    public record Figures(int k, int symbolSize, double encodeMiBps, double encodeColdPlanMiBps,
            double decodeMiBps, double decodeOverheadMiBps, double planBuildMs, double encodeOpsPerSymbol,
            double decodeOpsPerSymbol) {
    }

    private final SymbolKernel kernel;
    private final double minSeconds;

    /** @param minSeconds how long to repeat each measurement at least (after warm-up) */
    public CodecBenchmark(SymbolKernel kernel, double minSeconds) {
        this.kernel = kernel;
        this.minSeconds = minSeconds;
    }

    public Figures measure(int k, int symbolSize) {
        ByteBuffer source = DirectBuffers.allocate((long) k * symbolSize);
        try {
            Random random = new Random(k);
            for (int i = 0; i < source.capacity(); i++) {
                source.put(i, (byte) random.nextInt());
            }
            double planMs = planBuildMs(k);
            Codec cached = Codec.create(kernel);
            double encode = throughput(k, symbolSize, () -> encodeOnce(cached, k, symbolSize, source));
            Codec uncached = Codec.create(kernel, 0);
            double encodeCold = throughput(k, symbolSize, () -> encodeOnce(uncached, k, symbolSize, source));
            ByteBuffer repair = repairSymbols(cached, k, symbolSize, source, k + (k + 19) / 20 + 4);
            try {
                double decode = throughput(k, symbolSize, () -> decodeOnce(cached, k, symbolSize, repair, k));
                double decodeOverhead = throughput(k, symbolSize,
                        () -> decodeOnce(cached, k, symbolSize, repair, k + (k + 19) / 20));
                return new Figures(k, symbolSize, encode, encodeCold, decode, decodeOverhead, planMs,
                        encodeOpsPerSymbol(k), decodeOpsPerSymbol(k));
            } finally {
                DirectBuffers.free(repair);
            }
        } finally {
            DirectBuffers.free(source);
        }
    }

    /** Symbol operations of the encoding plan (the one {@link Codec#encode} uses) per source symbol. */
    static double encodeOpsPerSymbol(int k) {
        return (double) EncodingPlan.build(SystematicIndices.extendedSize(k)).operations().operationCount() / k;
    }

    /**
     * Symbol operations of the plan that decodes from the first K repair symbols, per source symbol; NaN in the
     * rare case those lack full rank.
     */
    static double decodeOpsPerSymbol(int k) {
        int[] esis = new int[k];
        java.util.Arrays.setAll(esis, i -> k + i);
        DecodingPlan plan = DecodingPlan.build(CodecParameters.forSourceSymbols(k), esis);
        return plan.solved() ? (double) plan.operations().operationCount() / k : Double.NaN;
    }

    private double planBuildMs(int k) {
        int kPrime = SystematicIndices.extendedSize(k);
        double best = Double.MAX_VALUE;
        long deadline = System.nanoTime() + (long) (minSeconds * 1e9);
        for (int i = 0; i < 3 || (System.nanoTime() < deadline && i < 500); i++) {
            long start = System.nanoTime();
            EncodingPlan.build(kPrime);
            best = Math.min(best, (System.nanoTime() - start) / 1e6);
        }
        return best;
    }

    private static void encodeOnce(Codec codec, int k, int symbolSize, ByteBuffer source) {
        int repairCount = (k + 9) / 10;
        ByteBuffer out = DirectBuffers.allocate((long) Math.min(repairCount, 64) * symbolSize);
        try (BlockEncoder encoder = codec.encode(k, symbolSize, source, 0)) {
            for (int done = 0; done < repairCount; ) {
                int n = Math.min(64, repairCount - done);
                encoder.writeSymbols(k + done, n, out, 0);
                done += n;
            }
        } finally {
            DirectBuffers.free(out);
        }
    }

    private static ByteBuffer repairSymbols(Codec codec, int k, int symbolSize, ByteBuffer source, int count) {
        ByteBuffer repair = DirectBuffers.allocate((long) count * symbolSize);
        try (BlockEncoder encoder = codec.encode(k, symbolSize, source, 0)) {
            encoder.writeSymbols(k, count, repair, 0);
        }
        return repair;
    }

    /** Decodes from the first {@code count} repair symbols, adding more only if those lack full rank. */
    private static void decodeOnce(Codec codec, int k, int symbolSize, ByteBuffer repair, int count) {
        ByteBuffer out = DirectBuffers.allocate((long) k * symbolSize);
        try (BlockDecoder decoder = codec.decoder(k, symbolSize)) {
            int added = 0;
            for (; added < count; added++) {
                decoder.addSymbol(k + added, repair, added * symbolSize);
            }
            while (true) {
                try {
                    decoder.decode(out, 0);
                    return;
                } catch (NotEnoughSymbolsException e) {
                    decoder.addSymbol(k + added, repair, added * symbolSize);
                    added++;
                }
            }
        } finally {
            DirectBuffers.free(out);
        }
    }

    private double throughput(int k, int symbolSize, Runnable run) {
        // warm-up: at least two runs and a third of the measuring time, so the JIT has compiled the Java side
        long warmUntil = System.nanoTime() + (long) (minSeconds * 0.33e9);
        for (int i = 0; i < 2 || System.nanoTime() < warmUntil; i++) {
            run.run();
        }
        long start = System.nanoTime();
        int iterations = 0;
        long elapsed;
        do {
            run.run();
            iterations++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < minSeconds * 1e9);
        double bytes = (double) k * symbolSize * iterations;
        return bytes / (1 << 20) / (elapsed / 1e9);
    }
}
