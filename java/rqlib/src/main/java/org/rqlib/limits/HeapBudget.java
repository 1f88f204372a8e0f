package org.rqlib.limits;

import java.util.ArrayList;
import java.util.List;
import org.rqlib.JobCancelledException;
import org.rqlib.ResourceLimitException;
import org.rqlib.codec.SolveGate;

/**
 * The Java heap of this JVM, shared by what rqlib keeps there in bulk: the symbol ids each running job holds in
 * the heap (all of a small layout's; of a large one, up to a threshold plus the blocks in flight, the rest spilled
 * to disk: {@code api.JobHeap}) and the solver's matrices and plan while a block is solved (seconds). The governor
 * counts working sets in direct memory; this counts the heap, which is one per JVM, so there is one instance.
 *
 * <p>A job is admitted only if its layout plus the largest solve of any admitted job fit beside the layouts
 * already held, so it is refused with a {@link ResourceLimitException} before any work instead of failing with an
 * OutOfMemoryError after hours. Solves wait for each other when two do not fit together (two threads solving
 * blocks of 51,200 symbols at 64m), and never wait for a layout, so they cannot deadlock. Thread-safe.
 */
public final class HeapBudget {
    /** Heap the JVM, rqlib's classes and small per-job objects use whatever the file. */
    public static final long BASELINE_BYTES = 12L << 20;
    /**
     * Peak heap per intermediate symbol of one solve: the plan being built (about 26 operations of 12 bytes a
     * symbol, twice while it is copied out of its chunks), the sparse rows and the inactive columns' bit matrix.
     * Measured at K = 51,200 (L = 52,270): at most 57 MiB live after any collection, 6.5 of them the layout's
     * ids, so solve and baseline took 50.5 MiB where this rule reserves 47 + 12.
     */
    public static final long SOLVER_BYTES_PER_SYMBOL = SolveGate.SOLVER_BYTES_PER_SYMBOL;

    /** Made on first use: only JVM callers ever ask (the browser build's codec never reaches this class). */
    private static final class Jvm {
        static final HeapBudget INSTANCE = new HeapBudget(Runtime.getRuntime().maxMemory() - BASELINE_BYTES);
    }

    private final long capacity;
    private final List<Job> jobs = new ArrayList<>();
    private long layoutBytes;
    private long solveBytes;

    HeapBudget(long capacity) {
        this.capacity = Math.max(1L << 20, capacity);
    }

    /** The budget of this JVM's heap. */
    public static HeapBudget jvm() {
        return Jvm.INSTANCE;
    }

    /** Heap one solve of a block of {@code intermediateSymbols} (L) symbols may peak at. */
    public static long solverBytes(int intermediateSymbols) {
        return SolveGate.solveHeapBytes(intermediateSymbols);
    }

    public long capacity() {
        return capacity;
    }

    /** Heap a layout being read may still give its ids, leaving room for one solve of {@code solveBytes}. */
    public synchronized long layoutAllowance(long solveBytes) {
        return Math.max(0, capacity - layoutBytes - Math.max(solveBytes, largestSolve()));
    }

    /**
     * Admits a job that will hold {@code layoutBytes} of ids and solve blocks needing up to {@code solveBytes}.
     *
     * @throws ResourceLimitException naming the heap that would do, when they do not fit beside the jobs running
     */
    public synchronized Job admit(String what, long layoutBytes, long solveBytes) {
        checkFits(what, layoutBytes, solveBytes, layoutBytes, largestSolve(), this.layoutBytes);
        Job job = new Job(layoutBytes, solveBytes);
        jobs.add(job);
        this.layoutBytes += layoutBytes;
        return job;
    }

    /**
     * Throws unless {@code more} bytes of layout fit beside {@code held} bytes of layouts and the largest solve;
     * the message names the whole job ({@code jobLayout} of ids, {@code jobSolve}) and a limit that would do.
     */
    private void checkFits(String what, long more, long jobSolve, long jobLayout, long largestSolve, long held) {
        long free = capacity - held;
        if (more + Math.max(jobSolve, largestSolve) > free) {
            long heapNeeded = jobLayout + jobSolve + BASELINE_BYTES;
            throw new ResourceLimitException(what + " needs about " + mib(heapNeeded) + " MiB of Java heap ("
                    + mib(jobLayout) + " MiB for the layout's symbol ids, " + mib(jobSolve)
                    + " MiB for its solves, " + mib(BASELINE_BYTES) + " MiB baseline), but "
                    + mib(free + jobLayout - more) + " MiB of this JVM's " + mib(capacity + BASELINE_BYTES)
                    + " MiB are free for it" + (held > jobLayout - more ? " beside the jobs running" : "")
                    + ": a memory limit of " + MemoryLimits.limitMibForHeap(heapNeeded) + "m would do (the rq"
                    + " launcher gives the heap a quarter of the limit, half of a small one), or a larger -Xmx");
        }
    }

    private long largestSolve() {
        long largest = 0;
        for (Job job : jobs) {
            largest = Math.max(largest, job.solveBytes);
        }
        return largest;
    }

    /**
     * Waits until a solve of {@code bytes} fits beside the solves running, and takes it; a request larger than
     * all that the layouts leave is cut to that (it then runs alone). Close the result when the solve is done.
     *
     * @throws ResourceLimitException naming the limit that would do, when the solve is larger than this whole
     *     budget: it could only end in an OutOfMemoryError (a job admitted here never asks that; a solve nothing
     *     admitted, such as {@code rq packets decode}'s, can)
     */
    public Solve startSolve(long bytes) {
        if (bytes > capacity) {
            throw new ResourceLimitException("solving a block needs about " + mib(bytes) + " MiB of Java heap, but "
                    + "this JVM's heap holds " + mib(capacity + BASELINE_BYTES) + " MiB: a memory limit of "
                    + MemoryLimits.limitMibForHeap(bytes + BASELINE_BYTES) + "m would do, or a larger -Xmx");
        }
        synchronized (this) {
            long granted;
            try {
                while (true) {
                    granted = Math.max(0, Math.min(bytes, capacity - layoutBytes));
                    if (solveBytes == 0 || solveBytes + granted <= capacity - layoutBytes) {
                        break;
                    }
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobCancelledException("interrupted while waiting for heap to solve a block");
            }
            solveBytes += granted;
            return new Solve(granted);
        }
    }

    public synchronized long layoutBytesInUse() {
        return layoutBytes;
    }

    public synchronized long solveBytesInUse() {
        return solveBytes;
    }

    private static long mib(long bytes) {
        return (bytes + (1L << 20) - 1) >> 20;
    }

    /** A job's hold on the heap: release it when the job ends, however it ends. */
    public final class Job implements AutoCloseable {
        private long layoutBytes;
        private final long solveBytes;
        private boolean closed;

        private Job(long layoutBytes, long solveBytes) {
            this.layoutBytes = layoutBytes;
            this.solveBytes = solveBytes;
        }

        /**
         * Grows this job's layout to {@code bytes} of ids when it holds less: for a stream of unknown length,
         * whose ids are known a block at a time. Nothing changes when they do not fit.
         *
         * @throws ResourceLimitException naming the heap that would do, when they do not fit beside the jobs running
         */
        public void ensureLayoutBytes(long bytes, String what) {
            synchronized (HeapBudget.this) {
                long more = bytes - layoutBytes;
                if (closed || more <= 0) {
                    return;
                }
                checkFits(what, more, solveBytes, bytes, largestSolve(), HeapBudget.this.layoutBytes);
                layoutBytes = bytes;
                HeapBudget.this.layoutBytes += more;
            }
        }

        public long layoutBytes() {
            synchronized (HeapBudget.this) {
                return layoutBytes;
            }
        }

        @Override
        public void close() {
            synchronized (HeapBudget.this) {
                if (!closed) {
                    closed = true;
                    jobs.remove(this);
                    HeapBudget.this.layoutBytes -= layoutBytes;
                    HeapBudget.this.notifyAll();
                }
            }
        }
    }

    /** One solve's hold on the heap. */
    public final class Solve implements AutoCloseable {
        private final long bytes;
        private boolean closed;

        private Solve(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void close() {
            synchronized (HeapBudget.this) {
                if (!closed) {
                    closed = true;
                    solveBytes -= bytes;
                    HeapBudget.this.notifyAll();
                }
            }
        }
    }
}
