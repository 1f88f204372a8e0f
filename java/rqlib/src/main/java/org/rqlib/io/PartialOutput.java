package org.rqlib.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Random;
import org.rqlib.RqlibIoException;

/**
 * The hidden file {@code .NAME.<random>.part} a decode writes beside its output {@code NAME} and renames over it
 * only when every block decoded and matched its hash. It is created with the default permissions (what the umask
 * leaves, as for any new file; not the owner-only mode of a temporary file) and claimed with a lock
 * ({@link FileClaim}) for as long as the decode runs, so that a {@code .part} of a killed decode, which no process
 * locks, is recognised and removed by the next decode to the same output, as are abandoned scratch files in
 * that folder. Used by one job's thread.
 */
public final class PartialOutput implements AutoCloseable {
    private static final Random NAMES = new SecureRandom();

    private final Path output;
    private final Path temp;
    private final FileChannel channel;
    private final FileClaim claim;
    private boolean committed;

    private PartialOutput(Path output, Path temp, FileChannel channel, FileClaim claim) {
        this.output = output;
        this.temp = temp;
        this.channel = channel;
        this.claim = claim;
    }

    /** Removes abandoned {@code .part} files of {@code output}, then creates and claims a new one. */
    public static PartialOutput create(Path output) {
        Path parent = output.toAbsolutePath().getParent();
        String prefix = "." + output.getFileName() + ".";
        FileClaim.removeAbandoned(parent, prefix, ".part");
        ScratchFile.removeAbandoned(parent);
        for (int attempt = 0; ; attempt++) {
            Path temp = parent.resolve(prefix + Long.toUnsignedString(NAMES.nextLong(), 36) + ".part");
            try {
                FileClaim claim = FileClaim.createNew(temp, false);
                return new PartialOutput(output, temp, claim.channel(), claim);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw new RqlibIoException("creating a temporary file beside " + output, e);
                }
            } catch (IOException e) {
                throw new RqlibIoException("creating a temporary file beside " + output, e);
            }
        }
    }

    public Path path() {
        return temp;
    }

    public FileChannel channel() {
        return channel;
    }

    /** Renames the finished file over the output, still holding the claim so no other job can take it first. */
    public void commit() {
        try {
            Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            committed = true;
        } catch (IOException e) {
            throw new RqlibIoException("renaming " + temp + " to " + output, e);
        }
    }

    /** Releases the claim and closes the file; deletes it unless it was committed. */
    @Override
    public void close() {
        try {
            claim.close();
        } catch (IOException e) {
            if (committed) {
                throw new RqlibIoException("closing " + output, e);
            }
        } finally {
            if (!committed) {
                deleteQuietly(temp);
            }
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // best effort after a failure
        }
    }
}
