package org.rqlib.cli;

import org.rqlib.api.RaptorQ;
import picocli.CommandLine.Option;

/** Options that decide the output bytes, shared by {@code encode} and {@code metadata}. */
final class LayoutOptions {
    @Option(names = "--symbol-size", paramLabel = "N", defaultValue = "65535",
            description = "Symbol size; T is this rounded down to a multiple of 8 (default: ${DEFAULT-VALUE}).")
    int symbolSize;

    @Option(names = "--redundancy", paramLabel = "RF", defaultValue = "4",
            description = "Redundancy factor rf (default: ${DEFAULT-VALUE}).")
    int redundancy;

    @Option(names = "--block-size", paramLabel = "BYTES", defaultValue = "0", converter = SizeConverter.class,
            description = "Bytes per block; 0 derives it from --layout-memory as the original library (default).")
    long blockSize;

    @Option(names = "--layout-memory", paramLabel = "BYTES", defaultValue = "16g", converter = SizeConverter.class,
            description = "The original's max_memory_mb, deciding the automatic block size (default: ${DEFAULT-VALUE}).")
    long layoutMemory;

    @Option(names = "--max-memory-mb", paramLabel = "MB",
            description = "The same as --layout-memory, in the original's unit and name (MiB); wins when both are given.")
    Long maxMemoryMb;

    RaptorQ.Builder apply(RaptorQ.Builder builder) {
        builder.symbolSize(symbolSize).redundancyFactor(redundancy).blockSize(blockSize).layoutMemory(layoutMemory);
        return maxMemoryMb == null ? builder : builder.maxMemoryMb(maxMemoryMb);
    }
}
