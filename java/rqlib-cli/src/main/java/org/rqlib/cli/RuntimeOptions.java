package org.rqlib.cli;

import org.rqlib.api.RaptorQ;
import picocli.CommandLine.Option;

/** Options that change how a job runs but never the bytes it writes. */
final class RuntimeOptions {
    @Option(names = "--memory-limit", paramLabel = "BYTES", defaultValue = "512m", converter = SizeConverter.class,
            description = "Memory for the whole job, heap and off-heap (default: ${DEFAULT-VALUE}); "
                    + "the rq launcher sizes the JVM from it.")
    long memoryLimit;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available processors).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    RaptorQ.Builder apply(RaptorQ.Builder builder) {
        builder.memoryLimit(memoryLimit);
        if (threads != null) {
            builder.threads(threads);
        }
        return builder;
    }
}
