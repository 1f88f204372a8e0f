package org.rqlib.stream;

import java.util.concurrent.Executor;
import org.rqlib.codec.Codec;
import org.rqlib.limits.Governor;
import org.rqlib.limits.JobControl;
import org.rqlib.limits.Permit;

/**
 * What one encode or decode job works with: the instance's codec, governor and worker pool, the job's thread
 * count and its control (cancellation, progress, wait timeout). Immutable.
 */
record JobContext(Codec codec, Governor governor, Executor pool, int threads, JobControl control) {
    Permit reserve(long bytes, String what) {
        control.checkCancelled();
        long start = System.nanoTime();
        try {
            return governor.reserve(bytes, what, control.waitTimeoutMillis());
        } finally {
            control.addGovernorWait(System.nanoTime() - start);
        }
    }

    /** {@code bytes} of the budget if they are free now, else null (never waits). */
    Permit tryReserve(long bytes) {
        control.checkCancelled();
        return governor.tryReserve(bytes);
    }

    TaskGroup newTaskGroup() {
        return new TaskGroup(pool, threads, control);
    }
}
