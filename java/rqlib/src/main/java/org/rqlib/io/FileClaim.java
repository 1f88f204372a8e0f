package org.rqlib.io;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file this process is working on and marks as its own: an operating-system lock on the file's open channel
 * ({@link FileChannel#tryLock()}), which the kernel drops when the process dies, however it dies. A file of ours
 * that is left with no lock held on it is therefore a leftover of a killed job, and the next job may remove it
 * ({@link #removeIfAbandoned}).
 *
 * <p>POSIX drops every lock a process holds on a file when the process closes <em>any</em> descriptor of it, so
 * this process never opens a file it holds a claim on: a table of the claims held in this JVM is consulted
 * first. Where the file system has no locks, a claim still works (the file is created atomically) but a leftover
 * is recognised only by the owner line a lock file carries (a dead process on this host). Thread-safe.
 */
public final class FileClaim implements AutoCloseable {
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final String HOST = hostName();
    private static final long PID = ProcessHandle.current().pid();
    private static final String STARTED = ProcessHandle.current().info().startInstant().map(Instant::toString)
            .orElse("unknown");

    private final Path file;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean ownsChannel;

    private FileClaim(Path file, Path key, FileChannel channel, FileLock lock, boolean ownsChannel) {
        this.file = file;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
        this.ownsChannel = ownsChannel;
    }

    /**
     * Creates {@code file}, which must not exist (atomically: of two callers exactly one succeeds), opened for
     * reading and writing and locked. {@code owner} true writes the owner line (pid, host, process start).
     *
     * @throws java.nio.file.FileAlreadyExistsException when it exists
     */
    public static FileClaim createNew(Path file, boolean owner, FileAttribute<?>... attributes) throws IOException {
        Path key = key(file);
        // in the table before the file exists, so that no job of this process takes it for a leftover
        HELD.add(key);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), attributes);
        } catch (IOException | RuntimeException | Error e) {
            HELD.remove(key);
            throw e;
        }
        try {
            FileClaim claim = claim(file, channel, true);
            if (owner) {
                ByteBuffer line = ByteBuffer.wrap(ownerLine().getBytes(StandardCharsets.UTF_8));
                while (line.hasRemaining()) {
                    channel.write(line);
                }
            }
            return claim;
        } catch (IOException | RuntimeException | Error e) {
            HELD.remove(key);
            channel.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Marks {@code file}, open on {@code channel} (owned by the caller, closed by it), as this process's. */
    public static FileClaim of(Path file, FileChannel channel) throws IOException {
        return claim(file, channel, false);
    }

    private static FileClaim claim(Path file, FileChannel channel, boolean ownsChannel) throws IOException {
        Path key = key(file);
        HELD.add(key);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | UnsupportedOperationException e) {
            lock = null; // no locks on this file system: atomic creation still makes the claim exclusive
        } catch (OverlappingFileLockException e) {
            HELD.remove(key);
            throw new IOException(file + " is already locked in this process", e);
        }
        return new FileClaim(file, key, channel, lock, ownsChannel);
    }

    public Path file() {
        return file;
    }

    /** The channel the claim was made on. */
    public FileChannel channel() {
        return channel;
    }

    /** Drops the lock and closes the channel when the claim made it ({@link #createNew}); the file stays. */
    @Override
    public void close() throws IOException {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            if (ownsChannel) {
                channel.close();
            }
        } finally {
            HELD.remove(key);
        }
    }

    /** Releases the claim, closes the channel and deletes the file. */
    public void closeAndDelete() throws IOException {
        try {
            close();
        } finally {
            channel.close();
            Files.deleteIfExists(file);
        }
    }

    /** Whether this JVM holds a claim on {@code file}. */
    public static boolean heldHere(Path file) {
        return HELD.contains(key(file));
    }

    /**
     * Deletes {@code file} when it is a leftover: a regular file that no process holds a lock on (nor this JVM a
     * claim), and whose owner line, if any, does not name a live process on this host. Returns whether it was
     * removed. Never blocks: a file that is not regular is left alone.
     */
    public static boolean removeIfAbandoned(Path file) throws IOException {
        if (heldHere(file) || !RegularFiles.isRegularNoFollow(file)) {
            return false;
        }
        FileChannel channel;
        try {
            channel = RegularFiles.openNoFollow(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return false;
        }
        try (channel) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return false;
            } catch (IOException | UnsupportedOperationException e) {
                lock = null;
            }
            if (lock == null && !ownerLineSaysDead(channel)) {
                return false; // locked by a live process, or no locks here and no proof its owner is gone
            }
            if (lock != null && ownerIsAlive(channel)) {
                return false;
            }
            Files.deleteIfExists(file);
            return true;
        }
    }

    /**
     * Deletes the files {@code prefix*suffix} in {@code directory} that are leftovers ({@link #removeIfAbandoned}).
     * A courtesy to whoever comes next: failures (a file of another user, a folder that cannot be listed) are
     * ignored, and the job itself does not depend on it.
     */
    public static void removeAbandoned(Path directory, String prefix, String suffix) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
                p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(suffix))) {
            for (Path entry : entries) {
                try {
                    removeIfAbandoned(entry);
                } catch (IOException e) {
                    // not ours to remove, or gone already
                }
            }
        } catch (IOException | RuntimeException e) {
            // as above
        }
    }

    /**
     * Deletes the files {@code prefix*suffix} in {@code directory} that this process holds claims on: for a
     * shutdown hook that must remove the partial files of work it cannot cancel. The claims stay; their owners
     * fail on their next write or rename, as they would after any deletion.
     */
    public static void deleteHeld(Path directory, String prefix, String suffix) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
                p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(suffix))) {
            for (Path entry : entries) {
                if (heldHere(entry)) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort while the process ends
        }
    }

    /** The owner line of a lock file: who holds it, for the error a second writer gets. */
    public static Optional<String> owner(Path file) {
        if (!RegularFiles.isRegularNoFollow(file)) {
            return Optional.empty();
        }
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String ownerLine() {
        return "pid=" + PID + " host=" + HOST + " started=" + STARTED + "\n";
    }

    /** Whether the owner line names a process on this host that is still running (same pid and start). */
    private static boolean ownerIsAlive(FileChannel channel) throws IOException {
        Owner owner = Owner.read(channel);
        return owner != null && owner.host.equals(HOST) && owner.alive();
    }

    private static boolean ownerLineSaysDead(FileChannel channel) throws IOException {
        Owner owner = Owner.read(channel);
        return owner != null && owner.host.equals(HOST) && !owner.alive();
    }

    private record Owner(long pid, String host, String started) {
        static Owner read(FileChannel channel) throws IOException {
            if (channel.size() > 4096) {
                return null;
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) channel.size());
            while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) >= 0) {
                // read the whole short line
            }
            String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).trim();
            long pid = -1;
            String host = null;
            String started = null;
            for (String field : text.split("\\s+")) {
                if (field.startsWith("pid=")) {
                    try {
                        pid = Long.parseLong(field.substring(4));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                } else if (field.startsWith("host=")) {
                    host = field.substring(5);
                } else if (field.startsWith("started=")) {
                    started = field.substring(8);
                }
            }
            return pid < 0 || host == null ? null : new Owner(pid, host, started);
        }

        boolean alive() {
            if (pid == PID) {
                return false; // this process: a claim it holds is in the table, so this one is a leftover
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || !process.get().isAlive()) {
                return false;
            }
            // a recycled pid belongs to a process that started later
            Optional<String> start = process.get().info().startInstant().map(Instant::toString);
            return start.isEmpty() || started == null || started.equals("unknown") || start.get().equals(started);
        }
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** This host's name, without a DNS lookup where the kernel tells it (resolving can take seconds). */
    private static String hostName() {
        String name = null;
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                name = Files.readString(kernel).trim();
            }
        } catch (IOException | RuntimeException e) {
            name = null;
        }
        if (name == null || name.isEmpty()) {
            name = System.getenv("COMPUTERNAME");
        }
        if (name == null || name.isEmpty()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                name = "unknown-host";
            }
        }
        return name.replaceAll("\\s", "_");
    }
}
