package org.rqlib.packets;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;
import org.rqlib.io.FileClaim;

/**
 * A file written under a temporary name beside its target and renamed over it only on {@link #commit()}, so
 * readers never see a partial file. Closing without committing deletes the temporary file. The temporary file is
 * claimed ({@link FileClaim}) while written, so that {@code rq}'s signal hook can tell it from others and remove it,
 * and a {@code .part} of the same target that no process holds (left by a killed run) is removed when the next
 * one starts. Not thread-safe.
 */
final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private final FileClaim claim;
    private boolean committed;

    AtomicOutput(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        Path directory = this.target.getParent();
        String prefix = partPrefix(this.target);
        // a .part no process holds is what a killed run (kill -9) left: remove it, as a file decode does
        FileClaim.removeAbandoned(directory, prefix, ".part");
        // CREATE_NEW with a random name, not createTempFile: the file gets the umask's permissions, not 0600
        FileClaim created = null;
        Path name = null;
        for (int attempt = 0; created == null; attempt++) {
            name = directory.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + ".part");
            try {
                created = FileClaim.createNew(name, false);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
        this.temporary = name;
        this.claim = created;
    }

    /** How the temporary files of {@code target} are named: {@code .NAME.<random>.part} beside it. */
    static String partPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    FileChannel channel() {
        return claim.channel();
    }

    void commit() throws IOException {
        claim.channel().force(false);
        // renamed while still claimed, so that no other run takes it for a leftover in between
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
        claim.close();
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            claim.closeAndDelete();
        }
    }
}
