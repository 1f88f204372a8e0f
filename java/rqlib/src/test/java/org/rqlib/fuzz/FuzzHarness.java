package org.rqlib.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.rqlib.RqlibException;

/**
 * Runs a {@link FuzzTarget} over seeded inputs. Each input runs on a worker thread under a timeout, so a hang is a
 * finding rather than a stuck build. An input passes when the target returns or throws an exception the
 * {@code accepted} predicate allows (by default any {@link RqlibException}); any other exception, any
 * {@link Error} (OutOfMemoryError included) and a timeout are findings. Each finding's input is saved under
 * {@code target/fuzz-findings/} and reported with the seed that reproduces it. Not thread-safe.
 */
public final class FuzzHarness {
    /** Findings after which a run stops: the first few say enough and keep the report short. */
    private static final int MAX_FINDINGS = 5;

    private final String name;
    private final FuzzBudget budget;
    private final long timeoutMillis;
    private Predicate<Throwable> accepted = e -> e instanceof RqlibException;

    public FuzzHarness(String name, FuzzBudget budget, long timeoutMillis) {
        this.name = name;
        this.budget = budget;
        this.timeoutMillis = timeoutMillis;
    }

    /** Which exceptions count as a clean rejection of the input. */
    public FuzzHarness accepting(Predicate<Throwable> predicate) {
        this.accepted = predicate;
        return this;
    }

    public FuzzReport run(FuzzTarget target) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "fuzz-" + name);
            thread.setDaemon(true);
            return thread;
        });
        Map<String, Long> rejections = new TreeMap<>();
        List<String> findings = new ArrayList<>();
        long start = System.nanoTime();
        long done = 0;
        long passed = 0;
        try {
            for (; budget.more(done, start) && findings.size() < MAX_FINDINGS; done++) {
                long seed = budget.inputSeed(done);
                FuzzSample sample = new FuzzSample();
                Future<?> result = worker.submit(() -> {
                    target.run(new Random(seed), sample);
                    return null;
                });
                Throwable failure = await(result);
                if (failure == null) {
                    passed++;
                } else if (failure instanceof TimeoutException) {
                    findings.add(report(done, seed, sample, "no result within " + timeoutMillis + " ms (hang)", null));
                    // the worker may be stuck for good: stop here rather than queue behind it
                    break;
                } else if (!(failure instanceof Error) && accepted.test(failure)) {
                    rejections.merge(failure.getClass().getSimpleName(), 1L, Long::sum);
                } else {
                    findings.add(report(done, seed, sample, failure.toString(), failure));
                }
            }
        } finally {
            worker.shutdownNow();
        }
        FuzzReport report = new FuzzReport(name, budget.seed(), done, passed, rejections, findings,
                (System.nanoTime() - start) / 1_000_000);
        System.out.println(report.summary());
        return report;
    }

    private Throwable await(Future<?> result) {
        try {
            result.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            result.cancel(true);
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private String report(long index, long seed, FuzzSample sample, String what, Throwable failure) {
        Path saved = save(index, sample);
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.printf("%s input %d (base seed %d, input seed %d): %s%n  input: %s%n  saved: %s%n", name, index,
                budget.seed(), seed, what, sample.description(), saved);
        if (failure != null) {
            failure.printStackTrace(out);
        }
        out.flush();
        return text.toString();
    }

    private Path save(long index, FuzzSample sample) {
        try {
            Path dir = Path.of("target", "fuzz-findings");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + "-" + budget.seed() + "-" + index + ".bin");
            Files.write(file, sample.bytes());
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
