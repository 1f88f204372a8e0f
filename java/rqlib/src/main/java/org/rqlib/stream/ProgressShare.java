package org.rqlib.stream;

import org.rqlib.limits.JobControl;

/**
 * Turns units of work (symbols written, sub-blocks coded) into bytes of the file for the progress listener,
 * without rounding drift: after all units, exactly {@code bytes} have been reported. Thread-safe.
 */
final class ProgressShare {
    private final JobControl control;
    private final long bytes;
    private final long units;
    private long unitsDone;
    private long bytesReported;

    ProgressShare(JobControl control, long bytes, long units) {
        this.control = control;
        this.bytes = bytes;
        this.units = Math.max(1, units);
    }

    void advance(long doneUnits) {
        long delta;
        synchronized (this) {
            unitsDone = Math.min(units, unitsDone + doneUnits);
            long now = (long) ((double) bytes * unitsDone / units);
            delta = now - bytesReported;
            bytesReported = now;
        }
        if (delta > 0) {
            control.advance(delta);
        }
    }
}
