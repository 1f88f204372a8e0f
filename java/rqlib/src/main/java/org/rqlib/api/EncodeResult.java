package org.rqlib.api;

import java.nio.file.Path;
import org.rqlib.layout.Layout;

/**
 * What an encode produced. Immutable.
 *
 * @param layout the layout written as {@code _raptorq_layout.json}; when the job spilled the ids of a large layout
 *     to disk, the blocks it spilled still tell their id count, but their ids are gone with the job's spill file:
 *     read them from the layout file
 * @param outputDirectory where the symbols and the layout are; {@code null} when they went to another store
 * @param fileSize bytes of the input
 * @param symbolCount symbol files written
 * @param stats what the job did, for metrics
 */
public record EncodeResult(Layout layout, Path outputDirectory, long fileSize, long symbolCount, JobStats stats) {
}
