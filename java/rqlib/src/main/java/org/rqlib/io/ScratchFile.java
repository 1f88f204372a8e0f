package org.rqlib.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Random;
import org.rqlib.RqlibIoException;

/**
 * A temporary file for data that does not fit the memory budget (repair sub-symbols in encode, staged symbols in
 * decode). Deleted on close; one left by a killed process carries no lock and is removed by the next job in its
 * folder ({@link PartialOutput}, {@link OutputDirectoryLock}). Positional access is thread-safe.
 */
public final class ScratchFile implements AutoCloseable {
    /** How every scratch file's name starts. */
    public static final String PREFIX = ".rqlib-scratch-";

    private final Path path;
    private final FileChannel channel;
    private final FileClaim claim;
    private static final Random NAMES = new SecureRandom();

    public ScratchFile(Path directory, String purpose) {
        this.claim = create(directory, purpose);
        this.path = claim.file();
        this.channel = claim.channel();
    }

    private static FileClaim create(Path directory, String purpose) {
        FileAttribute<?>[] ownerOnly = directory.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        for (int attempt = 0; ; attempt++) {
            Path file = directory.resolve(PREFIX + purpose + "-" + Long.toUnsignedString(NAMES.nextLong(), 36) + ".tmp");
            try {
                // locked while in use, so that one left by a killed process is told apart and removed later
                return FileClaim.createNew(file, false, ownerOnly);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw new RqlibIoException("creating scratch file in " + directory, e);
                }
            } catch (IOException e) {
                throw new RqlibIoException("creating scratch file in " + directory, e);
            }
        }
    }

    /** Removes scratch files in {@code directory} left by killed processes (no lock held on them). */
    public static void removeAbandoned(Path directory) {
        FileClaim.removeAbandoned(directory, PREFIX, ".tmp");
    }

    public FileChannel channel() {
        return channel;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            claim.closeAndDelete();
        } catch (IOException e) {
            throw new RqlibIoException("removing scratch file " + path, e);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
