package org.rqlib.api;

/**
 * What one job did, for metrics. Immutable.
 *
 * @param bytes bytes of the file encoded or decoded
 * @param symbols symbol files written (encode) or read and found valid (decode)
 * @param corruptSymbolsSkipped symbol files a decode skipped because their bytes did not match their id or place
 * @param governorWaitNanos time the job waited for a job slot, a block slot or memory
 * @param elapsedNanos the job's wall-clock time
 */
public record JobStats(long bytes, long symbols, long corruptSymbolsSkipped, long governorWaitNanos,
        long elapsedNanos) {
}
