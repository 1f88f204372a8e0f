package org.rqlib.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rqlib.api.RaptorQ;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rq metadata FILE LAYOUT_FILE}: the layout an encode would write, without writing symbols. */
@Command(name = "metadata", mixinStandardHelpOptions = true,
        description = "Write the layout of FILE (what encode would write as _raptorq_layout.json), no symbols.")
public final class MetadataCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to describe.")
    Path file;

    @Parameters(index = "1", paramLabel = "LAYOUT_FILE", description = "Where to write the layout JSON.")
    Path layoutFile;

    @Mixin
    LayoutOptions layout = new LayoutOptions();

    @Mixin
    RuntimeOptions runtime = new RuntimeOptions();

    @Override
    public Integer call() {
        try (RaptorQ rq = CommandJob.build(spec, () -> runtime.apply(layout.apply(RaptorQ.builder())).build());
                CommandJob job = new CommandJob(spec, "metadata", runtime.quiet)) {
            rq.createMetadata(file, layoutFile, job.control());
            job.succeeded();
        }
        return 0;
    }
}
