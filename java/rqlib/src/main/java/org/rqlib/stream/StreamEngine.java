package org.rqlib.stream;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.rqlib.RqlibIoException;
import org.rqlib.chunking.BlockPlanner;
import org.rqlib.chunking.BlockSpec;
import org.rqlib.codec.Codec;
import org.rqlib.io.InputSnapshot;
import org.rqlib.io.SymbolDirectoryReader;
import org.rqlib.io.SymbolSink;
import org.rqlib.layout.Layout;
import org.rqlib.layout.LayoutBlock;
import org.rqlib.limits.Governor;
import org.rqlib.limits.JobControl;
import org.rqlib.limits.Permit;

/**
 * Runs file encodes and decodes block by block under one {@link Governor}, on a worker pool of {@code threads}
 * daemon threads shared by all jobs. A job is admitted by the governor's job cap, each block by its block cap, and
 * every buffer by its memory budget. Thread-safe; close it to stop the pool.
 */
public final class StreamEngine implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Codec codec;
    private final Governor governor;
    private final int threads;
    private final ExecutorService pool;

    public StreamEngine(Codec codec, Governor governor, int threads) {
        this.codec = codec;
        this.governor = governor;
        this.threads = threads;
        int poolId = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "rqlib-" + poolId + "-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public Governor governor() {
        return governor;
    }

    /** Encodes {@code input} into symbols given to {@code sink}; returns the layout. */
    public Layout encode(Path input, BlockPlanner planner, SymbolSink sink, Path scratchDirectory,
            JobControl control) {
        JobContext ctx = new JobContext(codec, governor, pool, threads, control);
        try (Permit job = governor.admitJob(control.waitTimeoutMillis());
                FileChannel in = FileChannel.open(input, StandardOpenOption.READ)) {
            // the input must not change while it is read: checked after every block and at the end
            InputSnapshot snapshot = InputSnapshot.take(input, in);
            long size = snapshot.size();
            List<BlockSpec> blocks = planner.plan(size);
            control.start(size);
            List<LayoutBlock> entries = ParallelBlocks.run(blocks.size(), blockParallelism(), i -> {
                BlockSpec block = blocks.get(i);
                control.checkCancelled();
                try (Permit slot = governor.admitBlock(control.waitTimeoutMillis(), block.directoryName())) {
                    LayoutBlock entry = new BlockStreamEncoder(ctx, in, input, block, sink, scratchDirectory).encode();
                    snapshot.verify(in, "(after " + block.directoryName() + ")");
                    return entry;
                }
            });
            snapshot.verify(in, "(at the end)");
            return new Layout(entries);
        } catch (IOException e) {
            throw new RqlibIoException("reading " + input, e);
        }
    }

    /** Decodes every block of {@code layout} into {@code output}, which is at least the file's size. */
    public void decode(SymbolDirectoryReader symbols, Layout layout, FileChannel output, Path outputPath,
            Path scratchDirectory, JobControl control) {
        JobContext ctx = new JobContext(codec, governor, pool, threads, control);
        try (Permit job = governor.admitJob(control.waitTimeoutMillis())) {
            control.start(layout.fileSize());
            List<LayoutBlock> blocks = layout.blocks();
            ParallelBlocks.run(blocks.size(), blockParallelism(), i -> {
                LayoutBlock block = blocks.get(i);
                control.checkCancelled();
                try (Permit slot = governor.admitBlock(control.waitTimeoutMillis(), block.directoryName())) {
                    new BlockStreamDecoder(ctx, symbols, block, output, outputPath, scratchDirectory).decode();
                }
                return block;
            });
        }
    }

    /** Blocks one job codes at once: one per thread, within the governor's cap on blocks in flight. */
    private int blockParallelism() {
        return Math.min(threads, governor.maxBlocksInFlight());
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
