package org.rqlib.kernel;

import java.nio.ByteBuffer;

/**
 * Executes GF(256) symbol arithmetic on off-heap memory: the only place where symbol bytes are combined.
 *
 * <p>Buffers are direct {@link ByteBuffer}s (the Java kernel takes heap ones too) addressed by absolute byte
 * offsets; positions and limits are neither read nor changed. Implementations check every offset and length against the buffers' capacities
 * before touching memory (see {@link AbstractSymbolKernel}), so a bad argument is an
 * {@link IndexOutOfBoundsException} or {@link IllegalArgumentException}, never a native crash.
 *
 * <p>Implementations are stateless and thread-safe; callers must not let two threads write the same bytes.
 */
public interface SymbolKernel {

    /** A short name for logs and {@code rq info}: {@code java}, {@code native-avx2}, ... */
    String name();

    /** dst[i] ^= src[i] for i in [0, length). */
    void xor(ByteBuffer dst, int dstOffset, ByteBuffer src, int srcOffset, int length);

    /** dst[i] ^= c * src[i] for i in [0, length), c in [0, 255]. */
    void mulAdd(ByteBuffer dst, int dstOffset, ByteBuffer src, int srcOffset, int c, int length);

    /** dst[i] = c * dst[i] for i in [0, length), c in [0, 255]. */
    void scale(ByteBuffer dst, int dstOffset, int c, int length);

    /**
     * Executes every operation of the plan in order over {@code slab}, where slot s occupies bytes
     * [s * symbolSize, (s + 1) * symbolSize). The slab must hold at least {@code plan.slotCount()} slots.
     */
    void run(OperationPlan plan, ByteBuffer slab, int symbolSize);

    /**
     * The BLAKE3 hasher that goes with this kernel (the same instruction set for a native kernel); the Java one
     * unless a kernel has its own. Used through {@link SymbolHashers#selected()}, which self-tests it.
     */
    default SymbolHasher hasher() {
        return JavaSymbolHasher.INSTANCE;
    }
}
