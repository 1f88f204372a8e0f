package org.rqlib.cli;

import java.util.function.Supplier;
import org.rqlib.InvalidParameterException;
import org.rqlib.api.RaptorQ;
import org.rqlib.limits.JobControl;
import org.rqlib.limits.ProgressListener;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * One rqlib job run by a command: its {@link JobControl} with the progress bar, registered so that SIGINT and
 * SIGTERM cancel it ({@link SignalCancellation}). Close it when the job has ended; call {@link #succeeded()} first
 * when it succeeded, so the bar reaches 100% and ends its line before the summary. Used by one thread.
 */
final class CommandJob implements AutoCloseable {
    private final ProgressBar bar;
    private final JobControl control;
    private final SignalCancellation.Registration registration;
    private boolean succeeded;

    CommandJob(CommandSpec spec, String label, boolean quiet) {
        this.bar = ProgressBar.create(spec.commandLine().getErr(), label, quiet);
        this.control = new JobControl(bar == null ? ProgressListener.NONE : bar);
        this.registration = SignalCancellation.register(control);
    }

    /**
     * Builds the instance from the command's options: a value rqlib refuses (a memory limit under its minimum,
     * zero threads, a symbol size out of range) is a usage error, exit code 2, like a value that does not parse.
     */
    static RaptorQ build(CommandSpec spec, Supplier<RaptorQ> builder) {
        try {
            return builder.get();
        } catch (InvalidParameterException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    JobControl control() {
        return control;
    }

    void succeeded() {
        succeeded = true;
        if (bar != null) {
            bar.finish();
        }
    }

    @Override
    public void close() {
        if (bar != null && !succeeded) {
            bar.abandon();
        }
        registration.close();
    }
}
