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
    private final AtomicLong governorWait = new AtomicLong();
    private volatile long total;
    private long reported;

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

    /** The job's total in bytes, or -1 while it is not known (a stream of unknown length). */
    public long totalBytes() {
        return total;
    }

    /** Starts counting: {@code totalBytes} is the job's size, -1 when not known yet (see {@link #total}). */
    public void start(long totalBytes) {
        synchronized (this) {
            total = totalBytes;
            done.set(0);
            reported = 0;
            listener.progress(0, totalBytes);
        }
    }

    /** Sets the total once it is known, for a job started with -1. */
    public void total(long totalBytes) {
        synchronized (this) {
            total = totalBytes;
            listener.progress(Math.min(reported, totalBytes), totalBytes);
        }
    }

    /**
     * Adds {@code bytes} to the work done and tells the listener. The listener sees a monotonic count, never above
     * the total, from one thread at a time, although workers advance concurrently.
     */
    public void advance(long bytes) {
        long now = done.addAndGet(bytes);
        synchronized (this) {
            long t = total;
            long shown = t >= 0 ? Math.min(now, t) : now;
            if (shown > reported) {
                reported = shown;
                listener.progress(shown, t);
            }
        }
    }

    /** Adds time spent waiting for the governor (a job slot, a block slot, memory). */
    public void addGovernorWait(long nanos) {
        governorWait.addAndGet(nanos);
    }

    /** Nanoseconds this job has waited for the governor so far. */
    public long governorWaitNanos() {
        return governorWait.get();
    }
}
