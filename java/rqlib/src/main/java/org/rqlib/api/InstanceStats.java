package org.rqlib.api;

/**
 * What one {@link RaptorQ} instance has done since it was built, for metrics: the sums of its jobs'
 * {@link JobStats}. A snapshot; immutable.
 *
 * @param jobsSucceeded jobs that returned a result
 * @param jobsFailed jobs that threw, cancelled ones included
 * @param bytesEncoded bytes of files encoded
 * @param bytesDecoded bytes of files decoded
 * @param symbolsWritten symbol files written by encodes
 * @param symbolsRead valid symbol files read by decodes
 * @param corruptSymbolsSkipped symbol files decodes skipped as corrupt
 * @param governorWaitNanos time jobs waited for the governor, all together
 */
public record InstanceStats(long jobsSucceeded, long jobsFailed, long bytesEncoded, long bytesDecoded,
        long symbolsWritten, long symbolsRead, long corruptSymbolsSkipped, long governorWaitNanos) {
}
