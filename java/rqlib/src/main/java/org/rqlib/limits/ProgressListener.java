package org.rqlib.limits;

/**
 * Told how far a job has come, in bytes of the file done out of its total. Called from the job's threads, possibly
 * several at once, so implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    void progress(long bytesDone, long bytesTotal);
}
