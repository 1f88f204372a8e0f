package org.rqlib.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;

/**
 * Decides which file operations fail, for a {@link FaultyFileSystem}. Faults are one of:
 * <ul>
 *   <li>{@link #failAt}: the n-th operation of one of the given kinds (counted across all files) throws
 *       IOException; with n chosen at random by the test, this is "IOException at a random point";</li>
 *   <li>{@link #diskFullAfter}: writes succeed until this many bytes were written in all, then every write fails
 *       like ENOSPC (a partial write first, as a full disk does);</li>
 *   <li>{@link #vanishOnOpen}: files matching a predicate are deleted (on the real file system) just before the
 *       n-th matching open for reading, as when another process removes a symbol file mid-decode;</li>
 *   <li>{@link #onOperation}: a hook run before the n-th operation, e.g. to cancel the job at a random point.</li>
 * </ul>
 * Thread-safe: counters are atomic, and the plan may be changed while operations run.
 */
public final class FaultPlan {
    private final Map<IoOperation, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong operations = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private volatile Set<IoOperation> failKinds = EnumSet.noneOf(IoOperation.class);
    private volatile long failAtCount = -1;
    private volatile long diskBytes = Long.MAX_VALUE;
    private volatile BiPredicate<IoOperation, Path> vanish;
    private volatile long vanishAt = -1;
    private final AtomicLong vanishCount = new AtomicLong();
    private volatile long hookAt = -1;
    private volatile Runnable hook;
    private final AtomicLong injected = new AtomicLong();
    private final AtomicLong failCounter = new AtomicLong();
    private volatile String lastFailure = "";

    /** The n-th (from 1) operation whose kind is in {@code kinds} throws IOException. */
    public FaultPlan failAt(long n, Set<IoOperation> kinds) {
        this.failKinds = EnumSet.copyOf(kinds);
        this.failAtCount = n;
        return this;
    }

    /** Writes beyond {@code bytes} in total fail with "No space left on device". */
    public FaultPlan diskFullAfter(long bytes) {
        this.diskBytes = bytes;
        return this;
    }

    /** Before the n-th (from 1) open for reading of a file {@code which} accepts, the file is deleted. */
    public FaultPlan vanishOnOpen(long n, BiPredicate<IoOperation, Path> which) {
        this.vanish = which;
        this.vanishAt = n;
        return this;
    }

    /** Runs {@code action} before the n-th (from 1) operation of any kind. */
    public FaultPlan onOperation(long n, Runnable action) {
        this.hook = action;
        this.hookAt = n;
        return this;
    }

    /** Operations seen so far, all kinds. */
    public long operationCount() {
        return operations.get();
    }

    public long count(IoOperation kind) {
        AtomicLong n = counts.get(kind);
        return n == null ? 0 : n.get();
    }

    /** How many faults were injected (IOExceptions thrown, files removed). */
    public long injectedCount() {
        return injected.get();
    }

    /** The operation and file of the last IOException injected by {@link #failAt}, or "" when none. */
    public String lastFailure() {
        return lastFailure;
    }

    /** Called by the faulty file system before each operation on {@code path}. */
    void before(IoOperation kind, Path realPath) throws IOException {
        long all = operations.incrementAndGet();
        long n = counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        Runnable action = hook;
        if (action != null && all == hookAt) {
            action.run();
        }
        BiPredicate<IoOperation, Path> which = vanish;
        if (which != null && kind == IoOperation.OPEN_READ && which.test(kind, realPath)
                && vanishCount.incrementAndGet() == vanishAt) {
            injected.incrementAndGet();
            Files.deleteIfExists(realPath);
        }
        if (failKinds.contains(kind)) {
            if (failCounter.incrementAndGet() == failAtCount) {
                injected.incrementAndGet();
                lastFailure = kind + " " + realPath;
                throw new IOException("injected fault: " + kind + " #" + n + " of " + realPath);
            }
        }
    }

    /**
     * How many of {@code wanted} bytes a write may put on the disk now: all of them, fewer (a partial write),
     * or none, in which case it throws like a full disk.
     */
    int allowWrite(int wanted, Path realPath) throws IOException {
        long limit = diskBytes;
        if (limit == Long.MAX_VALUE) {
            bytesWritten.addAndGet(wanted);
            return wanted;
        }
        while (true) {
            long used = bytesWritten.get();
            long room = limit - used;
            if (room <= 0) {
                injected.incrementAndGet();
                throw new IOException("No space left on device (injected) writing " + realPath);
            }
            int allowed = (int) Math.min(wanted, room);
            if (bytesWritten.compareAndSet(used, used + allowed)) {
                return allowed;
            }
        }
    }
}
