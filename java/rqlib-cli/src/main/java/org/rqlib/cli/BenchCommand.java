package org.rqlib.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rqlib.codec.CodecBenchmark;
import org.rqlib.kernel.HashThroughput;
import org.rqlib.kernel.KernelThroughput;
import org.rqlib.kernel.Kernels;
import org.rqlib.kernel.SymbolKernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rq bench}: the codec throughput table, per kernel. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Print codec throughput per kernel: one thread, MiB/s of source data.",
            "encode: intermediate symbols + ceil(K/10) repair symbols, plan prebuilt (and built inside the timing);",
            "decode: from exactly K repair symbols, and from 1.05K; plan: ms to build the encoding plan, best of 3;",
            "ops/K: symbol operations of the encoding plan, and of the plan decoding from K repair symbols, per",
            "source symbol."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--k", split = ",", paramLabel = "K", defaultValue = "100,1000,10000,50000",
            description = "Source symbols per block (default: ${DEFAULT-VALUE}).")
    List<Integer> ks;

    @Option(names = "--symbol-size", paramLabel = "T", defaultValue = "1280",
            description = "Symbol size in bytes (default: ${DEFAULT-VALUE}).")
    int symbolSize;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "1.0",
            description = "Minimum time per measurement (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--kernel", split = ",", paramLabel = "NAME",
            description = "Only these kernels (e.g. java,native-avx2); default: every kernel available here.")
    List<String> only;

    @Option(names = "--no-codec", description = "Print only the raw kernel and BLAKE3 throughput.")
    boolean rawOnly;

    @Option(names = "--codec-only", description = "Print only the codec table (what ci/bench-codec.sh reads).")
    boolean codecOnly;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<SymbolKernel> kernels = kernels();
        if (rawOnly && codecOnly) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--no-codec and --codec-only exclude each other");
        }
        if (!codecOnly) {
            printRawThroughput(out, kernels);
        }
        if (rawOnly) {
            return 0;
        }
        for (SymbolKernel kernel : kernels) {
            out.printf("kernel %s, T = %d, one thread%n", kernel.name(), symbolSize);
            out.printf("%8s %14s %18s %14s %18s %10s %11s %11s%n", "K", "encode MiB/s", "enc+plan MiB/s",
                    "decode MiB/s", "dec 1.05K MiB/s", "plan ms", "enc ops/K", "dec ops/K");
            CodecBenchmark benchmark = new CodecBenchmark(kernel, seconds);
            for (int k : ks) {
                CodecBenchmark.Figures f = benchmark.measure(k, symbolSize);
                out.printf(Locale.ROOT, "%8d %14.0f %18.0f %14.0f %18.0f %10.2f %11.2f %11.2f%n", k, f.encodeMiBps(),
                        f.encodeColdPlanMiBps(), f.decodeMiBps(), f.decodeOverheadMiBps(), f.planBuildMs(),
                        f.encodeOpsPerSymbol(), f.decodeOpsPerSymbol());
                out.flush();
            }
            out.println();
        }
        return 0;
    }

    private List<SymbolKernel> kernels() {
        List<SymbolKernel> all = Kernels.available();
        if (only == null) {
            return all;
        }
        List<SymbolKernel> chosen = all.stream().filter(k -> only.contains(k.name())).toList();
        if (chosen.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no kernel named " + only
                    + " here; available: " + all.stream().map(SymbolKernel::name).toList());
        }
        return chosen;
    }

    private void printRawThroughput(PrintWriter out, List<SymbolKernel> kernels) {
        out.println("raw kernel throughput, GB/s of destination bytes, one thread, data in cache");
        out.println(KernelThroughput.table(KernelThroughput.measureAll(kernels, 1280, 65536)));
        out.flush();
        out.println("BLAKE3 (symbol ids, block hashes), GB/s of message bytes, one thread, thread CPU time");
        out.println(HashThroughput.table(HashThroughput.measureAll(HashThroughput.hashersOf(kernels))));
        out.flush();
    }
}
