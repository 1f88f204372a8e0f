package org.rqlib.api;

import java.nio.file.Path;

/**
 * What a decode did. Immutable.
 *
 * @param output the decoded file; {@code null} when it was written to a stream
 * @param fileSize its length
 * @param symbolsUsed symbol files read and found valid
 * @param symbolsMissing symbol files listed in the layout, looked for and not found
 * @param symbolsCorrupt symbol files skipped because their bytes did not match their id or place
 * @param stats what the job did, for metrics
 */
public record DecodeResult(Path output, long fileSize, long symbolsUsed, long symbolsMissing, long symbolsCorrupt,
        JobStats stats) {
}
