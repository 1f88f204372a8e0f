package org.rqlib.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.rqlib.InvalidParameterException;
import org.rqlib.RqlibIoException;
import org.rqlib.chunking.BlockPlanner;
import org.rqlib.chunking.LayoutSettings;
import org.rqlib.codec.Codec;
import org.rqlib.io.OutputDirectoryLock;
import org.rqlib.io.PartialOutput;
import org.rqlib.io.RegularFiles;
import org.rqlib.io.ScratchFile;
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
    /** Default concurrent jobs, the original's {@code concurrency_limit}. */
    public static final int DEFAULT_MAX_JOBS = 4;

    private final LayoutSettings settings;
    private final BlockPlanner planner;
    private final long memoryLimit;
    private final int threads;
    private final SymbolKernel kernel;
    private final Governor governor;
    private final StreamEngine engine;
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
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(control, "control");
        checkOpen();
        // one writer per output: a second encode into the same directory fails here with OutputLockedException
        OutputDirectoryLock lock = OutputDirectoryLock.acquire(outputDirectory, LAYOUT_FILE);
        SymbolDirectoryWriter writer = new SymbolDirectoryWriter(outputDirectory);
        try {
            Layout layout = engine.encode(input, planner, writer, outputDirectory, control);
            control.checkCancelled();
            lock.publishLayout(LAYOUT_FILE, LayoutJson.write(layout));
            lock.release();
            long symbols = layout.blocks().stream().mapToLong(b -> b.symbols().size()).sum();
            return new EncodeResult(layout, outputDirectory, layout.fileSize(), symbols);
        } catch (IOException e) {
            cleanUp(writer, lock);
            throw new RqlibIoException("writing layout " + outputDirectory.resolve(LAYOUT_FILE), e);
        } catch (RuntimeException | Error e) {
            cleanUp(writer, lock);
            throw e;
        }
    }

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
        // scratch (a source block over the budget) goes to the temporary directory, never beside the input: the
        // input's folder may be read-only or watched, and a metadata run should leave no trace there
        Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
        ScratchFile.removeAbandoned(scratch);
        return engine.encode(input, planner, new SymbolIdSink(), scratch, control);
    }

    /** Writes the layout alone to {@code layoutFile} (through a temporary name). */
    public Layout createMetadata(Path input, Path layoutFile, JobControl control) {
        Objects.requireNonNull(layoutFile, "layoutFile");
        Layout layout = createMetadata(input, control);
        Path temp = layoutFile.resolveSibling(layoutFile.getFileName() + ".part");
        try {
            Files.write(temp, LayoutJson.write(layout));
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

    /** Reads and validates a layout file. */
    public static Layout readLayout(Path layoutFile) {
        Objects.requireNonNull(layoutFile, "layoutFile");
        try {
            // a FIFO would block the read forever and a device never ends: only a regular file is a layout
            RegularFiles.requireRegular(layoutFile);
            return LayoutJson.read(Files.readAllBytes(layoutFile));
        } catch (NoSuchFileException e) {
            throw new RqlibIoException("no layout file " + layoutFile, e);
        } catch (IOException e) {
            throw new RqlibIoException("reading layout " + layoutFile, e);
        }
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
        return decodeFile(directory, readLayout(layoutFile), output, control);
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
        if (!Files.isDirectory(directory)) {
            throw new InvalidParameterException("symbol directory " + directory + " does not exist");
        }
        Path parent = output.toAbsolutePath().getParent();
        SymbolDirectoryReader reader = new SymbolDirectoryReader(directory);
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

        /** Worker threads for sub-blocks and symbol bands. Default: the available processors. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new InvalidParameterException("threads " + threads + " must be at least 1");
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
