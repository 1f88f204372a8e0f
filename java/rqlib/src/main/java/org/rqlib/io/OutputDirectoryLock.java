package org.rqlib.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.rqlib.InvalidParameterException;
import org.rqlib.OutputLockedException;
import org.rqlib.RqlibIoException;

/**
 * One encode's exclusive hold on its output directory: the lock file {@code OUT/.rqlib.lock}, created atomically
 * and locked ({@link FileClaim}), so a second encode into the same directory fails at once with
 * {@link OutputLockedException} instead of mixing its files in. A lock file nobody holds is the leftover of a
 * killed encode: the next encode removes it with the files that encode left (symbol folders, {@code .part} files,
 * scratch files) and starts afresh. The layout is published with {@link #publishLayout}, which never replaces an
 * existing one. On success the lock file is removed, so a finished directory holds only the layout and symbols.
 * Used by one job's thread.
 */
public final class OutputDirectoryLock implements AutoCloseable {
    /** Name of the lock file inside an output directory while an encode writes it. */
    public static final String LOCK_FILE = ".rqlib.lock";
    private static final Pattern BLOCK_FOLDER = Pattern.compile("block_[0-9]{1,10}");

    private final Path directory;
    private final boolean created;
    private final FileClaim claim;

    private OutputDirectoryLock(Path directory, boolean created, FileClaim claim) {
        this.directory = directory;
        this.created = created;
        this.claim = claim;
    }

    /**
     * Takes {@code directory} for an encode: creates it when missing, locks it, clears what a killed encode left,
     * and checks that nothing else is in it.
     *
     * @throws OutputLockedException when another encode holds it
     * @throws InvalidParameterException when it is not a directory or holds other files
     */
    public static OutputDirectoryLock acquire(Path directory, String layoutName) {
        boolean created = createDirectory(directory);
        FileClaim claim;
        try {
            claim = lock(directory, layoutName);
        } catch (RuntimeException e) {
            if (created) {
                deleteQuietly(directory);
            }
            throw e;
        }
        OutputDirectoryLock lock = new OutputDirectoryLock(directory, created, claim);
        try {
            lock.requireEmpty(layoutName);
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
        return lock;
    }

    public Path directory() {
        return directory;
    }

    /** Whether this encode created the directory (and so removes it on failure). */
    public boolean created() {
        return created;
    }

    /**
     * Writes the layout {@code json} writes to {@code name} through a temporary file, never replacing an existing
     * file ({@link #publishNew}).
     */
    public void publishLayout(String name, LayoutWriter json) throws IOException {
        publishNew(directory.resolve(name), directory.resolve(name + ".part"), json);
    }

    /**
     * Writes what {@code json} writes to {@code temp} (which must not exist) and publishes it as {@code target}
     * without ever replacing an existing file: a hard link publishes it atomically and fails when the name is
     * taken; where links are not supported, a move that refuses an existing target. The temporary file is gone
     * afterwards, whatever happened.
     *
     * @throws FileAlreadyExistsException when {@code target} exists: it is left as it was
     */
    public static void publishNew(Path target, Path temp, LayoutWriter json) throws IOException {
        try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            json.writeTo(out);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            try {
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | IOException e) {
                // no hard links on this file system: a move without REPLACE_EXISTING refuses an existing target
                Files.move(temp, target);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes a layout's text, streamed (a large layout is never one array in memory). */
    @FunctionalInterface
    public interface LayoutWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Releases the lock and deletes the lock file: the encode is over, successfully or not. */
    public void release() {
        try {
            claim.closeAndDelete();
        } catch (IOException e) {
            throw new RqlibIoException("removing lock file " + claim.file(), e);
        }
    }

    @Override
    public void close() {
        release();
    }

    private static boolean createDirectory(Path directory) {
        try {
            Path parent = directory.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(directory); // atomic: of two encodes creating it, one creates it
            return true;
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw new InvalidParameterException("output " + directory + " exists and is not a directory");
            }
            return false;
        } catch (IOException e) {
            throw new RqlibIoException("creating output directory " + directory, e);
        }
    }

    private static FileClaim lock(Path directory, String layoutName) {
        Path file = directory.resolve(LOCK_FILE);
        // two rounds: the second after removing a leftover lock of a killed encode
        for (int round = 0; round < 3; round++) {
            try {
                return FileClaim.createNew(file, true);
            } catch (FileAlreadyExistsException e) {
                try {
                    if (!FileClaim.removeIfAbandoned(file)) {
                        throw new OutputLockedException("output directory " + directory
                                + " is being written by another encode (" + FileClaim.owner(file).orElse("lock file "
                                + file) + "); wait for it, or use another directory");
                    }
                } catch (IOException io) {
                    throw new RqlibIoException("checking lock file " + file, io);
                }
                removeLeftovers(directory, layoutName);
            } catch (IOException e) {
                throw new RqlibIoException("creating lock file " + file, e);
            }
        }
        throw new OutputLockedException("output directory " + directory + " is being taken by another encode");
    }

    /**
     * Removes what a killed encode left: its block folders (only when they hold nothing but files), the layout's
     * temporary file and scratch files. A finished layout is kept: the encode died after publishing it.
     */
    private static void removeLeftovers(Path directory, String layoutName) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            List<Path> leftovers = new ArrayList<>();
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.endsWith(".part") || name.startsWith(".rqlib-scratch-")) {
                    if (RegularFiles.isRegularNoFollow(entry)) {
                        leftovers.add(entry);
                    }
                } else if (BLOCK_FOLDER.matcher(name).matches() && RegularFiles.isDirectoryNoFollow(entry)) {
                    leftovers.add(entry);
                }
            }
            if (Files.exists(directory.resolve(layoutName), LinkOption.NOFOLLOW_LINKS)) {
                return; // a finished encode whose lock was not yet removed: its files are the result
            }
            for (Path leftover : leftovers) {
                deleteFolderOfFiles(leftover);
            }
        } catch (IOException e) {
            throw new RqlibIoException("removing what a killed encode left in " + directory, e);
        }
    }

    private static void deleteFolderOfFiles(Path path) throws IOException {
        if (!RegularFiles.isDirectoryNoFollow(path)) {
            Files.deleteIfExists(path);
            return;
        }
        try (Stream<Path> walk = Files.list(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!RegularFiles.isRegularNoFollow(p)) {
                    return; // not what an encode writes: leave the folder, requireEmpty names it
                }
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(path);
    }

    private void requireEmpty(String layoutName) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().equals(LOCK_FILE)) {
                    throw new InvalidParameterException("output directory " + directory + " is not empty ("
                            + entry.getFileName() + (entry.getFileName().toString().equals(layoutName)
                            ? ": a finished encode" : "") + "); encode into a new or empty directory");
                }
            }
        } catch (NoSuchFileException e) {
            throw new RqlibIoException("output directory " + directory + " vanished", e);
        } catch (IOException e) {
            throw new RqlibIoException("listing output directory " + directory, e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // best effort after a failure
        }
    }
}
