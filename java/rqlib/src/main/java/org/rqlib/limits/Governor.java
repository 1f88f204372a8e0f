package org.rqlib.limits;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.concurrent.TimeUnit;
import org.rqlib.JobCancelledException;
import org.rqlib.ResourceLimitException;

/**
 * Owns the resources of one {@code RaptorQ} instance: a memory budget in bytes (heap and off-heap working sets
 * counted together), a cap on blocks in flight and a cap on concurrent jobs. Callers wait in arrival order until
 * their request fits (backpressure) or their timeout passes ({@link ResourceLimitException}).
 *
 * <p>Deadlock freedom rests on one rule its callers keep: while waiting for memory, a caller holds only
 * reservations owned by work that is already running and will release them without waiting itself. Thread-safe.
 */
public final class Governor {
    /** Timeout meaning "wait as long as it takes". */
    public static final long WAIT_FOREVER = -1;

    private final long budgetBytes;
    private final int maxBlocksInFlight;
    private final int maxJobs;
    private final EnumMap<Kind, ArrayDeque<Object>> queues = new EnumMap<>(Kind.class);
    private long bytesInUse;
    private long peakBytes;
    private int blocksInFlight;
    private int jobs;
    private long waitNanos;
    private long waits;

    public Governor(long budgetBytes, int maxBlocksInFlight, int maxJobs) {
        if (budgetBytes < 1 || maxBlocksInFlight < 1 || maxJobs < 1) {
            throw new IllegalArgumentException("budget " + budgetBytes + " bytes, " + maxBlocksInFlight
                    + " blocks in flight and " + maxJobs + " jobs must all be positive");
        }
        this.budgetBytes = budgetBytes;
        this.maxBlocksInFlight = maxBlocksInFlight;
        this.maxJobs = maxJobs;
        for (Kind kind : Kind.values()) {
            queues.put(kind, new ArrayDeque<>());
        }
    }

    /** A read-only view of this governor's figures. */
    public GovernorStats stats() {
        return new GovernorStats(this);
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    public int maxBlocksInFlight() {
        return maxBlocksInFlight;
    }

    public int maxJobs() {
        return maxJobs;
    }

    public synchronized long bytesInUse() {
        return bytesInUse;
    }

    /** The most bytes ever reserved at once; never above the budget. */
    public synchronized long peakBytes() {
        return peakBytes;
    }

    public synchronized int jobsRunning() {
        return jobs;
    }

    public synchronized int blocksInFlight() {
        return blocksInFlight;
    }

    /** Nanoseconds callers have spent waiting for a job slot, a block slot or memory, all together. */
    public synchronized long waitNanos() {
        return waitNanos;
    }

    /** Requests that had to wait at least once. */
    public synchronized long waits() {
        return waits;
    }

    /** Admits a job, waiting for one of the job slots. */
    public Permit admitJob(long timeoutMillis) {
        acquire(Kind.JOB, 0, "a job slot (" + maxJobs + " concurrent jobs at most)", timeoutMillis);
        return new Permit(this, Kind.JOB, 0);
    }

    /** Admits one block into processing, waiting for one of the block slots. */
    public Permit admitBlock(long timeoutMillis, String block) {
        acquire(Kind.BLOCK, 0, "a slot for " + block + " (" + maxBlocksInFlight + " blocks in flight at most)",
                timeoutMillis);
        return new Permit(this, Kind.BLOCK, 0);
    }

    /**
     * Reserves {@code bytes} of the budget for {@code what}. A request larger than the whole budget is a bug of
     * the caller, which must shrink its working set first; it fails at once.
     */
    public Permit reserve(long bytes, String what, long timeoutMillis) {
        if (bytes < 0 || bytes > budgetBytes) {
            throw new ResourceLimitException(what + " needs " + bytes + " bytes, more than the whole memory limit of "
                    + budgetBytes + " bytes");
        }
        acquire(Kind.MEMORY, bytes, bytes + " bytes for " + what, timeoutMillis);
        return new Permit(this, Kind.MEMORY, bytes);
    }

    /**
     * Reserves {@code bytes} of the budget only if they fit now and no one is waiting for memory; else returns
     * null at once. Never waits, so a caller may use it for an optional, larger working set (falling back to a
     * smaller one) and hold it for a whole phase of work without breaking the deadlock rule above.
     */
    public synchronized Permit tryReserve(long bytes) {
        if (bytes < 0 || !queues.get(Kind.MEMORY).isEmpty() || !fits(Kind.MEMORY, bytes)) {
            return null;
        }
        take(Kind.MEMORY, bytes);
        return new Permit(this, Kind.MEMORY, bytes);
    }

    private synchronized void acquire(Kind kind, long bytes, String what, long timeoutMillis) {
        Object ticket = new Object();
        ArrayDeque<Object> queue = queues.get(kind);
        queue.addLast(ticket);
        long start = System.nanoTime();
        long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean waited = false;
        try {
            // first come, first served within a kind: a big reservation is not overtaken forever by small ones
            while (!(queue.peekFirst() == ticket && fits(kind, bytes))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ResourceLimitException("timed out after " + timeoutMillis + " ms waiting for " + what
                            + " (in use: " + bytesInUse + " of " + budgetBytes + " bytes, " + blocksInFlight
                            + " blocks, " + jobs + " jobs)");
                }
                waited = true;
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
            take(kind, bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobCancelledException("interrupted while waiting for " + what);
        } finally {
            if (waited) {
                waits++;
                waitNanos += System.nanoTime() - start;
            }
            queue.remove(ticket);
            notifyAll();
        }
    }

    private boolean fits(Kind kind, long bytes) {
        return switch (kind) {
            case MEMORY -> bytesInUse + bytes <= budgetBytes;
            case BLOCK -> blocksInFlight < maxBlocksInFlight;
            case JOB -> jobs < maxJobs;
        };
    }

    private void take(Kind kind, long bytes) {
        switch (kind) {
            case MEMORY -> {
                bytesInUse += bytes;
                if (bytesInUse > budgetBytes) {
                    throw new IllegalStateException("governor accounting exceeded its budget: " + bytesInUse);
                }
                peakBytes = Math.max(peakBytes, bytesInUse);
            }
            case BLOCK -> blocksInFlight++;
            case JOB -> jobs++;
        }
    }

    synchronized void release(Kind kind, long bytes) {
        switch (kind) {
            case MEMORY -> bytesInUse -= bytes;
            case BLOCK -> blocksInFlight--;
            case JOB -> jobs--;
        }
        notifyAll();
    }

    enum Kind { MEMORY, BLOCK, JOB }
}
