package org.rqlib.cli;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.rqlib.limits.JobControl;

/**
 * Ctrl-C (SIGINT) and SIGTERM cancel the running job instead of killing it mid-write: a JVM shutdown hook cancels
 * every registered job through its {@link JobControl} and waits up to {@link #CLEANUP_SECONDS} for each to remove
 * what it wrote (the job's own failure path does that). The JVM then exits with 128 + the signal number (130 for
 * SIGINT, 143 for SIGTERM). {@code kill -9} cannot be caught: what it leaves is recognised and removed by the next
 * job on the same output (docs/reliability.md). Thread-safe.
 */
final class SignalCancellation {
    /** How long the hook waits for a cancelled job to clean up before the JVM halts anyway. */
    static final long CLEANUP_SECONDS = 20;

    private static final Set<Registration> RUNNING = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;

    private SignalCancellation() {
    }

    /** A job the hook cancels (or, for work without a JobControl, cleans up after); close it once it has ended. */
    static final class Registration implements AutoCloseable {
        private final JobControl control;
        private final Runnable cleanup;
        private final CountDownLatch ended = new CountDownLatch(1);

        private Registration(JobControl control, Runnable cleanup) {
            this.control = control;
            this.cleanup = cleanup;
        }

        @Override
        public void close() {
            RUNNING.remove(this);
            ended.countDown();
        }
    }

    static Registration register(JobControl control) {
        return add(new Registration(control, null));
    }

    /**
     * Work that cannot be cancelled (the packet file API): on a signal the hook runs {@code cleanup}, which must
     * remove what the work has written so far, and the process ends without waiting for the work.
     */
    static Registration onSignal(Runnable cleanup) {
        return add(new Registration(null, cleanup));
    }

    private static Registration add(Registration registration) {
        installHook();
        RUNNING.add(registration);
        return registration;
    }

    private static void installHook() {
        if (hookInstalled) {
            return;
        }
        synchronized (SignalCancellation.class) {
            if (!hookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(SignalCancellation::cancelAll, "rq-cancel-on-signal"));
                hookInstalled = true;
            }
        }
    }

    /** Cancels every running job and waits for each to end. Runs in the shutdown hook. */
    static void cancelAll() {
        for (Registration job : RUNNING) {
            if (job.control != null) {
                job.control.cancel();
            } else {
                job.cleanup.run();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLEANUP_SECONDS);
        for (Registration job : RUNNING) {
            if (job.control == null) {
                continue;
            }
            try {
                job.ended.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
