package org.rqlib.cli;

import java.io.PrintWriter;
import org.rqlib.limits.ProgressListener;

/**
 * A one-line progress bar redrawn on stderr at most every 200 ms, only when stderr is a terminal. Thread-safe.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 40;
    private final PrintWriter err;
    private final String label;
    private long lastDraw;
    private boolean drawn;

    private ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    /** A bar on {@code err}, or no listener at all when quiet or stderr is not a terminal. */
    static ProgressListener create(PrintWriter err, String label, boolean quiet) {
        return quiet || System.console() == null ? ProgressListener.NONE : new ProgressBar(err, label);
    }

    @Override
    public synchronized void progress(long done, long total) {
        long now = System.nanoTime();
        if ((done < total || total < 0) && now - lastDraw < 200_000_000L && drawn) {
            return;
        }
        lastDraw = now;
        drawn = true;
        if (total < 0) {   // a stream of unknown length: bytes so far, the bar once the length is known
            err.printf("\r%s %d MiB", label, done >> 20);
            err.flush();
            return;
        }
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        err.printf("\r%s [%s%s] %3d%% %d/%d MiB", label, "#".repeat(filled), " ".repeat(WIDTH - filled),
                total == 0 ? 100 : 100 * done / total, done >> 20, total >> 20);
        if (done >= total) {
            err.println();
        }
        err.flush();
    }
}
