package org.rqlib.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.rqlib.InvalidPacketException;
import org.rqlib.InvalidParameterException;
import org.rqlib.NotEnoughSymbolsException;
import org.rqlib.kernel.OperationPlan;
import org.rqlib.kernel.SymbolBufferAllocator;
import org.rqlib.kernel.SymbolKernel;

/**
 * Decodes one array of K source symbols (a source block, or one of its sub-blocks) from any mix of source and
 * repair symbols (RFC 6330 5.4). Received symbols are kept off-heap in the slab the solver works on, after
 * reserved slots for the LDPC, HDPC and padding rows, so decoding copies nothing twice.
 *
 * <p>When all K source symbols arrived, decoding is a copy. Otherwise the constraint matrix is solved
 * symbolically first: without full rank {@link #decode} throws {@link NotEnoughSymbolsException} and leaves the
 * received symbols untouched, so the caller can add more and try again. A successful decode consumes the
 * received symbols. Owns its slab; {@link #close()} frees it. Not thread-safe.
 */
public final class BlockDecoder implements AutoCloseable {
    private final Codec codec;
    private final CodecParameters params;
    private final int k;
    private final int symbolSize;
    private final String label;
    private final int reserved;
    private final int batchSlots;
    /** Where the plan is shared with the other groups of the same source block; null: the plan cache alone. */
    private final SharedPlan shared;
    private final Set<Integer> seen = new HashSet<>();
    private int[] esis = new int[16];
    private int received;
    private int sourceReceived;
    private int capacity;
    private ByteBuffer slab;
    private boolean decoded;

    BlockDecoder(Codec codec, int k, int symbolSize, String label) {
        this(codec, k, symbolSize, label, k + 2);
    }

    /**
     * A decoder whose slab starts with room for {@code initialCapacity} received symbols and grows as more arrive:
     * memory follows what was received, not what the OTI claims.
     */
    BlockDecoder(Codec codec, int k, int symbolSize, String label, int initialCapacity) {
        this(codec, k, symbolSize, label, initialCapacity, null);
    }

    BlockDecoder(Codec codec, int k, int symbolSize, String label, int initialCapacity, SharedPlan shared) {
        BlockEncoder.checkSymbolSize(symbolSize);
        this.shared = shared;
        this.codec = codec;
        this.params = CodecParameters.forSourceSymbols(k);
        this.k = k;
        this.symbolSize = symbolSize;
        this.label = label;
        this.reserved = DecodingPlan.reservedSlots(params);
        this.batchSlots = BlockEncoder.batchSlots(symbolSize);
        // a block and its working slab are addressed with int offsets; like BlockEncoder, refuse what cannot fit
        if (slabBytes(k + 2) > Integer.MAX_VALUE) {
            throw new InvalidParameterException(label + " of K=" + k + " symbols of T=" + symbolSize
                    + " bytes needs more than 2 GiB to decode in memory; split it into sub-blocks");
        }
        this.capacity = Math.max(1, Math.min(maxCapacity(), initialCapacity));
        this.slab = codec.allocator().allocate(slabBytes(capacity));
    }

    /** Most off-heap bytes a decoder holds when given up to K + 2 symbols before decoding. */
    static long workingSetBytes(int k, int symbolSize) {
        int reserved = DecodingPlan.reservedSlots(CodecParameters.forSourceSymbols(k));
        int batch = BlockEncoder.batchSlots(symbolSize);
        return (long) (reserved + k + 2 + 1 + batch) * symbolSize;
    }

    private long slabBytes(int receivedCapacity) {
        return (long) (reserved + receivedCapacity + 1 + batchSlots) * symbolSize;
    }

    public int sourceSymbols() {
        return k;
    }

    public int symbolSize() {
        return symbolSize;
    }

    /** Symbols added so far (duplicates not counted). */
    public int receivedCount() {
        return received;
    }

    /** Whether every source symbol has arrived, so that decoding is a copy. */
    public boolean hasAllSourceSymbols() {
        return sourceReceived == k;
    }

    /**
     * Copies the symbol with id {@code esi} ({@code symbolSize} bytes from {@code src} at {@code offset}). Returns
     * false, storing nothing, when that ESI was already added.
     *
     * @throws InvalidPacketException when the ESI is outside [0, 2^24) or src does not hold a whole symbol at offset
     */
    public boolean addSymbol(int esi, ByteBuffer src, int offset) {
        ByteBuffer memory = open();
        if (decoded) {
            throw new IllegalStateException(label + " is already decoded");
        }
        if (esi < 0 || esi > BlockEncoder.MAX_ESI) {
            throw new InvalidPacketException("encoding symbol id " + esi + " of " + label + " is outside [0, "
                    + BlockEncoder.MAX_ESI + "]");
        }
        checkSymbolFits(src, offset, symbolSize, label);
        if (!seen.add(esi)) {
            return false;
        }
        if (received == capacity) {
            memory = grow();
        }
        memory.put((reserved + received) * symbolSize, src, offset, symbolSize);
        if (received == esis.length) {
            esis = Arrays.copyOf(esis, esis.length * 2);
        }
        esis[received++] = esi;
        if (esi < k) {
            sourceReceived++;
        }
        return true;
    }

    /**
     * Throws {@link InvalidPacketException} unless {@code src} holds {@code symbolSize} bytes at {@code offset}: a
     * received symbol that is too short is bad input, to be reported like a bad ESI.
     */
    static void checkSymbolFits(ByteBuffer src, int offset, int symbolSize, String label) {
        Objects.requireNonNull(src, "src");
        if (offset < 0 || offset > src.capacity() - symbolSize) {
            throw new InvalidPacketException("symbol of " + label + " needs " + symbolSize + " bytes at offset "
                    + offset + " but the buffer holds " + src.capacity());
        }
    }

    /** Received-symbol capacity after the growth step from {@code capacity}: an eighth more, at least 16. */
    static int grownCapacity(int capacity) {
        return capacity + Math.max(16, capacity / 8);
    }

    /** Off-heap bytes of a decoder made with room for {@code capacity} symbols and given no more than that. */
    static long workingSetBytesWithRoom(int k, int symbolSize, int capacity) {
        return workingSetBytes(k, symbolSize) + (long) Math.max(0, capacity - (k + 2)) * symbolSize;
    }

    /**
     * Most off-heap bytes a decoder holds when given {@code received} symbols, counting the moment of its last
     * growth, when the old and the new slab exist together.
     */
    static long workingSetBytes(int k, int symbolSize, int received) {
        long base = workingSetBytes(k, symbolSize);
        int capacity = k + 2;
        int previous = capacity;
        while (capacity < received) {
            previous = capacity;
            capacity = grownCapacity(capacity);
        }
        if (capacity == k + 2) {
            return base;
        }
        return base + (long) (capacity - (k + 2)) * symbolSize + base + (long) (previous - (k + 2)) * symbolSize;
    }

    /** The most received symbols a slab addressed with int offsets holds. */
    private int maxCapacity() {
        return (int) (Integer.MAX_VALUE / symbolSize) - reserved - 1 - batchSlots;
    }

    private ByteBuffer grow() {
        int bigger = (int) Math.min(maxCapacity(), (long) grownCapacity(capacity));
        if (bigger <= capacity) {
            throw new InvalidPacketException("more than " + capacity + " distinct symbols for " + label
                    + " do not fit in 2 GiB; " + k + " suffice to decode it");
        }
        ByteBuffer larger = codec.allocator().allocate(slabBytes(bigger));
        larger.put(0, slab, 0, (reserved + received) * symbolSize);
        codec.allocator().free(slab);
        slab = larger;
        capacity = bigger;
        return larger;
    }

    /**
     * Writes the K source symbols, {@code symbolSize} bytes each, into {@code dst} from {@code dstOffset}.
     *
     * @throws NotEnoughSymbolsException when the symbols received do not determine the block; add more and call
     *     again
     */
    public void decode(ByteBuffer dst, int dstOffset) {
        ByteBuffer memory = open();
        if (decoded) {
            throw new IllegalStateException(label + " is already decoded");
        }
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(dstOffset, k * symbolSize, dst.capacity());
        if (received < k) {
            throw new NotEnoughSymbolsException(label, received, k - received);
        }
        if (sourceReceived < k) {
            solveAndRecover(memory, dst, dstOffset);
        } else {
            copySourceSymbols(memory, dst, dstOffset);
        }
        decoded = true;
    }

    /** Receives a recovered source symbol: {@code symbolSize} bytes at {@code offset} of {@code memory}. */
    @FunctionalInterface
    public interface RecoveredSymbol {
        /** Called once per missing source symbol; {@code memory} is the decoder's, valid during the call only. */
        void accept(int esi, ByteBuffer memory, int offset);
    }

    /**
     * Recovers only the source symbols that were not received and hands each to {@code recovered}, in ESI order:
     * for callers that keep the received ones themselves (a file being decoded in place), so that no second copy
     * of the block is needed.
     *
     * @throws NotEnoughSymbolsException when the symbols received do not determine the block; add more and call
     *     again
     */
    public void decodeMissing(RecoveredSymbol recovered) {
        ByteBuffer memory = open();
        if (decoded) {
            throw new IllegalStateException(label + " is already decoded");
        }
        Objects.requireNonNull(recovered, "recovered");
        if (received < k) {
            throw new NotEnoughSymbolsException(label, received, k - received);
        }
        if (sourceReceived < k) {
            DecodingPlan plan = solve();
            runPlan(memory, plan);
            recoverMissing(memory, codec.kernel(), plan.intermediateSlots(), recovered);
        }
        decoded = true;
    }

    private void copySourceSymbols(ByteBuffer memory, ByteBuffer dst, int dstOffset) {
        for (int i = 0; i < received; i++) {
            if (esis[i] < k) {
                dst.put(dstOffset + esis[i] * symbolSize, memory, (reserved + i) * symbolSize, symbolSize);
            }
        }
    }

    private void solveAndRecover(ByteBuffer memory, ByteBuffer dst, int dstOffset) {
        DecodingPlan plan = solve();
        // the solve overwrites the received symbols: save the source symbols we have first
        copySourceSymbols(memory, dst, dstOffset);
        runPlan(memory, plan);
        recoverMissing(memory, codec.kernel(), plan.intermediateSlots(),
                (esi, from, offset) -> dst.put(dstOffset + esi * symbolSize, from, offset, symbolSize));
    }

    private DecodingPlan solve() {
        DecodingPlan plan = codec.planCache().decoding(params, Arrays.copyOf(esis, received), shared);
        if (!plan.solved()) {
            throw new NotEnoughSymbolsException(label, received, plan.unsolvedColumns());
        }
        return plan;
    }

    /** Computes the intermediate symbols in place of the received ones. */
    private void runPlan(ByteBuffer memory, DecodingPlan plan) {
        int scratch = reserved + received;
        zeroSlots(memory, 0, reserved);
        zeroSlots(memory, scratch, scratch + 1);
        codec.kernel().run(plan.operations(), memory, symbolSize);
        PlanCache.releaseCountedCopy(plan.operations(), params.intermediateSymbols() + Math.max(0, received - k));
    }

    private void recoverMissing(ByteBuffer memory, SymbolKernel kernel, int[] intermediateSlot,
            RecoveredSymbol recovered) {
        int batchBase = reserved + received + 1;
        int slots = batchBase + batchSlots;
        boolean[] present = new boolean[k];
        for (int i = 0; i < received; i++) {
            if (esis[i] < k) {
                present[esis[i]] = true;
            }
        }
        SymbolGenerator generator = new SymbolGenerator(params, intermediateSlot);
        int[] batch = new int[batchSlots];
        int esi = 0;
        while (esi < k) {
            int n = 0;
            OperationPlan.Builder ops = new OperationPlan.Builder(slots, batchSlots * 8);
            for (; esi < k && n < batchSlots; esi++) {
                if (!present[esi]) {
                    generator.append(ops, esi, batchBase + n);
                    batch[n++] = esi;
                }
            }
            if (n == 0) {
                break;
            }
            kernel.run(ops.build(), memory, symbolSize);
            for (int i = 0; i < n; i++) {
                recovered.accept(batch[i], memory, (batchBase + i) * symbolSize);
            }
        }
    }

    private void zeroSlots(ByteBuffer memory, int from, int to) {
        SymbolBufferAllocator.fillZero(memory, from * symbolSize, (to - from) * symbolSize);
    }

    private ByteBuffer open() {
        if (slab == null) {
            throw new IllegalStateException(label + " decoder is closed");
        }
        return slab;
    }

    /** Frees the off-heap memory now. Idempotent. */
    @Override
    public void close() {
        ByteBuffer memory = slab;
        slab = null;
        codec.allocator().free(memory);
    }
}
