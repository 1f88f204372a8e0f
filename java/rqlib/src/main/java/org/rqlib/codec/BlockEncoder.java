package org.rqlib.codec;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.rqlib.InvalidPacketException;
import org.rqlib.InvalidParameterException;
import org.rqlib.kernel.OperationPlan;
import org.rqlib.kernel.SymbolBufferAllocator;
import org.rqlib.kernel.SymbolKernel;

/**
 * Encodes one array of K source symbols (a source block, or one of its sub-blocks): holds the intermediate
 * symbols off-heap and writes any encoding symbol on request. Each {@link #writeSymbols} call runs one kernel
 * plan for the whole batch.
 *
 * <p>Owns its off-heap slab; {@link #close()} frees it. Not thread-safe.
 */
public final class BlockEncoder implements AutoCloseable {
    /** The largest encoding symbol id, 2^24 - 1 (RFC 6330 3.2). */
    public static final int MAX_ESI = (1 << 24) - 1;
    /** Repair symbols computed per kernel call at most. */
    static final int BATCH_SYMBOLS = 64;

    private final SymbolKernel kernel;
    private final SymbolBufferAllocator allocator;
    private final int k;
    private final int symbolSize;
    private final EncodingPlan plan;
    private final SymbolGenerator generator;
    private final int batchBase;
    private final int batchSlots;
    private final int sourceBase;
    private final boolean keepsSource;
    private ByteBuffer slab;
    private boolean computed;

    private BlockEncoder(Codec codec, int k, int symbolSize, EncodingPlan plan, boolean keepsSource) {
        this.kernel = codec.kernel();
        this.allocator = codec.allocator();
        this.k = k;
        this.symbolSize = symbolSize;
        this.plan = plan;
        this.generator = new SymbolGenerator(plan.parameters(), plan.intermediateSlots());
        this.batchBase = plan.slotCount();
        this.batchSlots = batchSlots(symbolSize);
        this.sourceBase = batchBase + batchSlots;
        this.keepsSource = keepsSource;
        // every slot is written before it is read except those the plan expects zero: cleared in
        // computeIntermediateSymbols, not with the whole slab (3x the block at K = 1000)
        this.slab = allocator.allocateUncleared((long) (sourceBase + (keepsSource ? k : 0)) * symbolSize);
    }

    static BlockEncoder encode(Codec codec, int k, int symbolSize, ByteBuffer source, int offset,
            boolean keepSource, SharedPlan shared) {
        checkSymbolSize(symbolSize);
        Objects.requireNonNull(source, "source");
        long bytes = (long) k * symbolSize;
        Objects.checkFromIndexSize(offset, (int) Math.min(bytes, Integer.MAX_VALUE), source.capacity());
        BlockEncoder encoder = open(codec, k, symbolSize, keepSource, shared);
        try {
            encoder.sourceRegion().put(0, source, offset, (int) bytes);
            encoder.computeIntermediateSymbols();
        } catch (RuntimeException | Error e) {
            encoder.close();
            throw e;
        }
        return encoder;
    }

    /**
     * An encoder whose K source symbols the caller writes in place, into {@link #sourceRegion()}, before
     * {@link #computeIntermediateSymbols()}: a block read from a file goes straight into the slab, with no staging
     * copy of K symbols. Nothing else may be called before the intermediate symbols are computed.
     */
    static BlockEncoder open(Codec codec, int k, int symbolSize, boolean keepSource, SharedPlan shared) {
        checkSymbolSize(symbolSize);
        int kPrime = SystematicIndices.extendedSize(k);
        long bytes = (long) k * symbolSize;
        if (bytes > Integer.MAX_VALUE) {
            throw new InvalidParameterException("block of K=" + k + " symbols of T=" + symbolSize
                    + " bytes exceeds 2 GiB; split it into sub-blocks");
        }
        EncodingPlan plan = codec.planCache().encoding(kPrime, shared);
        return new BlockEncoder(codec, k, symbolSize, plan, keepSource);
    }

    /** Off-heap bytes an encoder for K symbols of this size holds. */
    static long workingSetBytes(int k, int symbolSize, boolean keepSource) {
        CodecParameters p = CodecParameters.forSourceSymbols(k);
        return (long) (p.intermediateSymbols() + 1 + EncodingPlan.TABLE_SLOTS + batchSlots(symbolSize)
                + (keepSource ? k : 0)) * symbolSize;
    }

    /** Symbols computed per kernel call when writing repair or recovered symbols. */
    static int batchSlots(int symbolSize) {
        // enough symbols per kernel call to amortise it, without more than ~1 MiB of batch space
        return Math.max(1, Math.min(BATCH_SYMBOLS, (1 << 20) / Math.max(1, symbolSize)));
    }

    /**
     * Where the caller of {@link Codec#openEncoder} writes the K source symbols (K * T bytes, the last symbol
     * zero-padded by the caller): a view of this encoder's memory, valid until {@link #close()}, whose contents are
     * unspecified until written (the slab is not cleared). Every byte of it must be written before
     * {@link #computeIntermediateSymbols()}.
     */
    public ByteBuffer sourceRegion() {
        ByteBuffer memory = open();
        if (computed) {
            throw new IllegalStateException("the intermediate symbols of this block of K=" + k
                    + " symbols are computed: its source symbols can no longer be written");
        }
        int start = plan.sourceSlot(0) * symbolSize;
        // duplicate + slice, not slice(index, length): the codec also compiles for TeaVM, whose class library lacks it
        return memory.duplicate().position(start).limit(start + k * symbolSize).slice();
    }

    /** Runs the encoding plan over the source symbols in place (once), after which symbols can be written. */
    public void computeIntermediateSymbols() {
        ByteBuffer memory = open();
        if (computed) {
            throw new IllegalStateException("the intermediate symbols of this block of K=" + k
                    + " symbols are already computed");
        }
        int bytes = k * symbolSize;
        if (keepsSource) {
            memory.put(sourceBase * symbolSize, memory, plan.sourceSlot(0) * symbolSize, bytes);
        }
        int firstSource = plan.sourceSlot(0);
        // the LDPC and HDPC slots before the source, the padding slots after it and the scratch slot start as zeros
        // (the table slots after the scratch slot are written before they are read)
        SymbolBufferAllocator.fillZero(memory, 0, firstSource * symbolSize);
        int afterSource = firstSource + k;
        int scratchEnd = plan.slotCount() - EncodingPlan.TABLE_SLOTS;
        SymbolBufferAllocator.fillZero(memory, afterSource * symbolSize, (scratchEnd - afterSource) * symbolSize);
        kernel.run(plan.operations(), memory, symbolSize);
        PlanCache.releaseCountedCopy(plan.operations(), plan.parameters().intermediateSymbols());
        computed = true;
    }

    public int sourceSymbols() {
        return k;
    }

    public int symbolSize() {
        return symbolSize;
    }

    /** Writes encoding symbol {@code esi} (a source symbol when {@code esi < K}, else a repair symbol). */
    public void writeSymbol(int esi, ByteBuffer dst, int dstOffset) {
        writeSymbols(esi, 1, dst, dstOffset);
    }

    /**
     * Writes encoding symbols {@code firstEsi .. firstEsi+count-1}, each {@code symbolSize} bytes, one after the
     * other into {@code dst} from {@code dstOffset}.
     */
    public void writeSymbols(int firstEsi, int count, ByteBuffer dst, int dstOffset) {
        ByteBuffer memory = open();
        if (!computed) {
            throw new IllegalStateException("encoder of a block of K=" + k + " symbols: its intermediate symbols"
                    + " are not computed yet");
        }
        Objects.requireNonNull(dst, "dst");
        if (count < 0 || firstEsi < 0 || (long) firstEsi + count - 1 > MAX_ESI) {
            throw new InvalidPacketException("encoding symbol ids " + firstEsi + ".." + ((long) firstEsi + count - 1)
                    + " outside [0, " + MAX_ESI + "]");
        }
        Objects.checkFromIndexSize(dstOffset, Math.multiplyExact(count, symbolSize), dst.capacity());
        int esi = firstEsi;
        int end = firstEsi + count;
        int at = dstOffset;
        // source symbols are the stored copies (the code is systematic), or regenerated when none are kept
        while (keepsSource && esi < end && esi < k) {
            int n = Math.min(end, k) - esi;
            dst.put(at, memory, (sourceBase + esi) * symbolSize, n * symbolSize);
            esi += n;
            at += n * symbolSize;
        }
        CodecParameters block = plan.parameters().withSourceSymbols(k);
        while (esi < end) {
            int n = Math.min(batchSlots, end - esi);
            OperationPlan.Builder ops = new OperationPlan.Builder(batchBase + batchSlots, n * 8);
            for (int i = 0; i < n; i++) {
                generator.append(ops, block.isiOf(esi + i), batchBase + i);
            }
            kernel.run(ops.build(), memory, symbolSize);
            dst.put(at, memory, batchBase * symbolSize, n * symbolSize);
            esi += n;
            at += n * symbolSize;
        }
    }

    private ByteBuffer open() {
        if (slab == null) {
            throw new IllegalStateException("encoder of a block of K=" + k + " symbols of T=" + symbolSize
                    + " bytes is closed");
        }
        return slab;
    }

    /** Frees the off-heap memory now instead of at garbage collection. Idempotent. */
    @Override
    public void close() {
        ByteBuffer memory = slab;
        slab = null;
        allocator.free(memory);
    }

    static void checkSymbolSize(int symbolSize) {
        if (symbolSize < 1 || symbolSize > 65535) {
            throw new InvalidParameterException("symbol size " + symbolSize + " must be in [1, 65535]");
        }
    }
}
