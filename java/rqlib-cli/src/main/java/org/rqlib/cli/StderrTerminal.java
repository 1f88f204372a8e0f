package org.rqlib.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is a terminal, which decides whether a progress bar is drawn. Java 17 cannot ask about
 * one stream ({@code System.console()} needs stdin and stdout to be terminals, so {@code rq ... > log} would lose
 * the bar): the {@code rq} launcher passes {@code -Drq.stderr.terminal=true|false} from {@code [ -t 2 ]}; without
 * it, Linux's {@code /proc/self/fd/2} says where stderr goes; elsewhere the console decides. Stateless.
 */
final class StderrTerminal {
    static final String PROPERTY = "rq.stderr.terminal";

    private StderrTerminal() {
    }

    static boolean isTerminal() {
        String told = System.getProperty(PROPERTY);
        if (told != null && !told.isBlank()) {
            return Boolean.parseBoolean(told.trim());
        }
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // fall back to the console below
        }
        return System.console() != null;
    }
}
