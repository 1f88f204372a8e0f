package org.rqlib.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.rqlib.InvalidParameterException;
import org.rqlib.RqlibIoException;
import org.rqlib.chunking.BlockPlanner;
import org.rqlib.chunking.LayoutSettings;
import org.rqlib.codec.Codec;
import org.rqlib.io.SymbolDirectoryReader;
import org.rqlib.io.SymbolDirectoryWriter;
import org.rqlib.io.SymbolIdSink;
import org.rqlib.kernel.DirectBuffers;
import org.rqlib.kernel.KernelInfo;
import org.rqlib.kernel.Kernels;
import org.rqlib.kernel.SymbolKernel;
import org.rqlib.layout.Layout;
import org.rqlib.layout.LayoutBlock;
import org.rqlib.layout.LayoutJson;
import org.rqlib.limits.Governor;
import org.rqlib.limits.HeapBudget;
import org.rqlib.limits.JobControl;
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

    private RaptorQ(Builder b) {
        this.settings = new LayoutSettings(b.symbolSize, b.redundancyFactor, b.blockSize, b.layoutMemory);
        this.planner = new BlockPlanner(settings);
        this.memoryLimit = b.memoryLimit;
        this.threads = b.threads;
        this.kernel = b.kernel;
        this.governor = new Governor(workingSetBudget(memoryLimit), b.maxBlocksInFlight, b.maxConcurrentJobs);
        long planCache = planCacheBytes(memoryLimit);
        this.engine = new StreamEngine(Codec.create(kernel, planCache), governor, threads);
    }

    /**
     * The Java heap share of a memory limit: a quarter, at least 96 MiB (decoding K = 16k symbols needs it). The
     * {@code rq} launcher gives the JVM {@code -Xmx} of this and {@code -XX:MaxDirectMemorySize} of 3/4 of the
     * limit, where every working set, the plan cache and the buffer cache live.
     */
    public static long heapShare(long memoryLimit) {
        return Math.max(96L << 20, memoryLimit / 4);
    }

    /** Off-heap bytes of the codec's plan cache: an eighth of the limit, 8 to 64 MiB (a plan for K'=16k is 5 MB). */
    public static long planCacheBytes(long memoryLimit) {
        return Math.min(Codec.DEFAULT_PLAN_CACHE_BYTES, Math.max(8L << 20, memoryLimit / 8));
    }

    /**
     * What the governor may hand out for working sets: the limit less a quarter for the heap, the plan cache and
     * 1 MiB for the JDK's own temporary direct buffers, so that every direct buffer fits in the off-heap share.
     */
    public static long workingSetBudget(long memoryLimit) {
        long rest = memoryLimit - memoryLimit / 4 - planCacheBytes(memoryLimit) - (1L << 20);
        return Math.max(4L << 20, rest);
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

    /** The governor of this instance: its budget, and how much is reserved now and at most so far. */
    public Governor governor() {
        return governor;
    }

    /** The block size the settings give for a file of this size (the original's rule when block size is 0). */
    public long recommendedBlockSize(long fileSize) {
        return planner.blockSizeFor(fileSize);
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
        try (HeapBudget.Job heap = JobHeap.admitEncode(input, planner)) {
            return encodeAdmitted(input, outputDirectory, control);
        }
    }

    private EncodeResult encodeAdmitted(Path input, Path outputDirectory, JobControl control) {
        boolean created = prepareOutputDirectory(outputDirectory);
        SymbolDirectoryWriter writer = new SymbolDirectoryWriter(outputDirectory);
        Path layoutTemp = outputDirectory.resolve(LAYOUT_FILE + ".part");
        try {
            Layout layout = engine.encode(input, planner, writer, outputDirectory, control);
            control.checkCancelled();
            writeLayout(layout, layoutTemp);
            Files.move(layoutTemp, outputDirectory.resolve(LAYOUT_FILE), StandardCopyOption.ATOMIC_MOVE);
            long symbols = layout.blocks().stream().mapToLong(b -> b.symbols().size()).sum();
            return new EncodeResult(layout, outputDirectory, layout.fileSize(), symbols);
        } catch (IOException e) {
            cleanUp(writer, layoutTemp, created, outputDirectory);
            throw new RqlibIoException("writing layout " + outputDirectory.resolve(LAYOUT_FILE), e);
        } catch (RuntimeException | Error e) {
            cleanUp(writer, layoutTemp, created, outputDirectory);
            throw e;
        }
    }

    private static boolean prepareOutputDirectory(Path dir) {
        try {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw new InvalidParameterException("output " + dir + " exists and is not a directory");
                }
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    if (entries.iterator().hasNext()) {
                        throw new InvalidParameterException("output directory " + dir
                                + " is not empty; encode into a new or empty directory");
                    }
                }
                return false;
            }
            Files.createDirectories(dir);
            return true;
        } catch (IOException e) {
            throw new RqlibIoException("preparing output directory " + dir, e);
        }
    }

    private static void cleanUp(SymbolDirectoryWriter writer, Path layoutTemp, boolean created, Path dir) {
        writer.removeAll();
        try {
            Files.deleteIfExists(layoutTemp);
            if (created) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            // best effort: the primary failure is what the caller must see
        }
    }

    public Layout createMetadata(Path input) {
        return createMetadata(input, JobControl.none());
    }

    /** The layout an encode of {@code input} would write, without writing any symbol. */
    public Layout createMetadata(Path input, JobControl control) {
        Path scratch = input.toAbsolutePath().getParent();
        try (HeapBudget.Job heap = JobHeap.admitEncode(input, planner)) {
            return engine.encode(input, planner, new SymbolIdSink(), scratch, control);
        }
    }

    /** Writes the layout alone to {@code layoutFile} (through a temporary name). */
    public Layout createMetadata(Path input, Path layoutFile, JobControl control) {
        Layout layout = createMetadata(input, control);
        Path temp = layoutFile.resolveSibling(layoutFile.getFileName() + ".part");
        try {
            writeLayout(layout, temp);
            Files.move(temp, layoutFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the write failure is what matters
            }
            throw new RqlibIoException("writing layout " + layoutFile, e);
        }
        return layout;
    }

    /** Streams the layout into {@code file}: no copy of its whole text in memory. */
    private static void writeLayout(Layout layout, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            LayoutJson.write(layout, out);
        }
    }

    /** Reads and validates a layout file. */
    public static Layout readLayout(Path layoutFile) {
        return readLayout(layoutFile, JobControl.none());
    }

    /**
     * Reads and validates a layout file, streaming, with its ids held to the heap this JVM can give them
     * (the free heap less one solve of the largest block); cancelling {@code control} stops the parse.
     *
     * @throws org.rqlib.ResourceLimitException when the ids the layout lists do not fit that heap
     */
    public static Layout readLayout(Path layoutFile, JobControl control) {
        return LayoutJson.read(layoutFile, control, JobHeap.layoutAllowance());
    }

    /** Decodes the symbols in {@code directory}, with the layout {@code directory/_raptorq_layout.json}. */
    public DecodeResult decodeFile(Path directory, Path output) {
        return decodeFile(directory, directory.resolve(LAYOUT_FILE), output, JobControl.none());
    }

    public DecodeResult decodeFile(Path directory, Path layoutFile, Path output, JobControl control) {
        return decodeFile(directory, readLayout(layoutFile, control), output, control);
    }

    /**
     * Decodes into {@code output} (replaced if it exists) from the symbol files in {@code directory}: under
     * {@code block_<i>/} or directly in it. Each file is checked against its id; corrupt ones are skipped and
     * counted. Writes to a temporary file renamed at the end, removed on failure.
     *
     * @throws org.rqlib.NotEnoughSymbolsException naming the block when too few valid symbols remain
     */
    public DecodeResult decodeFile(Path directory, Layout layout, Path output, JobControl control) {
        Objects.requireNonNull(layout, "layout");
        try (HeapBudget.Job heap = JobHeap.admitDecode(layout, output)) {
            return decodeAdmitted(directory, layout, output, control);
        }
    }

    private DecodeResult decodeAdmitted(Path directory, Layout layout, Path output, JobControl control) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidParameterException("symbol directory " + directory + " does not exist");
        }
        Path parent = output.toAbsolutePath().getParent();
        SymbolDirectoryReader reader = new SymbolDirectoryReader(directory);
        Path temp;
        try {
            temp = Files.createTempFile(parent, "." + output.getFileName() + ".", ".part");
        } catch (IOException e) {
            throw new RqlibIoException("creating a temporary file beside " + output, e);
        }
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long size = layout.fileSize();
                if (size > 0) {
                    out.write(ByteBuffer.allocate(1), size - 1);
                }
                engine.decode(reader, layout, out, temp, parent, control);
            }
            Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new RqlibIoException("writing " + output, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(temp);
            throw e;
        }
        return new DecodeResult(output, layout.fileSize(), reader.validCount(), reader.missingCount(),
                reader.corruptCount());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort after a failure
        }
    }

    /** Total symbols the layout lists. */
    static long symbolCount(Layout layout) {
        return layout.blocks().stream().mapToLong((LayoutBlock b) -> b.symbols().size()).sum();
    }

    /** Stops the worker threads and returns the direct buffers kept for reuse (shared by every instance). */
    @Override
    public void close() {
        engine.close();
        DirectBuffers.releaseCached();
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

        /** Memory the instance's working sets may use at once. Never changes the output. Default 512 MiB. */
        public Builder memoryLimit(long memoryLimit) {
            if (memoryLimit < (48L << 20)) {
                throw new InvalidParameterException("memory limit " + memoryLimit + " bytes must be at least 48 MiB");
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
