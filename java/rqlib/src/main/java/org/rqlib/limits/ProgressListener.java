package org.rqlib.limits;

/**
 * Told how far a job has come, in bytes of the file done out of its total. Called from the job's threads, one call
 * at a time: {@code bytesDone} never decreases, never exceeds the total, and the last call of a job that succeeds
 * has {@code bytesDone == bytesTotal}. The total is -1 while unknown (a stream of unknown length), and known at the
 * latest when its last block starts. Implementations must be quick: workers wait while the listener runs.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    void progress(long bytesDone, long bytesTotal);
}
