package org.rqlib.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rqlib.api.DecodeResult;
import org.rqlib.api.RaptorQ;
import org.rqlib.limits.JobControl;
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

    @Parameters(index = "1", paramLabel = "FILE",
            description = "Where to write the decoded file (replaced); - writes standard output, block by block, "
                    + "each block verified before its bytes are written.")
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
            boolean toStdout = file.toString().equals("-");
            DecodeResult result = toStdout ? decodeToStdout(rq, layout, job.control())
                    : rq.decodeFile(symbolDir, layout, file, job.control());
            job.succeeded();
            if (!runtime.quiet) {
                // with the file on standard output the summary goes to standard error
                (toStdout ? spec.commandLine().getErr() : spec.commandLine().getOut()).printf("decoded %d bytes into %s (%d symbols used, %d missing, "
                        + "%d corrupt skipped)%n", result.fileSize(), toStdout ? "standard output" : file,
                        result.symbolsUsed(),
                        result.symbolsMissing(), result.symbolsCorrupt());
            }
        }
        return 0;
    }

    private DecodeResult decodeToStdout(RaptorQ rq, Path layout, JobControl control) {
        // the layout is read inside the job, so a large one's ids spill to disk instead of filling the heap
        return rq.decode(symbolDir, layout, System.out, control);
    }
}
