package org.rqlib.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import org.rqlib.ResourceLimitException;
import org.rqlib.RqlibException;
import org.rqlib.RqlibIoException;

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

    /** One line: what failed, with the path it is about (an I/O error says the operation, the file and why). */
    static String describe(Throwable e) {
        if ((e instanceof UncheckedIOException || e instanceof RqlibIoException) && e.getCause() != null) {
            String cause = describe(e.getCause());
            String message = e.getMessage();
            String suffix = ": " + e.getCause();
            // RqlibIoException says what was being done ("writing layout X") and appends the cause itself
            String context = message != null && message.endsWith(suffix)
                    ? message.substring(0, message.length() - suffix.length()) : null;
            return context == null || context.isBlank() || context.equals(message) ? cause : context + ": " + cause;
        }
        if (e instanceof FileSystemException fs) {
            String file = fs.getFile();
            String why = fs.getReason();
            if (e instanceof NoSuchFileException) {
                why = "no such file or directory";
            } else if (e instanceof AccessDeniedException) {
                why = "permission denied";
            } else if (e instanceof FileAlreadyExistsException) {
                why = "already exists";
            } else if (e instanceof NotDirectoryException) {
                why = "not a directory";
            } else if (e instanceof DirectoryNotEmptyException) {
                why = "directory not empty";
            }
            return file + ": " + (why == null ? e.getClass().getSimpleName() : why);
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
