package org.rqlib.limits;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.rqlib.JobCancelledException;

/**
 * The caller's handle on a running encode or decode: cancel it from any thread, and follow its progress through a
 * {@link ProgressListener}. A cancelled job stops at its next check, removes what it wrote and throws
 * {@link JobCancelledException}. Optionally a timeout for each wait on the governor. Thread-safe; use one per job.
 */
public final class JobControl {
    private final ProgressListener listener;
    private final long waitTimeoutMillis;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicLong done = new AtomicLong();
    private volatile long total;

    /**
     * @param listener told of progress, may be {@link ProgressListener#NONE}
     * @param waitTimeoutMillis how long to wait for memory or a slot before {@code ResourceLimitException};
     *     negative waits as long as it takes
     */
    public JobControl(ProgressListener listener, long waitTimeoutMillis) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.waitTimeoutMillis = waitTimeoutMillis;
    }

    public JobControl(ProgressListener listener) {
        this(listener, Governor.WAIT_FOREVER);
    }

    public static JobControl none() {
        return new JobControl(ProgressListener.NONE);
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get() || Thread.currentThread().isInterrupted();
    }

    public long waitTimeoutMillis() {
        return waitTimeoutMillis;
    }

    /** Throws {@link JobCancelledException} when the job was cancelled. */
    public void checkCancelled() {
        if (isCancelled()) {
            throw new JobCancelledException("job cancelled");
        }
    }

    public long bytesDone() {
        return done.get();
    }

    public void start(long totalBytes) {
        total = totalBytes;
        done.set(0);
        listener.progress(0, totalBytes);
    }

    /** Adds {@code bytes} to the work done and tells the listener. */
    public void advance(long bytes) {
        long now = done.addAndGet(bytes);
        listener.progress(Math.min(now, total), total);
    }
}
