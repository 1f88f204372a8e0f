package org.rqlib.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rqlib.api.EncodeOptions;
import org.rqlib.api.EncodeResult;
import org.rqlib.api.RaptorQ;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rq encode FILE OUTDIR}: symbol files and the layout, byte-identical with the original library. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Encode FILE into OUTDIR: block_<i>/<symbol id> files, then _raptorq_layout.json last.")
public final class EncodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to encode; - reads standard input.")
    Path file;

    @Parameters(index = "1", paramLabel = "OUTDIR", description = "A new or empty directory for the symbols.")
    Path outDir;

    @Mixin
    LayoutOptions layout = new LayoutOptions();

    @Mixin
    RuntimeOptions runtime = new RuntimeOptions();

    @Override
    public Integer call() {
        try (RaptorQ rq = CommandJob.build(spec, () -> runtime.apply(layout.apply(RaptorQ.builder())).build());
                CommandJob job = new CommandJob(spec, "encode", runtime.quiet)) {
            // standard input has no length to plan from: the library spools what the block plan needs to see
            EncodeResult result = file.toString().equals("-")
                    ? rq.encode(System.in, -1, outDir, EncodeOptions.defaults(), job.control())
                    : rq.encodeFile(file, outDir, job.control());
            job.succeeded();
            if (!runtime.quiet) {
                spec.commandLine().getOut().printf("encoded %d bytes into %d blocks, %d symbols in %s%n",
                        result.fileSize(), result.layout().blocks().size(), result.symbolCount(), outDir);
            }
        }
        return 0;
    }
}
