package org.rqlib.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rqlib.api.RaptorQ;
import org.rqlib.kernel.DirectBuffers;
import org.rqlib.kernel.Kernels;

/**
 * The soak driver behind {@code ci/soak}: for SOAK_SECONDS (default 60), SOAK_WORKERS threads (default 4) run
 * {@link SoakJob}s against ONE {@link RaptorQ} with a small budget (48 MiB, at most 3 jobs at once, so workers also
 * wait on the governor). Afterwards, with the instance closed, it checks that nothing is left: no new thread, no
 * direct buffer (rqlib's own count, and the JVM's "direct" pool against the start), no open file descriptor, no
 * file in the soak folder, no byte reserved in the governor. The last line is {@code N verified, M lost, L leaked};
 * the exit status is 1 when M or L is not 0. SOAK_SEED fixes the randomness (printed either way).
 */
public final class SoakMain {
    private SoakMain() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(env("SOAK_SECONDS", "60"));
        int workers = Integer.parseInt(env("SOAK_WORKERS", "4"));
        long seed = Long.parseLong(env("SOAK_SEED", Long.toString(System.nanoTime())));
        Path work = Files.createTempDirectory("rqlib-soak");
        System.out.printf("soak: %d s, %d workers, seed %d, kernel %s, folder %s%n", seconds, workers, seed,
                Kernels.selected().name(), work);

        warmUpJdk(work);
        ResourceSnapshot before = ResourceSnapshot.take(work);
        SoakTally tally = new SoakTally();
        ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor();
        RaptorQ rq = RaptorQ.builder().symbolSize(1024).redundancyFactor(2).blockSize(512 << 10)
                .memoryLimit(48L << 20).threads(2).maxConcurrentJobs(3).kernel(Kernels.selected()).build();
        long budget = rq.governor().budgetBytes();
        runWorkers(rq, work, canceller, tally, workers, seconds, seed);
        long peak = rq.governor().peakBytes();
        long reservedAtEnd = rq.governor().bytesInUse();
        rq.close();
        canceller.shutdownNow();
        canceller.awaitTermination(10, TimeUnit.SECONDS);

        List<String> leaks = leaks(before, work, reservedAtEnd);
        System.out.println("events: " + tally.events());
        System.out.printf("governor: budget %d bytes, peak %d bytes%s%n", budget, peak,
                peak > budget ? " (OVER BUDGET)" : "");
        if (peak > budget) {
            tally.lost("the governor's peak " + peak + " exceeded its budget " + budget);
        }
        tally.reasons().forEach(r -> System.out.println("lost: " + r));
        leaks.forEach(l -> System.out.println("leaked: " + l));
        deleteIfEmpty(work);
        System.out.printf("%d verified, %d lost, %d leaked%n", tally.verified(), tally.lost(), leaks.size());
        System.exit(tally.lost() == 0 && leaks.isEmpty() ? 0 : 1);
    }

    private static void runWorkers(RaptorQ rq, Path work, ScheduledExecutorService canceller, SoakTally tally,
            int workers, long seconds, long seed) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong jobs = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Random random = new Random(seed + w);
            SoakJob job = new SoakJob(rq, work, canceller, tally);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long id = jobs.incrementAndGet();
                    try {
                        job.run(random, "job-" + id);
                    } catch (RuntimeException | Error e) {
                        tally.lost("job-" + id + ": " + e);
                    }
                }
            }, "soak-worker-" + w);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.println("jobs run: " + jobs.get());
    }

    /** Everything still held after the run, one line each; waits a little for threads and buffers to go. */
    private static List<String> leaks(ResourceSnapshot before, Path work, long reservedAtEnd)
            throws InterruptedException {
        ResourceSnapshot after = ResourceSnapshot.take(work);
        for (int i = 0; i < 50 && !after.newThreads(before).isEmpty(); i++) {
            Thread.sleep(100);
            after = ResourceSnapshot.take(work);
        }
        // buffers rqlib freed but keeps for reuse are not leaks; buffers nobody references any more go at GC
        DirectBuffers.releaseCached();
        System.gc();
        Thread.sleep(200);
        after = ResourceSnapshot.take(work);
        List<String> leaks = new ArrayList<>();
        after.newThreads(before).forEach(t -> leaks.add("thread " + t));
        if (DirectBuffers.outstandingCount() > 0) {
            leaks.add(DirectBuffers.outstandingCount() + " direct buffers allocated by rqlib and never freed");
        }
        if (after.directCount() > before.directCount()) {
            leaks.add("JVM direct buffer pool: " + before.directCount() + " buffers (" + before.directBytes()
                    + " bytes) at the start, " + after.directCount() + " (" + after.directBytes() + " bytes) now");
        }
        after.newOpenFiles(before).forEach(f -> leaks.add("open file descriptor: " + f));
        after.files().forEach(f -> leaks.add("file left in the soak folder: " + f));
        if (reservedAtEnd != 0) {
            leaks.add("governor still reserves " + reservedAtEnd + " bytes with no job running");
        }
        return leaks;
    }

    /**
     * The JDK opens some descriptors once per process on first use and keeps them (FileChannel's pre-close socket
     * pair, the random source of temporary file names): use them before the baseline so they do not count as leaks.
     */
    private static void warmUpJdk(Path work) throws IOException {
        Path probe = Files.createTempFile(work, "warm-up", ".tmp");
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(probe,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.allocate(1));
        }
        Files.delete(probe);
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
