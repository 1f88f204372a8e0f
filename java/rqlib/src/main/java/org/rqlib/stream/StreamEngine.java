package org.rqlib.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.rqlib.InvalidParameterException;
import org.rqlib.LayoutException;
import org.rqlib.RqlibIoException;
import org.rqlib.chunking.BlockPlanner;
import org.rqlib.chunking.BlockSpec;
import org.rqlib.codec.Codec;
import org.rqlib.io.InputSnapshot;
import org.rqlib.io.ScratchFile;
import org.rqlib.io.SymbolSource;
import org.rqlib.io.SymbolSink;
import org.rqlib.layout.BlockIdStore;
import org.rqlib.layout.Layout;
import org.rqlib.layout.LayoutBlock;
import org.rqlib.layout.SymbolIds;
import org.rqlib.limits.Governor;
import org.rqlib.limits.HeapBudget;
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

    /** Encodes {@code input} into symbols given to {@code sink}; returns the layout, every id in the heap. */
    public Layout encode(Path input, BlockPlanner planner, SymbolSink sink, Path scratchDirectory,
            JobControl control) {
        return encode(input, planner, sink, BlockIdStore.inHeap(), scratchDirectory, control);
    }

    /**
     * Encodes {@code input} into symbols given to {@code sink}; returns the layout, each block kept in {@code ids}
     * as soon as it is coded, so that only the blocks being coded have their ids in the heap for certain.
     */
    public Layout encode(Path input, BlockPlanner planner, SymbolSink sink, BlockIdStore ids, Path scratchDirectory,
            JobControl control) {
        JobContext ctx = new JobContext(codec, governor, pool, threads, control);
        try (Permit job = admitJob(control);
                FileChannel in = FileChannel.open(input, StandardOpenOption.READ)) {
            // the input must not change while it is read: checked after every block and at the end
            InputSnapshot snapshot = InputSnapshot.take(input, in);
            long size = snapshot.size();
            List<BlockSpec> blocks = planner.plan(size);
            control.start(size);
            List<LayoutBlock> entries = ParallelBlocks.run(blocks.size(), blockParallelism(), i -> {
                BlockSpec block = blocks.get(i);
                control.checkCancelled();
                try (Permit slot = admitBlock(control, block.directoryName())) {
                    LayoutBlock entry = new BlockStreamEncoder(ctx, in, input, block, sink, scratchDirectory).encode();
                    snapshot.verify(in, "(after " + block.directoryName() + ")");
                    return ids.keep(entry);
                }
            });
            snapshot.verify(in, "(at the end)");
            return new Layout(entries);
        } catch (IOException e) {
            throw new RqlibIoException("reading " + input, e);
        }
    }

    /** Decodes every block of {@code layout} into {@code output}, which is at least the file's size. */
    public void decode(SymbolSource symbols, Layout layout, FileChannel output, Path outputPath,
            Path scratchDirectory, JobControl control) {
        JobContext ctx = new JobContext(codec, governor, pool, threads, control);
        try (Permit job = admitJob(control)) {
            control.start(layout.fileSize());
            List<LayoutBlock> blocks = layout.blocks();
            ParallelBlocks.run(blocks.size(), blockParallelism(), i -> {
                LayoutBlock block = blocks.get(i);
                control.checkCancelled();
                try (Permit slot = admitBlock(control, block.directoryName())) {
                    new BlockStreamDecoder(ctx, symbols, block, output, outputPath, scratchDirectory).decode();
                }
                return block;
            });
        }
    }

    /**
     * Encodes {@code length} bytes of a stream ({@code -1}: until it ends) into symbols given to {@code sink};
     * returns the layout, the same as a file of those bytes gives. Each block is spooled to a scratch file in
     * {@code scratchDirectory} before it is coded, because coding it may read its bytes more than once; with an
     * unknown length the spool first holds what the block plan needs to see ({@link BlockPlanner#blockSizeHorizon}).
     * Blocks are coded one after the other, each with the job's threads.
     */
    public Layout encode(ReadableByteChannel in, long length, String source, BlockPlanner planner, SymbolSink sink,
            Path scratchDirectory, JobControl control) {
        return encode(in, length, source, planner, sink, scratchDirectory, control, null, BlockIdStore.inHeap());
    }

    /**
     * {@link #encode(ReadableByteChannel, long, String, BlockPlanner, SymbolSink, Path, JobControl)} whose ids are
     * counted in {@code heap} (when not null) block by block, each before it is coded: a stream of unknown length
     * that outgrows the heap fails with {@link org.rqlib.ResourceLimitException}, not an OutOfMemoryError. Each
     * block is kept in {@code ids} once coded; what the heap must hold is what {@code ids} keeps there plus the
     * block being coded.
     */
    public Layout encode(ReadableByteChannel in, long length, String source, BlockPlanner planner, SymbolSink sink,
            Path scratchDirectory, JobControl control, HeapBudget.Job heap, BlockIdStore ids) {
        if (length < -1) {
            throw new InvalidParameterException("stream length " + length + " must be >= 0, or -1 when unknown");
        }
        JobContext ctx = new JobContext(codec, governor, pool, threads, control);
        try (Permit job = admitJob(control);
                Permit buffer = ctx.reserve(InputSpool.BUFFER_BYTES, "reading " + source);
                InputSpool spool = new InputSpool(in, source, scratchDirectory)) {
            List<LayoutBlock> entries = new ArrayList<>();
            long allIds = 0;
            long blockSize;
            if (length >= 0) {
                planner.plan(length);   // rejects an empty stream and impossible settings before reading
                blockSize = planner.blockSizeFor(length);
            } else {
                long seen = spool.fill(planner.blockSizeHorizon());
                if (seen == 0) {
                    throw new InvalidParameterException(source + " is empty: an empty file cannot be encoded");
                }
                blockSize = planner.blockSizeFor(spool.ended() ? seen : planner.blockSizeHorizon());
            }
            control.start(length);
            for (long offset = 0; ; offset += blockSize) {
                control.checkCancelled();
                long end = length >= 0 ? Math.min(length, offset + blockSize) : offset + blockSize;
                long got = spool.fill(end);
                if (length >= 0 && got < end) {
                    throw new InvalidParameterException(source + " ended after " + got + " bytes; its length was"
                            + " given as " + length);
                }
                if (got <= offset) {
                    break;
                }
                BlockSpec block = planner.block(entries.size(), offset, Math.min(end, got) - offset);
                allIds += block.symbolCount();
                if (heap != null) {
                    long held = ids.heapIds() + block.symbolCount();
                    heap.ensureLayoutBytes(SymbolIds.heapBytes(held), "encoding " + source + " (" + allIds
                            + " symbols in its first " + (entries.size() + 1) + " blocks, " + held
                            + " of them held in the heap)");
                }
                if (length < 0 && spool.atEnd() && block.offset() + block.length() == spool.end()) {
                    control.total(spool.end());
                }
                try (Permit slot = admitBlock(control, block.directoryName())) {
                    entries.add(ids.keep(new BlockStreamEncoder(ctx, spool.channel(), spool.base(), spool.path(),
                            block, sink, scratchDirectory).encode()));
                }
                spool.dropBefore(block.offset() + block.length());
                if (length >= 0 && block.offset() + block.length() == length) {
                    if (!spool.atEnd()) {
                        throw new InvalidParameterException(source + " has more than the " + length
                                + " bytes given as its length");
                    }
                    break;
                }
            }
            return new Layout(entries);
        }
    }

    /**
     * Decodes the blocks of {@code layout} in file order and writes each to {@code out} once it is whole and its
     * BLAKE3 matches the layout: a block that cannot be decoded or verified fails the job before any of its
     * bytes are written. Each block is decoded into a scratch file in {@code scratchDirectory} first.
     */
    public void decode(SymbolSource symbols, Layout layout, WritableByteChannel out, Path scratchDirectory,
            JobControl control) {
        JobContext ctx = new JobContext(codec, governor, pool, threads, control);
        try (Permit job = admitJob(control);
                ScratchFile scratch = new ScratchFile(scratchDirectory, "block")) {
            control.start(layout.fileSize());
            long offset = 0;
            for (LayoutBlock block : layout.blocks()) {
                control.checkCancelled();
                if (block.originalOffset() != offset) {
                    throw new LayoutException("blocks[" + block.blockId() + "].original_offset", "is "
                            + block.originalOffset() + " where the previous blocks end at " + offset);
                }
                FileChannel channel = scratch.channel();
                try {
                    channel.truncate(0);
                    channel.write(ByteBuffer.allocate(1), block.size() - 1);
                } catch (IOException e) {
                    throw new RqlibIoException("sizing " + scratch + " for " + block.directoryName(), e);
                }
                try (Permit slot = admitBlock(control, block.directoryName())) {
                    new BlockStreamDecoder(ctx, symbols, block, channel, offset, scratch.path(), scratchDirectory)
                            .decode();
                }
                copy(channel, block.size(), out, scratch);
                offset += block.size();
            }
        }
    }

    private static void copy(FileChannel from, long size, WritableByteChannel to, ScratchFile scratch) {
        try {
            for (long done = 0; done < size; ) {
                long n = from.transferTo(done, size - done, to);
                if (n <= 0 && from.size() < size) {
                    throw new IOException("scratch file shrank to " + from.size() + " bytes");
                }
                done += n;
            }
        } catch (IOException e) {
            throw new RqlibIoException("writing the decoded bytes of " + scratch + " to the output stream", e);
        }
    }

    private Permit admitJob(JobControl control) {
        long start = System.nanoTime();
        try {
            return governor.admitJob(control.waitTimeoutMillis());
        } finally {
            control.addGovernorWait(System.nanoTime() - start);
        }
    }

    private Permit admitBlock(JobControl control, String block) {
        long start = System.nanoTime();
        try {
            return governor.admitBlock(control.waitTimeoutMillis(), block);
        } finally {
            control.addGovernorWait(System.nanoTime() - start);
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
