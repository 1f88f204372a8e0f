package org.rqlib.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.rqlib.InvalidParameterException;
import org.rqlib.RqlibIoException;
import org.rqlib.chunking.BlockPlanner;
import org.rqlib.chunking.LayoutSettings;
import org.rqlib.codec.Codec;
import org.rqlib.io.DirectorySymbols;
import org.rqlib.io.OutputDirectoryLock;
import org.rqlib.io.PartialOutput;
import org.rqlib.io.ScratchFile;
import org.rqlib.io.StoreSymbolSink;
import org.rqlib.io.StoreSymbolSource;
import org.rqlib.io.SymbolDirectoryWriter;
import org.rqlib.io.SymbolIdSink;
import org.rqlib.io.SymbolIdSpill;
import org.rqlib.io.SymbolSink;
import org.rqlib.io.SymbolSource;
import org.rqlib.kernel.DirectBuffers;
import org.rqlib.kernel.KernelInfo;
import org.rqlib.kernel.Kernels;
import org.rqlib.kernel.SymbolKernel;
import org.rqlib.layout.BlockIdStore;
import org.rqlib.layout.Layout;
import org.rqlib.layout.LayoutBlock;
import org.rqlib.layout.LayoutJson;
import org.rqlib.limits.Governor;
import org.rqlib.limits.GovernorStats;
import org.rqlib.limits.HeapBudget;
import org.rqlib.limits.JobControl;
import org.rqlib.limits.MemoryLimits;
import org.rqlib.store.DirectorySymbolStore;
import org.rqlib.store.SymbolStore;
import org.rqlib.stream.StreamEngine;

/**
 * Encodes files into RaptorQ symbol directories byte-compatible with the original RaptorQ file library, and
 * decodes them back, inside a memory limit. Build one with {@link #builder()}; the output depends only on the
 * symbol size, redundancy factor and block size (or layout memory), never on the memory limit or threads.
 *
 * <p>Thread-safe: one instance serves any number of threads at once. Its governor admits at most
 * {@code maxConcurrentJobs} jobs and {@code maxBlocksInFlight} blocks at a time and keeps the memory their
 * working sets reserve within {@code memoryLimit}; further callers wait, or with a {@link JobControl} wait
 * timeout get {@link org.rqlib.ResourceLimitException}. Close the instance to stop its worker threads.
 *
 * <p>Inputs are files, {@link InputStream}s or {@link ReadableByteChannel}s; outputs are a symbol directory or any
 * {@link SymbolStore}; decodes write a file, an {@link OutputStream} or a {@link WritableByteChannel}, block by
 * block, each verified before its bytes leave. Every job can also run on a caller's {@link Executor}
 * ({@code ...Async}), logs to the {@code System.Logger} {@code org.rqlib} and reports {@link JobStats}.
 */
public final class RaptorQ implements AutoCloseable {
    /** Name of the layout file inside an output directory. */
    public static final String LAYOUT_FILE = "_raptorq_layout.json";
    /** Default memory limit: heap and off-heap working sets together. */
    public static final long DEFAULT_MEMORY_LIMIT = 512L << 20;
    /** Threads per available processor a job may have at most. */
    public static final int MAX_THREADS_PER_CORE = 4;
    /** Default concurrent jobs, the original's {@code concurrency_limit}. */
    public static final int DEFAULT_MAX_JOBS = 4;

    private final LayoutSettings settings;
    private final BlockPlanner planner;
    private final long memoryLimit;
    private final int threads;
    private final SymbolKernel kernel;
    private final Governor governor;
    private final StreamEngine engine;
    private final Path scratchDirectory;
    private final JobRecorder recorder = new JobRecorder();
    private volatile boolean closed;

    private RaptorQ(Builder b) {
        this.settings = new LayoutSettings(b.symbolSize, b.redundancyFactor, b.blockSize, b.layoutMemory);
        this.planner = new BlockPlanner(settings);
        this.memoryLimit = b.memoryLimit;
        this.threads = b.threads;
        this.kernel = b.kernel;
        this.governor = new Governor(workingSetBudget(memoryLimit), b.maxBlocksInFlight, b.maxConcurrentJobs);
        long planCache = planCacheBytes(memoryLimit);
        this.engine = new StreamEngine(Codec.create(kernel, planCache), governor, threads);
        this.scratchDirectory = b.scratchDirectory;
    }

    /**
     * The version of rqlib (from its jar's manifest; "development" when run from classes). The original
     * library's counterpart is {@code RaptorQSession.version()}.
     */
    public static String version() {
        String version = RaptorQ.class.getPackage().getImplementationVersion();
        if (version == null && RaptorQ.class.getModule().getDescriptor() != null) {
            version = RaptorQ.class.getModule().getDescriptor().rawVersion().orElse(null);
        }
        return version == null ? "development" : version;
    }

    /** This instance's admission of a file encode ({@link JobHeap#admitEncode}), null when its size is unknown. */
    private HeapBudget.Job admitEncode(Path input, BlockPlanner planner, boolean spill) {
        return JobHeap.admitEncode(input, planner, blocksInFlight(), spill, planCacheBytes(memoryLimit));
    }

    private HeapBudget.Job admitStream(long length, BlockPlanner planner) {
        return JobHeap.admitStream("encoding the input stream", length, planner, planCacheBytes(memoryLimit));
    }

    private HeapBudget.Job admitDecode(Layout layout, String output, int blocksInFlight) {
        return JobHeap.admitDecode(layout, output, blocksInFlight, planCacheBytes(memoryLimit));
    }

    /**
     * The Java heap share of a memory limit (see {@link MemoryLimits#heapShare}). The {@code rq} launcher gives the
     * JVM {@code -Xmx} of this and {@code -XX:MaxDirectMemorySize} of the rest of the limit, where every working
     * set, the plan cache and the buffer cache live.
     */
    public static long heapShare(long memoryLimit) {
        return MemoryLimits.heapShare(memoryLimit);
    }

    /** Off-heap bytes of the codec's plan cache: an eighth of the limit, 8 to 64 MiB (a plan for K'=16k is 5 MB). */
    public static long planCacheBytes(long memoryLimit) {
        return MemoryLimits.planCacheBytes(memoryLimit);
    }

    /**
     * What the governor may hand out for working sets: the limit less the heap share, the plan cache and 1 MiB for
     * the JDK's own temporary direct buffers, so that every direct buffer fits in the off-heap share.
     */
    public static long workingSetBudget(long memoryLimit) {
        return MemoryLimits.workingSetBudget(memoryLimit);
    }

    /** The most threads an instance may have: {@link #MAX_THREADS_PER_CORE} per available processor. */
    public static int maxThreads() {
        return MAX_THREADS_PER_CORE * Runtime.getRuntime().availableProcessors();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings that decide the output bytes. */
    public LayoutSettings layoutSettings() {
        return settings;
    }

    public long memoryLimit() {
        return memoryLimit;
    }

    public int threads() {
        return threads;
    }

    /**
     * Read-only figures of this instance's governor: its budget and caps, what is reserved now and at most so far,
     * and how long jobs have waited. Live; reserving and admitting stay inside rqlib.
     */
    public GovernorStats governor() {
        return governor.stats();
    }

    /** What this instance's jobs have done so far, summed: a snapshot for metrics. */
    public InstanceStats stats() {
        return recorder.snapshot();
    }

    /**
     * The original library's {@code get_recommended_block_size(file_size)}, same semantics: 0 (do not split) when
     * the file is smaller than S = layout memory / 1.5, else floor((S / 4) / symbol size) * symbol size. Like the
     * original it ignores a configured block size. {@link #blockSizeFor} is the size an encode actually uses.
     */
    public long recommendedBlockSize(long fileSize) {
        return planner.recommendedBlockSize(fileSize);
    }

    /** The bytes per block an encode of a file of this size uses with this instance's settings. */
    public long blockSizeFor(long fileSize) {
        return planner.blockSizeFor(fileSize);
    }

    private BlockPlanner plannerFor(EncodeOptions options) {
        LayoutSettings s = Objects.requireNonNull(options, "options").applyTo(settings);
        return s == settings ? planner : new BlockPlanner(s);
    }

    /** The symbol kernel this instance uses. */
    public SymbolKernel kernel() {
        return kernel;
    }

    /** Which kernel the process selected and why (see {@link Kernels#info()}). */
    public KernelInfo kernelInfo() {
        return Kernels.info();
    }

    public EncodeResult encodeFile(Path input, Path outputDirectory) {
        return encodeFile(input, outputDirectory, JobControl.none());
    }

    /**
     * Encodes {@code input} into {@code outputDirectory} (created if missing, else it must be empty): symbol files
     * under {@code block_<i>/}, then the layout last. On any failure, cancellation included, everything written is
     * removed and no layout exists.
     */
    public EncodeResult encodeFile(Path input, Path outputDirectory, JobControl control) {
        return encodeFile(input, outputDirectory, EncodeOptions.defaults(), control);
    }

    /** {@link #encodeFile(Path, Path, JobControl)} with per-call settings over the instance's. */
    public EncodeResult encodeFile(Path input, Path outputDirectory, EncodeOptions options, JobControl control) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(control, "control");
        checkOpen();
        BlockPlanner plan = plannerFor(options);
        return recorder.run(true, "encode " + input + " into " + outputDirectory, () -> {
            try (HeapBudget.Job heap = admitEncode(input, plan, true)) {
                return encodeIntoDirectory(outputDirectory, control,
                        (sink, ids) -> engine.encode(input, plan, sink, ids, outputDirectory, control));
            }
        }, EncodeResult::stats);
    }

    /**
     * Encodes {@code length} bytes of {@code in} ({@code -1}: until it ends) into {@code outputDirectory}, giving
     * the same directory, byte for byte, as {@link #encodeFile} of those bytes, inside the memory limit. Each block
     * is spooled to a scratch file in the output directory while it is coded (its bytes may be read twice) and
     * deleted after; with an unknown length the spool first holds what the block plan needs to see: the whole
     * stream when it is shorter than the automatic block size's threshold (layout memory / 1.5), else that
     * threshold's worth, or one block with a fixed block size. Reads {@code in} to its end; does not close it.
     */
    public EncodeResult encode(InputStream in, long length, Path outputDirectory) {
        return encode(in, length, outputDirectory, EncodeOptions.defaults(), JobControl.none());
    }

    public EncodeResult encode(InputStream in, long length, Path outputDirectory, EncodeOptions options,
            JobControl control) {
        return encode(Channels.newChannel(Objects.requireNonNull(in, "in")), length, outputDirectory, options,
                control);
    }

    /** {@link #encode(InputStream, long, Path)} from a channel. */
    public EncodeResult encode(ReadableByteChannel in, long length, Path outputDirectory) {
        return encode(in, length, outputDirectory, EncodeOptions.defaults(), JobControl.none());
    }

    public EncodeResult encode(ReadableByteChannel in, long length, Path outputDirectory, EncodeOptions options,
            JobControl control) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(control, "control");
        checkOpen();
        BlockPlanner plan = plannerFor(options);
        return recorder.run(true, "encode a stream into " + outputDirectory, () -> {
            try (HeapBudget.Job heap = admitStream(length, plan)) {
                return encodeIntoDirectory(outputDirectory, control, (sink, ids) -> engine.encode(in, length,
                        "the input stream", plan, sink, outputDirectory, control, heap, ids));
            }
        }, EncodeResult::stats);
    }

    /**
     * Encodes a file into {@code store}: its symbols, then its layout last. A {@link DirectorySymbolStore} is
     * {@link #encodeFile} into its directory. When the encode fails the store is told to {@link
     * SymbolStore#discard() discard} what it got.
     */
    public EncodeResult encode(Path input, SymbolStore store, EncodeOptions options, JobControl control) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(control, "control");
        checkOpen();
        if (store instanceof DirectorySymbolStore directory) {
            return encodeFile(input, directory.directory(), options, control);
        }
        BlockPlanner plan = plannerFor(options);
        return recorder.run(true, "encode " + input + " into " + store.describe(), () -> {
            try (HeapBudget.Job heap = admitEncode(input, plan, true)) {
                return encodeIntoStore(store, control,
                        (sink, ids) -> engine.encode(input, plan, sink, ids, scratchDirectory(null), control));
            }
        }, EncodeResult::stats);
    }

    /** Encodes a stream into {@code store}, as {@link #encode(InputStream, long, Path)} does into a directory. */
    public EncodeResult encode(InputStream in, long length, SymbolStore store, EncodeOptions options,
            JobControl control) {
        return encode(Channels.newChannel(Objects.requireNonNull(in, "in")), length, store, options, control);
    }

    public EncodeResult encode(ReadableByteChannel in, long length, SymbolStore store, EncodeOptions options,
            JobControl control) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(control, "control");
        checkOpen();
        if (store instanceof DirectorySymbolStore directory) {
            return encode(in, length, directory.directory(), options, control);
        }
        BlockPlanner plan = plannerFor(options);
        return recorder.run(true, "encode a stream into " + store.describe(), () -> {
            try (HeapBudget.Job heap = admitStream(length, plan)) {
                return encodeIntoStore(store, control, (sink, ids) -> engine.encode(in, length, "the input stream",
                        plan, sink, scratchDirectory(null), control, heap, ids));
            }
        }, EncodeResult::stats);
    }

    private EncodeResult encodeIntoStore(SymbolStore store, JobControl control,
            BiFunction<SymbolSink, BlockIdStore, Layout> encode) {
        long start = System.nanoTime();
        StoreSymbolSink sink = new StoreSymbolSink(store);
        // the spill (when the ids need one) is removed before the store is told to discard, and after success
        try (SymbolIdSpill ids = JobHeap.idSpill(scratchDirectory(null))) {
            Layout layout = encode.apply(sink, ids);
            control.checkCancelled();
            store.publishLayout(LayoutJson.write(layout));
            long symbols = symbolCount(layout);
            return new EncodeResult(layout, null, layout.fileSize(), symbols,
                    new JobStats(layout.fileSize(), symbols, 0, control.governorWaitNanos(), System.nanoTime() - start));
        } catch (RuntimeException | Error e) {
            try {
                store.discard();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Where scratch files go when there is no output directory: the builder's choice, else the temp directory. */
    private Path scratchDirectory(Path beside) {
        if (scratchDirectory != null) {
            return scratchDirectory;
        }
        return beside != null ? beside : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Runs {@code encode} into the locked output directory with the job's ids kept in a spill there (removed
     * however the job ends, before what it wrote is cleaned up), then publishes the layout from them.
     */
    private EncodeResult encodeIntoDirectory(Path outputDirectory, JobControl control,
            BiFunction<SymbolSink, BlockIdStore, Layout> encode) {
        long start = System.nanoTime();
        // one writer per output: a second encode into the same directory fails here with OutputLockedException
        OutputDirectoryLock lock = OutputDirectoryLock.acquire(outputDirectory, LAYOUT_FILE);
        SymbolDirectoryWriter writer = new SymbolDirectoryWriter(outputDirectory);
        try {
            Layout layout;
            try (SymbolIdSpill ids = JobHeap.idSpill(outputDirectory)) {
                Layout encoded = encode.apply(writer, ids);
                control.checkCancelled();
                lock.publishLayout(LAYOUT_FILE, out -> LayoutJson.write(encoded, out));
                layout = encoded;
            }
            lock.release();
            long symbols = symbolCount(layout);
            return new EncodeResult(layout, outputDirectory, layout.fileSize(), symbols,
                    new JobStats(layout.fileSize(), symbols, 0, control.governorWaitNanos(), System.nanoTime() - start));
        } catch (IOException e) {
            cleanUp(writer, lock);
            throw new RqlibIoException("writing layout " + outputDirectory.resolve(LAYOUT_FILE), e);
        } catch (RuntimeException | Error e) {
            cleanUp(writer, lock);
            throw e;
        }
    }

    /** Removes what a failed encode wrote, then its lock, then the directory when the encode created it. */
    private static void cleanUp(SymbolDirectoryWriter writer, OutputDirectoryLock lock) {
        try {
            writer.removeAll();
            deleteQuietly(lock.directory().resolve(LAYOUT_FILE + ".part"));
        } finally {
            try {
                lock.release();
            } catch (RuntimeException e) {
                // best effort: the primary failure is what the caller must see
            }
            if (lock.created()) {
                deleteQuietly(lock.directory());
            }
        }
    }

    public Layout createMetadata(Path input) {
        return createMetadata(input, JobControl.none());
    }

    /** The layout an encode of {@code input} would write, without writing any symbol. */
    public Layout createMetadata(Path input, JobControl control) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(control, "control");
        checkOpen();
        // scratch (a source block over the budget) goes to the builder's scratch directory or the temporary
        // directory, never beside the input: its folder may be read-only or watched, and metadata leaves no trace
        Path scratch = scratchDirectory(null);
        ScratchFile.removeAbandoned(scratch);
        // the caller gets every id: they stay in the heap, and a layout that does not fit it is refused
        try (HeapBudget.Job heap = admitEncode(input, planner, false)) {
            return engine.encode(input, planner, new SymbolIdSink(), scratch, control);
        }
    }

    /**
     * Writes the layout alone to {@code layoutFile} (through a temporary name). The ids of a large layout are
     * spilled to a scratch file while the job runs (the builder's scratch directory, else the temporary
     * directory), so the heap needed does not grow with the file; in the layout returned, the ids of such
     * blocks can no longer be read (their count can): read {@code layoutFile} for them.
     */
    public Layout createMetadata(Path input, Path layoutFile, JobControl control) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(layoutFile, "layoutFile");
        Objects.requireNonNull(control, "control");
        checkOpen();
        Path scratch = scratchDirectory(null);
        ScratchFile.removeAbandoned(scratch);
        Path temp = layoutFile.resolveSibling(layoutFile.getFileName() + ".part");
        boolean writing = false;
        try (HeapBudget.Job heap = admitEncode(input, planner, true);
                SymbolIdSpill ids = JobHeap.idSpill(scratch)) {
            Layout layout = engine.encode(input, planner, new SymbolIdSink(), ids, scratch, control);
            writing = true;
            writeLayout(layout, temp);
            Files.move(temp, layoutFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            writing = false;
            return layout;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new RqlibIoException("writing layout " + layoutFile, e);
        } catch (RuntimeException | Error e) {
            if (writing) {
                deleteQuietly(temp);
            }
            throw e;
        }
    }

    /** Streams the layout into {@code file}: no copy of its whole text in memory. */
    private static void writeLayout(Layout layout, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            LayoutJson.write(layout, out);
        }
    }

    /** Reads and validates a layout file. */
    public static Layout readLayout(Path layoutFile) {
        Objects.requireNonNull(layoutFile, "layoutFile");
        return readLayout(layoutFile, JobControl.none());
    }

    /**
     * Reads and validates a layout file, streaming, with its ids held to the heap this JVM can give them
     * (the free heap less the solves of the jobs running); cancelling {@code control} stops the parse.
     *
     * @throws org.rqlib.ResourceLimitException when the ids the layout lists do not fit that heap
     */
    public static Layout readLayout(Path layoutFile, JobControl control) {
        Objects.requireNonNull(layoutFile, "layoutFile");
        Objects.requireNonNull(control, "control");
        return LayoutJson.read(layoutFile, control, JobHeap.layoutAllowance());
    }

    /** Decodes the symbols in {@code directory}, with the layout {@code directory/_raptorq_layout.json}. */
    public DecodeResult decodeFile(Path directory, Path output) {
        Objects.requireNonNull(directory, "directory");
        return decodeFile(directory, directory.resolve(LAYOUT_FILE), output, JobControl.none());
    }

    public DecodeResult decodeFile(Path directory, Path layoutFile, Path output, JobControl control) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(control, "control");
        checkOpen();
        // the ids of a large layout are read into a spill beside the output, removed when the decode ends
        try (SymbolIdSpill ids = JobHeap.idSpill(output.toAbsolutePath().getParent())) {
            return decodeFile(directory, readLayout(layoutFile, control, ids), output, control);
        }
    }

    /** Reads a layout file inside a job, its blocks kept in the job's spill as they are read. */
    private static Layout readLayout(Path layoutFile, JobControl control, SymbolIdSpill ids) {
        Objects.requireNonNull(layoutFile, "layoutFile");
        return LayoutJson.read(layoutFile, control, JobHeap.layoutAllowance(), ids);
    }

    /**
     * Decodes into {@code output} (replaced if it exists) from the symbol files in {@code directory}: under
     * {@code block_<i>/} or directly in it. Each file is checked against its id; corrupt ones are skipped and
     * counted. Writes to a temporary file renamed at the end, removed on failure.
     *
     * @throws org.rqlib.NotEnoughSymbolsException naming the block when too few valid symbols remain
     */
    public DecodeResult decodeFile(Path directory, Layout layout, Path output, JobControl control) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(control, "control");
        checkOpen();
        SymbolSource symbols = directorySymbols(directory);
        return recorder.run(false, "decode " + directory + " into " + output,
                () -> decodeInto(symbols, layout, output, control), DecodeResult::stats);
    }

    private static SymbolSource directorySymbols(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidParameterException("symbol directory " + directory + " does not exist");
        }
        return new DirectorySymbols(directory);
    }

    private DecodeResult decodeInto(SymbolSource reader, Layout layout, Path output, JobControl control) {
        try (HeapBudget.Job heap = admitDecode(layout, output.toString(), blocksInFlight())) {
            return decodeAdmitted(reader, layout, output, control);
        }
    }

    private DecodeResult decodeAdmitted(SymbolSource reader, Layout layout, Path output, JobControl control) {
        long start = System.nanoTime();
        Path parent = output.toAbsolutePath().getParent();
        // a hidden .part beside the output, locked while this decode runs; one left by a killed decode is removed
        try (PartialOutput temp = PartialOutput.create(output)) {
            FileChannel out = temp.channel();
            long size = layout.fileSize();
            if (size > 0) {
                out.write(ByteBuffer.allocate(1), size - 1);
            }
            engine.decode(reader, layout, out, temp.path(), parent, control);
            temp.commit();
        } catch (IOException e) {
            throw new RqlibIoException("writing " + output, e);
        }
        return decodeResult(output, layout, reader, control, start);
    }

    private static DecodeResult decodeResult(Path output, Layout layout, SymbolSource symbols, JobControl control,
            long start) {
        return new DecodeResult(output, layout.fileSize(), symbols.validCount(), symbols.missingCount(),
                symbols.corruptCount(), new JobStats(layout.fileSize(), symbols.validCount(), symbols.corruptCount(),
                        control.governorWaitNanos(), System.nanoTime() - start));
    }

    /** Decodes the layout and symbols of {@code store} into the file {@code output}, as {@link #decodeFile} does. */
    public DecodeResult decode(SymbolStore store, Path output, JobControl control) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(control, "control");
        checkOpen();
        if (store instanceof DirectorySymbolStore directory) {
            return decodeFile(directory.directory(), directory.directory().resolve(LAYOUT_FILE), output, control);
        }
        try (SymbolIdSpill ids = JobHeap.idSpill(output.toAbsolutePath().getParent())) {
            Layout layout = layoutOf(store, control, ids);
            SymbolSource symbols = new StoreSymbolSource(store);
            return recorder.run(false, "decode " + store.describe() + " into " + output,
                    () -> decodeInto(symbols, layout, output, control), DecodeResult::stats);
        }
    }

    /**
     * Decodes the symbol directory {@code directory} (layout {@code directory/_raptorq_layout.json}) to
     * {@code out}: the file in order, block by block, each block's BLAKE3 checked against the layout before any of
     * its bytes are written. A block that cannot be decoded or verified throws with the bytes of the blocks
     * before it written and none of its own. Each block is decoded into a scratch file first (the builder's
     * scratch directory, else the temp directory). Does not close {@code out}.
     */
    public DecodeResult decode(Path directory, OutputStream out) {
        Objects.requireNonNull(directory, "directory");
        return decode(new DirectorySymbolStore(directory), out, JobControl.none());
    }

    public DecodeResult decode(Path directory, WritableByteChannel out) {
        Objects.requireNonNull(directory, "directory");
        return decode(new DirectorySymbolStore(directory), out, JobControl.none());
    }

    /** {@link #decode(Path, OutputStream)} from any store; flushes {@code out} at the end. */
    public DecodeResult decode(SymbolStore store, OutputStream out, JobControl control) {
        DecodeResult result = decode(store, Channels.newChannel(Objects.requireNonNull(out, "out")), control);
        try {
            out.flush();
        } catch (IOException e) {
            throw new RqlibIoException("flushing the output stream", e);
        }
        return result;
    }

    public DecodeResult decode(SymbolStore store, WritableByteChannel out, JobControl control) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(control, "control");
        checkOpen();
        try (SymbolIdSpill ids = JobHeap.idSpill(scratchDirectory(null))) {
            Layout layout = layoutOf(store, control, ids);
            SymbolSource symbols = store instanceof DirectorySymbolStore directory
                    ? directorySymbols(directory.directory()) : new StoreSymbolSource(store);
            return decodeToChannel(symbols, layout, out, control);
        }
    }

    /**
     * {@link #decode(Path, OutputStream)} with the layout file {@code layoutFile}, read inside the job: the ids of
     * a large layout are spilled to a scratch file (the builder's scratch directory, else the temp directory)
     * removed when the decode ends. Flushes {@code out} at the end; does not close it.
     */
    public DecodeResult decode(Path directory, Path layoutFile, OutputStream out, JobControl control) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(layoutFile, "layoutFile");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(control, "control");
        checkOpen();
        DecodeResult result;
        try (SymbolIdSpill ids = JobHeap.idSpill(scratchDirectory(null))) {
            Layout layout = readLayout(layoutFile, control, ids);
            result = decodeToChannel(directorySymbols(directory), layout, Channels.newChannel(out), control);
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new RqlibIoException("flushing the output stream", e);
        }
        return result;
    }

    /** {@link #decode(Path, OutputStream)} with a layout from elsewhere; flushes {@code out} at the end. */
    public DecodeResult decode(Path directory, Layout layout, OutputStream out, JobControl control) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(control, "control");
        checkOpen();
        DecodeResult result = decodeToChannel(directorySymbols(directory), layout, Channels.newChannel(out), control);
        try {
            out.flush();
        } catch (IOException e) {
            throw new RqlibIoException("flushing the output stream", e);
        }
        return result;
    }

    private DecodeResult decodeToChannel(SymbolSource symbols, Layout layout, WritableByteChannel out,
            JobControl control) {
        return recorder.run(false, "decode " + symbols.describe() + " to a stream", () -> {
            try (HeapBudget.Job heap = admitDecode(layout, "a stream", 1)) {
                return decodeAdmittedToChannel(symbols, layout, out, control);
            }
        }, DecodeResult::stats);
    }

    private DecodeResult decodeAdmittedToChannel(SymbolSource symbols, Layout layout, WritableByteChannel out,
            JobControl control) {
        long start = System.nanoTime();
        engine.decode(symbols, layout, out, scratchDirectory(null), control);
        return decodeResult(null, layout, symbols, control, start);
    }

    /** The layout of {@code store}, its blocks kept in {@code ids} as they are read. */
    private static Layout layoutOf(SymbolStore store, JobControl control, SymbolIdSpill ids) {
        if (store instanceof DirectorySymbolStore directory) {
            return readLayout(directory.directory().resolve(LAYOUT_FILE), control, ids);
        }
        byte[] json = store.readLayout();
        if (json == null) {
            throw new InvalidParameterException(store.describe() + " has no layout: no encode into it completed");
        }
        return LayoutJson.read(json, ids);
    }

    /**
     * Runs {@link #encodeFile(Path, Path, EncodeOptions, JobControl)} on {@code executor}. Cancelling the future
     * cancels the job, which then removes what it wrote on its own thread.
     */
    public CompletableFuture<EncodeResult> encodeFileAsync(Path input, Path outputDirectory, EncodeOptions options,
            JobControl control, Executor executor) {
        return AsyncJob.submit(() -> encodeFile(input, outputDirectory, options, control), control, executor);
    }

    /** Runs {@link #decodeFile(Path, Path, Path, JobControl)} (layout in the directory) on {@code executor}. */
    public CompletableFuture<DecodeResult> decodeFileAsync(Path directory, Path output, JobControl control,
            Executor executor) {
        return AsyncJob.submit(() -> decodeFile(directory, directory.resolve(LAYOUT_FILE), output, control), control,
                executor);
    }

    /** Runs {@link #encode(InputStream, long, SymbolStore, EncodeOptions, JobControl)} on {@code executor}. */
    public CompletableFuture<EncodeResult> encodeAsync(InputStream in, long length, SymbolStore store,
            EncodeOptions options, JobControl control, Executor executor) {
        return AsyncJob.submit(() -> encode(in, length, store, options, control), control, executor);
    }

    /** Runs {@link #decode(SymbolStore, OutputStream, JobControl)} on {@code executor}. */
    public CompletableFuture<DecodeResult> decodeAsync(SymbolStore store, OutputStream out, JobControl control,
            Executor executor) {
        return AsyncJob.submit(() -> decode(store, out, control), control, executor);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort after a failure
        }
    }

    /** Blocks one job codes at once, as the engine runs them: one per thread, within the governor's cap. */
    private int blocksInFlight() {
        return Math.min(threads, governor.maxBlocksInFlight());
    }

    /** Total symbols the layout lists. */
    static long symbolCount(Layout layout) {
        return layout.blocks().stream().mapToLong((LayoutBlock b) -> b.symbols().size()).sum();
    }

    /**
     * Stops the worker threads and returns the direct buffers kept for reuse (shared by every instance).
     * Idempotent; afterwards every encode or decode throws {@link IllegalStateException} naming this instance.
     */
    @Override
    public void close() {
        closed = true;
        engine.close();
        DirectBuffers.releaseCached();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    /** The settings, memory limit and threads that tell this instance from another one, e.g. in errors. */
    @Override
    public String toString() {
        return "RaptorQ@" + Integer.toHexString(System.identityHashCode(this)) + "[symbolSize="
                + settings.symbolSize() + ", redundancyFactor=" + settings.redundancyFactor() + ", blockSize="
                + settings.blockSize() + ", memoryLimit=" + memoryLimit + ", threads=" + threads + "]";
    }

    /** Settings of a {@link RaptorQ}; defaults as the original library. Not thread-safe. */
    public static final class Builder {
        private int symbolSize = LayoutSettings.DEFAULT_SYMBOL_SIZE;
        private int redundancyFactor = LayoutSettings.DEFAULT_REDUNDANCY_FACTOR;
        private long blockSize;
        private long layoutMemory = LayoutSettings.DEFAULT_LAYOUT_MEMORY;
        private long memoryLimit = DEFAULT_MEMORY_LIMIT;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int maxConcurrentJobs = DEFAULT_MAX_JOBS;
        private int maxBlocksInFlight = DEFAULT_MAX_JOBS;
        private SymbolKernel kernel;
        private Path scratchDirectory;

        private Builder() {
        }

        /** The configured symbol size; T is this rounded down to a multiple of 8. Default 65535. */
        public Builder symbolSize(int symbolSize) {
            this.symbolSize = symbolSize;
            return this;
        }

        /** rf: repair symbols per source block, see DESIGN.md. Default 4. */
        public Builder redundancyFactor(int redundancyFactor) {
            this.redundancyFactor = redundancyFactor;
            return this;
        }

        /** Bytes per block; 0 (default) derives it from the layout memory as the original does. */
        public Builder blockSize(long blockSize) {
            this.blockSize = blockSize;
            return this;
        }

        /** The original's {@code max_memory_mb}, in bytes: decides the automatic block size. Default 16 GiB. */
        public Builder layoutMemory(long layoutMemory) {
            this.layoutMemory = layoutMemory;
            return this;
        }

        /**
         * The original's {@code max_memory_mb} in its unit, MiB: the same as {@code layoutMemory(mb << 20)}.
         * Decides the automatic block size only; {@link #memoryLimit} is what bounds rqlib's memory.
         */
        public Builder maxMemoryMb(long maxMemoryMb) {
            if (maxMemoryMb < 0 || maxMemoryMb > (Long.MAX_VALUE >> 20)) {
                throw new InvalidParameterException("max memory " + maxMemoryMb + " MB is out of range");
            }
            return layoutMemory(maxMemoryMb << 20);
        }

        /**
         * Where stream decodes, and encodes into a store other than a directory, keep their scratch files.
         * Default: the temp directory ({@code java.io.tmpdir}). Encodes into a directory use that directory.
         */
        public Builder scratchDirectory(Path scratchDirectory) {
            this.scratchDirectory = Objects.requireNonNull(scratchDirectory, "scratchDirectory");
            return this;
        }

        /** Memory the instance's working sets may use at once. Never changes the output. Default 512 MiB. */
        public Builder memoryLimit(long memoryLimit) {
            if (memoryLimit < (MemoryLimits.MINIMUM_MIB << 20)) {
                throw new InvalidParameterException("memory limit " + memoryLimit + " bytes must be at least "
                        + MemoryLimits.MINIMUM_MIB + " MiB");
            }
            this.memoryLimit = memoryLimit;
            return this;
        }

        /**
         * Worker threads for sub-blocks and symbol bands. Default: the available processors; at most
         * {@link #maxThreads()}, since more threads than cores only add stacks and working sets.
         */
        public Builder threads(int threads) {
            if (threads < 1 || threads > maxThreads()) {
                throw new InvalidParameterException("threads " + threads + " must be between 1 and "
                        + maxThreads() + " (" + MAX_THREADS_PER_CORE + " per available processor)");
            }
            this.threads = threads;
            return this;
        }

        /** Jobs (encodes, decodes) running at once; more wait. Default 4. */
        public Builder maxConcurrentJobs(int maxConcurrentJobs) {
            if (maxConcurrentJobs < 1) {
                throw new InvalidParameterException("max concurrent jobs " + maxConcurrentJobs + " must be >= 1");
            }
            this.maxConcurrentJobs = maxConcurrentJobs;
            return this;
        }

        /** Blocks being encoded or decoded at once across all jobs. Default 4. */
        public Builder maxBlocksInFlight(int maxBlocksInFlight) {
            if (maxBlocksInFlight < 1) {
                throw new InvalidParameterException("max blocks in flight " + maxBlocksInFlight + " must be >= 1");
            }
            this.maxBlocksInFlight = maxBlocksInFlight;
            return this;
        }

        /** The symbol kernel doing the GF(256) arithmetic. Default: {@link Kernels#selected()}. */
        public Builder kernel(SymbolKernel kernel) {
            this.kernel = Objects.requireNonNull(kernel, "kernel");
            return this;
        }

        public RaptorQ build() {
            if (kernel == null) {
                kernel = Kernels.selected();
            }
            return new RaptorQ(this);
        }
    }
}
