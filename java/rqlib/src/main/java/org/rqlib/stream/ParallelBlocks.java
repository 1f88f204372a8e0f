package org.rqlib.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.rqlib.JobCancelledException;

/**
 * Runs the blocks of one job, several at once when the job may use several threads: blocks are independent
 * RaptorQ objects, so a file of many blocks keeps every thread busy even where one block's sub-blocks would not.
 * Each block is coordinated by a thread of its own (created for the job and stopped with it), because a
 * coordinator waits for its tasks on the shared worker pool and must not occupy a worker while it does. The
 * governor's block cap and memory budget still apply to every block.
 *
 * <p>When a block fails, the others run to their end before the first failure is rethrown, so that the caller's
 * clean-up never races with writes still in flight. Results come back in block order. Used by one thread.
 */
final class ParallelBlocks {
    private static final AtomicInteger JOBS = new AtomicInteger();

    private ParallelBlocks() {
    }

    /** Runs {@code block.apply(i)} for i in [0, count), at most {@code parallelism} at once. */
    static <T> List<T> run(int count, int parallelism, IntFunction<T> block) {
        List<T> results = new ArrayList<>(count);
        if (parallelism <= 1 || count <= 1) {
            for (int i = 0; i < count; i++) {
                results.add(block.apply(i));
            }
            return results;
        }
        int job = JOBS.incrementAndGet();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ExecutorService coordinators = Executors.newFixedThreadPool(Math.min(parallelism, count), r -> {
            Thread t = new Thread(r, "rqlib-job-" + job + "-block-" + (threads.size() + 1));
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(coordinators.submit(() -> block.apply(index)));
            }
            Throwable first = null;
            for (Future<T> future : futures) {
                try {
                    T result = awaitUninterruptibly(future);
                    results.add(result);
                } catch (ExecutionException e) {
                    first = first == null ? e.getCause() : first;
                }
            }
            if (first instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (first instanceof Error error) {
                throw error;
            }
            if (first != null) {
                throw new IllegalStateException("block failed", first);
            }
            return results;
        } finally {
            coordinators.shutdown();
            awaitTermination(coordinators, threads);
        }
    }

    /** Waits for a block even when interrupted: its writes must end before the job cleans up. */
    private static <T> T awaitUninterruptibly(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits until the coordinator threads have ended, not only their tasks: a pool reports termination while
     * its last threads are still exiting, and a job must not return with threads of its own alive.
     */
    private static void awaitTermination(ExecutorService coordinators, List<Thread> threads) {
        try {
            if (!coordinators.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new JobCancelledException("block coordinators did not stop within a minute");
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
