package org.rqlib.stream;

import java.util.concurrent.Executor;
import org.rqlib.JobCancelledException;
import org.rqlib.RqlibException;
import org.rqlib.limits.JobControl;
import org.rqlib.limits.Permit;

/**
 * The tasks one job runs on the shared worker pool, at most {@code maxInFlight} at once. Each task owns the
 * memory permit it was submitted with and gives it back when it ends. The first failure stops the group: later
 * tasks are skipped and {@link #await()} rethrows it. {@link #close()} waits for every task, so no task outlives
 * the buffers and files of its job. Used by the job's coordinating thread only.
 */
final class TaskGroup implements AutoCloseable {
    private final Executor pool;
    private final int maxInFlight;
    private final JobControl control;
    private int inFlight;
    private Throwable failure;

    TaskGroup(Executor pool, int maxInFlight, JobControl control) {
        this.pool = pool;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.control = control;
    }

    /** Runs {@code task} on the pool once a slot is free; the permit (may be null) is closed when it ends. */
    void submit(Permit permit, Runnable task) {
        submit(permit, task, () -> { });
    }

    /**
     * Like {@link #submit(Permit, Runnable)}, and {@code cleanup} (freeing the task's buffers) runs after the task
     * in every case: when it fails, when it is skipped after another failure, and when it cannot be submitted.
     */
    void submit(Permit permit, Runnable task, Runnable cleanup) {
        try {
            synchronized (this) {
                while (inFlight >= maxInFlight && failure == null) {
                    wait();
                }
                rethrow();
                inFlight++;
            }
        } catch (InterruptedException e) {
            release(permit, cleanup);
            Thread.currentThread().interrupt();
            throw new JobCancelledException("interrupted while waiting for a worker");
        } catch (RuntimeException | Error e) {
            release(permit, cleanup);
            throw e;
        }
        try {
            pool.execute(() -> run(permit, task, cleanup));
        } catch (RuntimeException e) {
            release(permit, cleanup);
            finished(e);
            throw e;
        }
    }

    private void run(Permit permit, Runnable task, Runnable cleanup) {
        Throwable error = null;
        try {
            if (!failed()) {
                control.checkCancelled();
                task.run();
            }
        } catch (Throwable t) {
            error = t;
        }
        try {
            release(permit, cleanup);
        } catch (Throwable t) {
            error = error == null ? t : error;
        }
        finished(error);
    }

    private static void release(Permit permit, Runnable cleanup) {
        try {
            cleanup.run();
        } finally {
            if (permit != null) {
                permit.close();
            }
        }
    }

    private synchronized boolean failed() {
        return failure != null;
    }

    private void finished(Throwable error) {
        synchronized (this) {
            if (error != null && failure == null) {
                failure = error;
            }
            inFlight--;
            notifyAll();
        }
    }

    /** Waits for every task submitted so far; rethrows the first failure. */
    void await() {
        waitIdle();
        synchronized (this) {
            rethrow();
        }
        control.checkCancelled();
    }

    private void waitIdle() {
        boolean interrupted = false;
        synchronized (this) {
            while (inFlight > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // tasks still use this job's buffers: wait for them, then report the interrupt
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrow() {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new RqlibException("worker failed: " + t, t);
    }

    @Override
    public void close() {
        waitIdle();
    }
}
