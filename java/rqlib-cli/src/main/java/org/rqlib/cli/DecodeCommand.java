package org.rqlib.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rqlib.api.DecodeResult;
import org.rqlib.api.RaptorQ;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rq decode OUTDIR FILE}: rebuilds FILE from the symbols in OUTDIR. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decode the symbols in OUTDIR (block_<i>/ folders or one flat folder) into FILE.")
public final class DecodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUTDIR", description = "The directory holding the symbol files.")
    Path symbolDir;

    @Parameters(index = "1", paramLabel = "FILE", description = "Where to write the decoded file (replaced).")
    Path file;

    @Option(names = "--layout", paramLabel = "PATH",
            description = "The layout file (default: OUTDIR/_raptorq_layout.json).")
    Path layoutFile;

    @Mixin
    RuntimeOptions runtime = new RuntimeOptions();

    @Override
    public Integer call() {
        Path layout = layoutFile != null ? layoutFile : symbolDir.resolve(RaptorQ.LAYOUT_FILE);
        try (RaptorQ rq = CommandJob.build(spec, () -> runtime.apply(RaptorQ.builder()).build());
                CommandJob job = new CommandJob(spec, "decode", runtime.quiet)) {
            DecodeResult result = rq.decodeFile(symbolDir, layout, file, job.control());
            job.succeeded();
            if (!runtime.quiet) {
                spec.commandLine().getOut().printf("decoded %d bytes into %s (%d symbols used, %d missing, "
                        + "%d corrupt skipped)%n", result.fileSize(), file, result.symbolsUsed(),
                        result.symbolsMissing(), result.symbolsCorrupt());
            }
        }
        return 0;
    }
}
