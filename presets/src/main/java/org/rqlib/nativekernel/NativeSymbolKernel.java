package org.rqlib.nativekernel;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import org.rqlib.kernel.AbstractSymbolKernel;
import org.rqlib.kernel.OperationPlan;
import org.rqlib.kernel.SymbolHasher;

/**
 * The C kernel at one instruction set (native-avx512gfni, native-avx2, native-neon or native-base). Every
 * argument has been checked by {@link AbstractSymbolKernel} before a call reaches C, and a whole plan runs in
 * one JNI call. Instances come from {@link NativeKernelProvider} only after the library has loaded and the
 * instruction set is known to run on this CPU. Stateless and thread-safe.
 */
public final class NativeSymbolKernel extends AbstractSymbolKernel {
    private final int isa;
    private final String isaName;
    private final NativeSymbolHasher hasher;

    NativeSymbolKernel(int isa, String isaName) {
        this.isa = isa;
        this.isaName = isaName;
        this.hasher = new NativeSymbolHasher(isa, isaName);
    }

    @Override
    public String name() {
        return "native-" + isaName;
    }

    /** The instruction set, e.g. {@code avx2}. */
    public String instructionSet() {
        return isaName;
    }

    // JavaCPP passes a buffer as its address plus its position; subtracting the position keeps offsets absolute.

    @Override
    protected void xorUnchecked(ByteBuffer dst, int dstOffset, ByteBuffer src, int srcOffset, int length) {
        Rqk.xor(isa, dst, (long) dstOffset - dst.position(), src, (long) srcOffset - src.position(), length);
    }

    @Override
    protected void mulAddUnchecked(ByteBuffer dst, int dstOffset, ByteBuffer src, int srcOffset, int c, int length) {
        Rqk.mulAdd(isa, dst, (long) dstOffset - dst.position(), src, (long) srcOffset - src.position(), c, length);
    }

    @Override
    protected void scaleUnchecked(ByteBuffer dst, int dstOffset, int c, int length) {
        Rqk.scale(isa, dst, (long) dstOffset - dst.position(), c, length);
    }

    @Override
    protected void runUnchecked(OperationPlan plan, ByteBuffer slab, int symbolSize) {
        IntBuffer code = plan.directCode();
        int status = Rqk.runPlan(isa, code, -(long) code.position(), plan.operationCount(), slab,
                -(long) slab.position(), symbolSize);
        if (status != 0) {
            // OperationPlan.Builder only emits known opcodes, so this means the two sides disagree on the format
            throw new IllegalStateException("native kernel rejected operation " + (status - 1) + " of " + plan);
        }
    }

    /** The C library's BLAKE3 at this kernel's instruction set. */
    @Override
    public SymbolHasher hasher() {
        return hasher;
    }

    @Override
    public String toString() {
        return name();
    }
}
