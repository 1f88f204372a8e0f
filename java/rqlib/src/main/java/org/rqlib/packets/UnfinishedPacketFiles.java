package org.rqlib.packets;

import java.nio.file.Path;
import org.rqlib.io.FileClaim;

/**
 * The hidden {@code .NAME.<random>.part} file a packet file encode or decode writes beside its target until it is
 * complete. Exported so that a caller ending the process early (the {@code rq} command's SIGINT/SIGTERM hook) can
 * remove what this process was writing without reaching into rqlib's internal file-claim package.
 */
public final class UnfinishedPacketFiles {
    private UnfinishedPacketFiles() {
    }

    /**
     * Deletes the temporary files for {@code target} that this process holds (never another process's), best
     * effort: meant for a shutdown hook, so it never throws.
     */
    public static void removeHeldFor(Path target) {
        Path absolute = target.toAbsolutePath();
        FileClaim.deleteHeld(absolute.getParent(), "." + absolute.getFileName() + ".", ".part");
    }
}
