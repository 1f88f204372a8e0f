package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.InvalidParameterException;
import org.rqlib.JobCancelledException;
import org.rqlib.limits.GovernorStats;
import org.rqlib.limits.JobControl;
import org.rqlib.store.MemorySymbolStore;

/** What a server expects of the library: per-call options, the original's names, futures, progress, counters, logs. */
class ServerApiTest {
    @TempDir
    Path work;

    private Path input(int size, long seed) throws Exception {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Path file = work.resolve("in-" + seed + ".bin");
        Files.write(file, data);
        return file;
    }

    @Test
    void perCallOptionsGiveWhatTheSameInstanceSettingsGive() throws Exception {
        Path input = input(2_000_000, 1);
        Path expected = work.resolve("instance");
        try (RaptorQ rq = RaptorQ.builder().symbolSize(4096).redundancyFactor(3).blockSize(700_000)
                .memoryLimit(64L << 20).build()) {
            rq.encodeFile(input, expected);
        }
        Path perCall = work.resolve("per-call");
        try (RaptorQ rq = RaptorQ.builder().memoryLimit(64L << 20).build()) {
            EncodeOptions options = EncodeOptions.defaults().withSymbolSize(4096).withRedundancyFactor(3)
                    .withBlockSize(700_000);
            assertEquals(3, rq.encodeFile(input, perCall, options, JobControl.none()).layout().blocks().size());
            Path defaults = work.resolve("defaults");
            assertEquals(1, rq.encodeFile(input, defaults).layout().blocks().size(),
                    "options of one call do not change the instance");
            assertThrows(InvalidParameterException.class, () -> rq.encodeFile(input, work.resolve("bad"),
                    EncodeOptions.defaults().withRedundancyFactor(256), JobControl.none()));
            assertThrows(InvalidParameterException.class, () -> rq.encodeFile(input, work.resolve("bad"),
                    EncodeOptions.defaults().withSymbolSize(70_000), JobControl.none()));
        }
        assertEquals(TestFiles.listing(expected), TestFiles.listing(perCall));
    }

    @Test
    void recommendedBlockSizeHasTheOriginalsSemanticsAndMemoryTakesItsUnits() {
        // the original: max_memory_mb 1024 -> S = 699050666 bytes; smaller files are not split (0)
        try (RaptorQ rq = RaptorQ.builder().maxMemoryMb(1024).symbolSize(65535).build()) {
            long s = (long) ((1024L << 20) / 1.5);
            assertEquals(0, rq.recommendedBlockSize(1000));
            assertEquals(0, rq.recommendedBlockSize(s - 1));
            assertEquals(s / 4 / 65535 * 65535, rq.recommendedBlockSize(s));
            assertEquals(s / 4 / 65535 * 65535, rq.recommendedBlockSize(50L << 30));
            assertEquals(1000, rq.blockSizeFor(1000), "what an encode uses: the whole small file");
            assertEquals(1024L << 20, rq.layoutSettings().layoutMemoryBytes());
        }
        try (RaptorQ rq = RaptorQ.builder().blockSize(1 << 20).build()) {
            assertEquals(0, rq.recommendedBlockSize(5L << 20), "like the original, the configured size is ignored");
            assertEquals(1 << 20, rq.blockSizeFor(5L << 20));
        }
        assertThrows(InvalidParameterException.class, () -> RaptorQ.builder().maxMemoryMb(-1));
        assertFalse(RaptorQ.version().isBlank());
    }

    @Test
    void asyncJobsRunOnTheCallersExecutorAndCancelThroughTheFuture() throws Exception {
        Path input = input(1_500_000, 2);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "caller-pool"));
        try (RaptorQ rq = RaptorQ.builder().symbolSize(8192).redundancyFactor(2).memoryLimit(64L << 20).build()) {
            List<String> threads = new CopyOnWriteArrayList<>();
            JobControl control = new JobControl((done, total) -> threads.add(Thread.currentThread().getName()));
            Path out = work.resolve("async");
            EncodeResult encoded = rq.encodeFileAsync(input, out, EncodeOptions.defaults(), control, executor)
                    .get(60, TimeUnit.SECONDS);
            assertTrue(threads.contains("caller-pool"), "the job ran on the caller's executor: " + threads);
            assertEquals(1_500_000, encoded.fileSize());

            MemorySymbolStore store = new MemorySymbolStore();
            rq.encodeAsync(Files.newInputStream(input), -1, store, EncodeOptions.defaults(), JobControl.none(),
                    executor).get(60, TimeUnit.SECONDS);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DecodeResult decoded = rq.decodeAsync(store, bytes, JobControl.none(), executor).get(60, TimeUnit.SECONDS);
            assertArrayEquals(Files.readAllBytes(input), bytes.toByteArray());
            assertEquals(1_500_000, decoded.stats().bytes());
            Path file = work.resolve("async-decoded.bin");
            rq.decodeFileAsync(out, file, JobControl.none(), executor).get(60, TimeUnit.SECONDS);
            assertArrayEquals(Files.readAllBytes(input), Files.readAllBytes(file));

            // cancel a job that is waiting to start: the future is cancelled and the job never writes
            CountDownLatch release = new CountDownLatch(1);
            executor.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            JobControl cancelled = new JobControl(null);
            Path never = work.resolve("never");
            CompletableFuture<EncodeResult> future = rq.encodeFileAsync(input, never, EncodeOptions.defaults(),
                    cancelled, executor);
            assertTrue(future.cancel(true));
            assertTrue(cancelled.isCancelled(), "cancelling the future cancels the job");
            release.countDown();
            assertThrows(CancellationException.class, future::join);
            executor.submit(() -> { }).get(60, TimeUnit.SECONDS);
            assertFalse(Files.exists(never));

            // a job cancelled through its control fails its future with JobCancelledException
            JobControl stopped = new JobControl(null);
            stopped.cancel();
            CompletableFuture<EncodeResult> failed = rq.encodeFileAsync(input, work.resolve("stopped"),
                    EncodeOptions.defaults(), stopped, executor);
            ExecutionException e = assertThrows(ExecutionException.class, () -> failed.get(60, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof JobCancelledException, e.toString());
            assertFalse(Files.exists(work.resolve("stopped")));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void countersPerJobAndPerInstanceAndReadOnlyGovernorFigures() throws Exception {
        Path input = input(1_000_000, 3);
        try (RaptorQ rq = RaptorQ.builder().symbolSize(8192).redundancyFactor(2).memoryLimit(64L << 20).build()) {
            Path out = work.resolve("out");
            EncodeResult encoded = rq.encodeFile(input, out);
            assertEquals(1_000_000, encoded.stats().bytes());
            assertEquals(encoded.symbolCount(), encoded.stats().symbols());
            assertTrue(encoded.stats().elapsedNanos() > 0);
            assertTrue(encoded.stats().governorWaitNanos() >= 0);

            // two corrupt symbol files and one missing
            List<String> ids = encoded.layout().blocks().get(0).symbols();   // source symbols first: always read
            Path block = out.resolve("block_0");
            Files.write(block.resolve(ids.get(0)), new byte[] {1, 2, 3});
            Files.write(block.resolve(ids.get(1)), new byte[8196]);
            Files.delete(block.resolve(ids.get(2)));
            DecodeResult decoded = rq.decodeFile(out, work.resolve("decoded.bin"));
            assertEquals(2, decoded.stats().corruptSymbolsSkipped());
            assertEquals(decoded.symbolsUsed(), decoded.stats().symbols());
            assertThrows(InvalidParameterException.class, () -> rq.encodeFile(input, out), "not empty");

            InstanceStats stats = rq.stats();
            assertEquals(2, stats.jobsSucceeded());
            assertEquals(1, stats.jobsFailed());
            assertEquals(1_000_000, stats.bytesEncoded());
            assertEquals(1_000_000, stats.bytesDecoded());
            assertEquals(encoded.symbolCount(), stats.symbolsWritten());
            assertEquals(decoded.symbolsUsed(), stats.symbolsRead());
            assertEquals(2, stats.corruptSymbolsSkipped());

            GovernorStats governor = rq.governor();
            assertEquals(RaptorQ.workingSetBudget(64L << 20), governor.budgetBytes());
            assertTrue(governor.peakBytes() > 0 && governor.peakBytes() <= governor.budgetBytes());
            assertEquals(0, governor.bytesInUse());
            assertEquals(0, governor.jobsRunning());
            assertEquals(0, governor.blocksInFlight());
            assertTrue(governor.waitNanos() >= 0);
            assertTrue(Stream.of(GovernorStats.class.getMethods()).noneMatch(m -> m.getName().equals("reserve")
                    || m.getName().startsWith("admit")), "the view cannot reserve or admit");
        }
    }

    @Test
    void aJobThatWaitsForTheGovernorCountsItsWait() throws Exception {
        Path input = input(3_000_000, 4);
        try (RaptorQ rq = RaptorQ.builder().symbolSize(8192).redundancyFactor(2).memoryLimit(64L << 20)
                .maxConcurrentJobs(1).build()) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            JobControl slow = new JobControl((done, total) -> {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ExecutorService executor = Executors.newFixedThreadPool(2);
            try {
                CompletableFuture<EncodeResult> first = rq.encodeFileAsync(input, work.resolve("a"),
                        EncodeOptions.defaults(), slow, executor);
                assertTrue(started.await(30, TimeUnit.SECONDS));
                CompletableFuture<EncodeResult> second = rq.encodeFileAsync(input, work.resolve("b"),
                        EncodeOptions.defaults(), JobControl.none(), executor);
                Thread.sleep(300);
                release.countDown();
                first.get(60, TimeUnit.SECONDS);
                EncodeResult waited = second.get(60, TimeUnit.SECONDS);
                assertTrue(waited.stats().governorWaitNanos() >= 200_000_000L,
                        "the second job waited for the only job slot: " + waited.stats());
                assertTrue(rq.governor().waitNanos() >= 200_000_000L);
                assertTrue(rq.stats().governorWaitNanos() >= 200_000_000L);
            } finally {
                release.countDown();
                executor.shutdownNow();
            }
        }
    }

    @Test
    void progressIsMonotonicAndReachesExactlyTheTotalWhenBlocksAreCodedInGroups() throws Exception {
        long size = 12L * 1024 * 1024 + 12345;   // N = 2 sub-blocks: coded a group at a time at 48m
        Path input = TestFiles.random(work, "groups.bin", size, 9);
        try (RaptorQ rq = RaptorQ.builder().redundancyFactor(2).memoryLimit(48L << 20).threads(2).build()) {
            Path out = work.resolve("groups");
            List<long[]> encodeCalls = new CopyOnWriteArrayList<>();
            rq.encodeFile(input, out, EncodeOptions.defaults(),
                    new JobControl((done, total) -> encodeCalls.add(new long[] {done, total})));
            assertMonotonicToTotal(encodeCalls, size);
            TestFiles.deleteFraction(out, 0.10, 6);
            List<long[]> decodeCalls = new CopyOnWriteArrayList<>();
            rq.decodeFile(out, out.resolve(RaptorQ.LAYOUT_FILE), work.resolve("groups-decoded.bin"),
                    new JobControl((done, total) -> decodeCalls.add(new long[] {done, total})));
            assertMonotonicToTotal(decodeCalls, size);
        }
    }

    private static void assertMonotonicToTotal(List<long[]> calls, long total) {
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(total, calls.get(i)[1], "total at call " + i);
            assertTrue(i == 0 || calls.get(i)[0] >= calls.get(i - 1)[0], "monotonic at call " + i);
        }
        assertEquals(total, calls.get(calls.size() - 1)[0], "ends at exactly the total");
    }

    @Test
    void jobsLogStartAtDebugAndEndAndFailureAtInfo() throws Exception {
        Logger logger = Logger.getLogger("org.rqlib");
        Level before = logger.getLevel();
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (records) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        boolean parents = logger.getUseParentHandlers();
        logger.setLevel(Level.ALL);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        try (RaptorQ rq = RaptorQ.builder().symbolSize(8192).memoryLimit(64L << 20).build()) {
            Path input = input(100_000, 5);
            rq.encodeFile(input, work.resolve("logged"));
            assertThrows(InvalidParameterException.class, () -> rq.encodeFile(input, work.resolve("logged")));
        } finally {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(parents);
            logger.setLevel(before);
        }
        List<String> lines = records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("FINE ") && l.contains("started: encode")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("INFO ") && l.contains("done: encode")
                && l.contains("100000 bytes")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("INFO ") && l.contains("failed: encode")
                && l.contains("not empty")), lines.toString());
        assertNotEquals(0, lines.size());
    }
}
