package org.rqlib.api;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the jobs of one {@link RaptorQ}: logs each one's start (DEBUG), end and failure (INFO) through the
 * {@code System.Logger} named {@code org.rqlib}, and adds its {@link JobStats} to the instance's counters.
 * Thread-safe.
 */
final class JobRecorder {
    static final System.Logger LOG = System.getLogger("org.rqlib");
    private static final AtomicLong IDS = new AtomicLong();

    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder bytesEncoded = new LongAdder();
    private final LongAdder bytesDecoded = new LongAdder();
    private final LongAdder symbolsWritten = new LongAdder();
    private final LongAdder symbolsRead = new LongAdder();
    private final LongAdder corrupt = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();

    /** Runs an encode ({@code encode} true) or decode described as {@code what}; {@code stats} reads its result. */
    <T> T run(boolean encode, String what, Supplier<T> job, Function<T, JobStats> stats) {
        long id = IDS.incrementAndGet();
        LOG.log(Level.DEBUG, () -> "rqlib job " + id + " started: " + what);
        T result;
        try {
            result = job.get();
        } catch (RuntimeException | Error e) {
            failed.increment();
            LOG.log(Level.INFO, () -> "rqlib job " + id + " failed: " + what + ": " + e);
            throw e;
        }
        JobStats s = stats.apply(result);
        succeeded.increment();
        (encode ? bytesEncoded : bytesDecoded).add(s.bytes());
        (encode ? symbolsWritten : symbolsRead).add(s.symbols());
        corrupt.add(s.corruptSymbolsSkipped());
        waitNanos.add(s.governorWaitNanos());
        LOG.log(Level.INFO, () -> "rqlib job " + id + " done: " + what + ": " + s.bytes() + " bytes, " + s.symbols()
                + " symbols, " + s.corruptSymbolsSkipped() + " corrupt skipped, " + s.governorWaitNanos() / 1_000_000
                + " ms waiting for memory or slots, " + s.elapsedNanos() / 1_000_000 + " ms");
        return result;
    }

    InstanceStats snapshot() {
        return new InstanceStats(succeeded.sum(), failed.sum(), bytesEncoded.sum(), bytesDecoded.sum(),
                symbolsWritten.sum(), symbolsRead.sum(), corrupt.sum(), waitNanos.sum());
    }
}
