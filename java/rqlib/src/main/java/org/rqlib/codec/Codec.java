package org.rqlib.codec;

import java.util.Objects;
import org.rqlib.kernel.DirectBuffers;
import org.rqlib.kernel.OperationPlan;
import org.rqlib.kernel.SymbolBufferAllocator;
import org.rqlib.kernel.SymbolKernel;
import org.rqlib.limits.HeapBudget;

/**
 * Entry point of the RFC 6330 codec for one array of symbols (a source block, or one sub-block of it): holds
 * the {@link SymbolKernel} that does the arithmetic and the bounded cache of encoding plans (which depend only
 * on K'), and the {@link SymbolBufferAllocator} its encoders and decoders take their memory from (direct
 * buffers on the JVM unless another is given). Thread-safe; share one instance.
 */
public final class Codec {
    /** Default bound of the plan cache (encoding and decoding plans together, see PlanCache). */
    public static final long DEFAULT_PLAN_CACHE_BYTES = 64L << 20;

    private final SymbolKernel kernel;
    private final PlanCache planCache;
    private final SymbolBufferAllocator allocator;

    private Codec(SymbolKernel kernel, long planCacheBytes, SymbolBufferAllocator allocator, SolveGate solveGate) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.planCache = new PlanCache(planCacheBytes, Objects.requireNonNull(solveGate, "solveGate"));
    }

    /** A codec on direct buffers whose solves are counted against this JVM's heap ({@link HeapBudget}). */
    public static Codec create(SymbolKernel kernel) {
        return create(kernel, DEFAULT_PLAN_CACHE_BYTES);
    }

    /** A codec whose plan cache holds at most {@code planCacheBytes}; 0 disables caching. */
    public static Codec create(SymbolKernel kernel, long planCacheBytes) {
        return new Codec(kernel, planCacheBytes, DirectBuffers.allocator(), Codec::admitOnJvmHeap);
    }

    /**
     * A codec whose encoders and decoders take their buffers from {@code allocator}, e.g.
     * {@link org.rqlib.kernel.HeapBufferAllocator} with the Java kernel where there is no direct memory, and whose
     * solves pass {@code solveGate} ({@link SolveGate#UNBOUNDED} where no heap bound applies).
     */
    public static Codec create(SymbolKernel kernel, long planCacheBytes, SymbolBufferAllocator allocator,
            SolveGate solveGate) {
        return new Codec(kernel, planCacheBytes, allocator, solveGate);
    }

    /** The JVM's gate: solves that do not fit the heap together wait for each other (JVM builds only). */
    private static SolveGate.Admission admitOnJvmHeap(long heapBytes) {
        HeapBudget.Solve solve = HeapBudget.jvm().startSolve(heapBytes);
        return solve::close;
    }

    public SymbolKernel kernel() {
        return kernel;
    }

    /** Where this codec's encoders and decoders get their working memory. */
    public SymbolBufferAllocator allocator() {
        return allocator;
    }

    /**
     * The operation plan that computes the intermediate symbols of a block of K source symbols: from the cache,
     * or built now (and cached within the bound). Exposed for benchmarks and kernels that pre-load plans.
     */
    public OperationPlan encodingPlan(int k) {
        return planCache.encoding(SystematicIndices.extendedSize(k)).operations();
    }

    /** Number of plans cached and their total size, for monitoring. */
    public String planCacheSummary() {
        return planCache.size() + " plans, " + planCache.sizeBytes() + " bytes, " + planCache.hits() + " hits, "
                + planCache.misses() + " misses";
    }

    PlanCache planCache() {
        return planCache;
    }

    /**
     * Encodes K source symbols of {@code symbolSize} bytes read from {@code source} at {@code offset} (the
     * caller zero-pads the last symbol): computes the intermediate symbols, after which the returned encoder
     * writes any encoding symbol. The caller closes it to free its off-heap memory.
     */
    public BlockEncoder encode(int k, int symbolSize, java.nio.ByteBuffer source, int offset) {
        return BlockEncoder.encode(this, k, symbolSize, source, offset, true, null);
    }

    /**
     * Like {@link #encode(int, int, java.nio.ByteBuffer, int)}, but without keeping a copy of the source symbols
     * when {@code keepSource} is false: K symbols less memory, for callers that write source symbols from their
     * own data (asking for one anyway regenerates it from the intermediate symbols).
     */
    public BlockEncoder encode(int k, int symbolSize, java.nio.ByteBuffer source, int offset, boolean keepSource) {
        return BlockEncoder.encode(this, k, symbolSize, source, offset, keepSource, null);
    }

    /**
     * Like {@link #encode(int, int, java.nio.ByteBuffer, int, boolean)}, taking the encoding plan from
     * {@code shared} when it holds the plan for this K (else solving it once and keeping it there): for the groups
     * of sub-blocks of one source block, whose plan may be too large for the plan cache.
     */
    public BlockEncoder encode(int k, int symbolSize, java.nio.ByteBuffer source, int offset, boolean keepSource,
            SharedPlan shared) {
        return BlockEncoder.encode(this, k, symbolSize, source, offset, keepSource,
                Objects.requireNonNull(shared, "shared"));
    }

    /**
     * An encoder of K symbols of {@code symbolSize} bytes whose source symbols the caller writes in place: fill
     * {@link BlockEncoder#sourceRegion()} (every byte, the last symbol zero-padded), then call
     * {@link BlockEncoder#computeIntermediateSymbols()}. Gives the same symbols as {@link #encode} without a
     * staging copy of the block (a file region is read straight into the encoder). The caller closes it.
     */
    public BlockEncoder openEncoder(int k, int symbolSize, boolean keepSource) {
        return BlockEncoder.open(this, k, symbolSize, keepSource, null);
    }

    /** Like {@link #openEncoder(int, int, boolean)}, the plan shared as {@link #encode} with a SharedPlan does. */
    public BlockEncoder openEncoder(int k, int symbolSize, boolean keepSource, SharedPlan shared) {
        return BlockEncoder.open(this, k, symbolSize, keepSource, Objects.requireNonNull(shared, "shared"));
    }

    /** A decoder for K source symbols of {@code symbolSize} bytes; close it to free its off-heap memory. */
    public BlockDecoder decoder(int k, int symbolSize) {
        return new BlockDecoder(this, k, symbolSize, "block of K=" + k);
    }

    /** A decoder whose errors name the block by {@code label}, e.g. {@code "source block 3"}. */
    public BlockDecoder decoder(int k, int symbolSize, String label) {
        return new BlockDecoder(this, k, symbolSize, label);
    }

    /**
     * A decoder whose plan comes from {@code shared} when it holds the plan for the same received ESIs (else it is
     * solved once and kept there): for the groups of sub-blocks of one source block, which all receive the same
     * ESIs and whose plan may be too large for the plan cache.
     */
    public BlockDecoder decoder(int k, int symbolSize, String label, SharedPlan shared) {
        return new BlockDecoder(this, k, symbolSize, label, k + 2, Objects.requireNonNull(shared, "shared"));
    }

    /**
     * A decoder that reserves room for {@code expectedSymbols} received symbols at first and grows as more come:
     * for callers that know how many can arrive (a packet file of a given size).
     */
    public BlockDecoder decoder(int k, int symbolSize, String label, int expectedSymbols) {
        return new BlockDecoder(this, k, symbolSize, label, Math.min(k + 2, expectedSymbols));
    }

    /**
     * A decoder with room for {@code symbols} received symbols from the start (at least K + 2): for callers that
     * know how many they will add, so that it never holds an old and a grown slab at once
     * ({@link #decoderWorkingSetBytesWithRoom}).
     */
    public BlockDecoder decoderWithRoom(int k, int symbolSize, String label, int symbols) {
        return new BlockDecoder(this, k, symbolSize, label, Math.max(k + 2, symbols));
    }

    /**
     * {@link #decoderWithRoom(int, int, String, int)} whose plan comes from {@code shared}, as with
     * {@link #decoder(int, int, String, SharedPlan)}.
     */
    public BlockDecoder decoderWithRoom(int k, int symbolSize, String label, int symbols, SharedPlan shared) {
        return new BlockDecoder(this, k, symbolSize, label, Math.max(k + 2, symbols),
                Objects.requireNonNull(shared, "shared"));
    }

    /**
     * Heap a built plan for a block of K source symbols takes while its source block keeps it for its groups (an
     * upper bound: its operations and its slot table), after the solve that made it, whose reserve it leaves.
     */
    public static long keptPlanHeapBytes(int k) {
        int intermediateSymbols = CodecParameters.forSourceSymbols(k).intermediateSymbols();
        return PlanCache.codeBytesEstimate(intermediateSymbols) + 4L * intermediateSymbols;
    }

    /**
     * Heap one solve for a block of K source symbols may peak at (encoding or decoding with a few symbols
     * beyond K): what {@link org.rqlib.limits.HeapBudget} reserves for it.
     */
    public static long solverHeapBytes(int k) {
        return SolveGate.solveHeapBytes(CodecParameters.forSourceSymbols(k).intermediateSymbols()
                + Math.max(2, k / 20));
    }

    /**
     * Off-heap bytes a {@link BlockEncoder} for K symbols of the given size holds while open, with the direct copy
     * of its plan when that plan may be too large for a plan cache ({@link #uncachedPlanBytes}).
     */
    public static long encoderWorkingSetBytes(int k, int symbolSize) {
        return encoderWorkingSetBytes(k, symbolSize, true);
    }

    /** Off-heap bytes of a {@link BlockEncoder} made with {@code keepSource} as given, its plan's copy included. */
    public static long encoderWorkingSetBytes(int k, int symbolSize, boolean keepSource) {
        return BlockEncoder.workingSetBytes(k, symbolSize, keepSource)
                + uncachedPlanBytes(CodecParameters.forSourceSymbols(k).intermediateSymbols());
    }

    /**
     * Direct bytes of the code of a plan for {@code intermediateSymbols} symbols that the working sets using it
     * count: 0 for plans every {@code RaptorQ} plan cache holds (up to 8 MiB, about K = 23,000: the limit reserves
     * the cache's bytes apart), else an upper bound of its size (K = 51,200: 19 MiB for a 16 MB plan). Such a plan
     * is built for the source block coding it (its groups share it through a {@link SharedPlan}) and freed after.
     */
    public static long uncachedPlanBytes(int intermediateSymbols) {
        return PlanCache.uncachedCodeBytes(intermediateSymbols);
    }

    /** Off-heap bytes a {@link BlockDecoder} for K symbols of the given size holds with up to K + 2 symbols. */
    public static long decoderWorkingSetBytes(int k, int symbolSize) {
        return BlockDecoder.workingSetBytes(k, symbolSize) + decodingPlanBytes(k, k + 2);
    }

    /** The direct copy of a decoding plan for {@code received} symbols, when it may be too large to cache. */
    private static long decodingPlanBytes(int k, int received) {
        return uncachedPlanBytes(CodecParameters.forSourceSymbols(k).intermediateSymbols() + Math.max(0, received - k));
    }

    /** Off-heap bytes of a {@link #decoderWithRoom} decoder for {@code symbols} symbols, given no more than that. */
    public static long decoderWorkingSetBytesWithRoom(int k, int symbolSize, int symbols) {
        return BlockDecoder.workingSetBytesWithRoom(k, symbolSize, Math.max(k + 2, symbols))
                + decodingPlanBytes(k, symbols);
    }

    /** Most off-heap bytes a {@link BlockDecoder} holds when given {@code received} symbols (growth included). */
    public static long decoderWorkingSetBytes(int k, int symbolSize, int received) {
        return BlockDecoder.workingSetBytes(k, symbolSize, received) + decodingPlanBytes(k, received);
    }
}
