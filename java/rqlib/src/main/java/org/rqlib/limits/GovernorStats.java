package org.rqlib.limits;

/**
 * Read-only figures of a {@link Governor}, live: its limits, what is reserved now and at most so far, and how long
 * callers have waited. What a server exports as metrics; admitting and reserving stay inside rqlib. Thread-safe.
 */
public final class GovernorStats {
    private final Governor governor;

    GovernorStats(Governor governor) {
        this.governor = governor;
    }

    /** Bytes the working sets of all jobs may reserve at once. */
    public long budgetBytes() {
        return governor.budgetBytes();
    }

    public int maxBlocksInFlight() {
        return governor.maxBlocksInFlight();
    }

    public int maxJobs() {
        return governor.maxJobs();
    }

    /** Bytes reserved now. */
    public long bytesInUse() {
        return governor.bytesInUse();
    }

    /** The most bytes ever reserved at once; never above the budget. */
    public long peakBytes() {
        return governor.peakBytes();
    }

    public int jobsRunning() {
        return governor.jobsRunning();
    }

    public int blocksInFlight() {
        return governor.blocksInFlight();
    }

    /** Nanoseconds callers have spent waiting for a job slot, a block slot or memory, all together. */
    public long waitNanos() {
        return governor.waitNanos();
    }

    /** Requests that had to wait at least once. */
    public long waits() {
        return governor.waits();
    }

    @Override
    public String toString() {
        return "GovernorStats[budget=" + budgetBytes() + ", inUse=" + bytesInUse() + ", peak=" + peakBytes()
                + ", jobs=" + jobsRunning() + "/" + maxJobs() + ", blocks=" + blocksInFlight() + "/"
                + maxBlocksInFlight() + ", waitNanos=" + waitNanos() + "]";
    }
}
