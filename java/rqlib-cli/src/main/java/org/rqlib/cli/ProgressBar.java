package org.rqlib.cli;

import java.io.PrintWriter;
import org.rqlib.limits.ProgressListener;

/**
 * A one-line progress bar redrawn on stderr at most every 200 ms, only when stderr is a terminal
 * ({@link StderrTerminal}). It is drawn at 100% and its line ended once the job has succeeded ({@link #finish}),
 * before the command prints its summary; a failed job's bar line is ended so the error starts a line of its own.
 * Thread-safe.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 40;
    private final PrintWriter err;
    private final String label;
    private long lastDraw;
    private boolean drawn;
    private boolean ended;
    private long total;

    ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    /** A bar on {@code err}, or null when quiet or stderr is not a terminal. */
    static ProgressBar create(PrintWriter err, String label, boolean quiet) {
        return quiet || !StderrTerminal.isTerminal() ? null : new ProgressBar(err, label);
    }

    @Override
    public synchronized void progress(long done, long total) {
        this.total = total;
        if (ended) {
            return;
        }
        long now = System.nanoTime();
        if (drawn && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        if (total < 0) {   // a stream of unknown length: bytes so far, the bar once the length is known
            drawn = true;
            err.printf("\r%s %d MiB", label, done >> 20);
            err.flush();
            return;
        }
        // 100% is drawn by finish(), when the job has really ended: work reported done is not yet the result
        draw(Math.min(done, Math.max(0, total - 1)), total);
    }

    /** The job succeeded: draws 100% and ends the line. */
    synchronized void finish() {
        if (!ended) {
            draw(Math.max(total, 0), Math.max(total, 0));
            end();
        }
    }

    /** The job failed: ends the bar's line, if one was drawn, so that the error message starts its own. */
    synchronized void abandon() {
        if (!ended && drawn) {
            end();
        }
        ended = true;
    }

    private void end() {
        err.println();
        err.flush();
        ended = true;
    }

    private void draw(long done, long total) {
        drawn = true;
        int filled = total <= 0 ? WIDTH : (int) (WIDTH * done / total);
        long percent = total <= 0 ? 100 : 100 * done / total;
        err.printf("\r%s [%s%s] %3d%% %d/%d MiB", label, "#".repeat(filled), " ".repeat(WIDTH - filled), percent,
                done >> 20, total >> 20);
        err.flush();
    }
}
