package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Eight jobs on one instance with a small budget: the governor never hands out more, and every output is right. */
@ExtendWith(NoBufferFreedTwice.class)
class ConcurrentJobsTest {

    @TempDir
    Path work;

    @Test
    void eightJobsStayInsideTheBudget() throws Exception {
        try (RaptorQ rq = RaptorQ.builder().symbolSize(4096).redundancyFactor(2).memoryLimit(64L << 20).threads(2)
                .maxConcurrentJobs(3).build()) {
            long budget = rq.governor().budgetBytes();
            AtomicLong observedPeak = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Thread watcher = new Thread(() -> {
                while (!stop.get()) {
                    observedPeak.accumulateAndGet(rq.governor().bytesInUse(), Math::max);
                    Thread.onSpinWait();
                }
            });
            watcher.start();
            ExecutorService callers = Executors.newFixedThreadPool(8);
            List<Future<?>> jobs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int job = i;
                jobs.add(callers.submit(() -> {
                    Path input = TestFiles.random(work, "in" + job, 3_000_000 + job * 77_777L, 100 + job);
                    Path out = work.resolve("out" + job);
                    rq.encodeFile(input, out);
                    TestFiles.deleteFraction(out, 0.05, job);
                    Path decoded = work.resolve("dec" + job);
                    rq.decodeFile(out, decoded);
                    assertEquals(GoldenVectorsTest.sha256(input), GoldenVectorsTest.sha256(decoded), "job " + job);
                    return null;
                }));
            }
            for (Future<?> f : jobs) {
                f.get(120, TimeUnit.SECONDS);
            }
            stop.set(true);
            watcher.join();
            callers.shutdown();
            assertTrue(rq.governor().peakBytes() > 0, "the jobs reserved memory");
            assertTrue(rq.governor().peakBytes() <= budget, "peak " + rq.governor().peakBytes() + " > " + budget);
            assertTrue(observedPeak.get() <= budget);
            assertEquals(0, rq.governor().bytesInUse(), "every reservation was given back");
        }
    }
}
