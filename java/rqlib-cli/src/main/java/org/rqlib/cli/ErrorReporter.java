package org.rqlib.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import org.rqlib.ResourceLimitException;
import org.rqlib.RqlibException;

/**
 * Turns failures into one line on stderr and the documented exit code: 1 for bad input, not enough symbols and
 * I/O errors, 3 for resource limits. Anything else is a bug: its stack trace is printed and the code is 1.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    static final int BAD_INPUT = 1;
    static final int RESOURCE_LIMIT = 3;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println("rq: " + describe(e));
        if (!(e instanceof RqlibException || e instanceof IOException || e instanceof UncheckedIOException)) {
            e.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        return exitCode(e);
    }

    static int exitCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ResourceLimitException) {
                return RESOURCE_LIMIT;
            }
        }
        return BAD_INPUT;
    }

    private static String describe(Throwable e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        if (e instanceof UncheckedIOException unchecked) {
            return describe(unchecked.getCause());
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
