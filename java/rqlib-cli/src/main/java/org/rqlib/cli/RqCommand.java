package org.rqlib.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rq} command line: RaptorQ (RFC 6330) encoding and decoding of files and packets. */
@Command(name = "rq", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "RaptorQ (RFC 6330) erasure coding of files inside a memory budget.",
        subcommands = {EncodeCommand.class, DecodeCommand.class, MetadataCommand.class, PacketsCommand.class,
                InfoCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:bad input or not enough symbols", "2:usage error", "3:resource limit"})
public final class RqCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    /** Held so that the level set below stays with the logger. */
    private static final java.util.logging.Logger RQLIB_LOG = java.util.logging.Logger.getLogger("org.rqlib");

    /** Builds the command line with rqlib's exit codes and error printing. */
    public static CommandLine commandLine() {
        // the library logs each job at INFO for servers; the command line reports on its own, so unless logging
        // is configured (java.util.logging.config.file) those lines stay out of its standard error
        if (System.getProperty("java.util.logging.config.file") == null && RQLIB_LOG.getLevel() == null) {
            RQLIB_LOG.setLevel(java.util.logging.Level.WARNING);
        }
        CommandLine commandLine = new CommandLine(new RqCommand());
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        return commandLine;
    }

    /** Runs {@code rq} with the given arguments and output streams, returning the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
