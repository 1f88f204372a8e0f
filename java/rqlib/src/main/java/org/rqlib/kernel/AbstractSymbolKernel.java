package org.rqlib.kernel;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Argument checking shared by every kernel: all offsets, lengths and coefficients are validated here, in Java,
 * before an implementation (possibly native) touches memory. Subclasses implement the unchecked operations.
 */
public abstract class AbstractSymbolKernel implements SymbolKernel {

    @Override
    public final void xor(ByteBuffer dst, int dstOffset, ByteBuffer src, int srcOffset, int length) {
        checkRange("dst", dst, dstOffset, length);
        checkRange("src", src, srcOffset, length);
        if (length > 0) {
            xorUnchecked(dst, dstOffset, src, srcOffset, length);
        }
    }

    @Override
    public final void mulAdd(ByteBuffer dst, int dstOffset, ByteBuffer src, int srcOffset, int c, int length) {
        checkRange("dst", dst, dstOffset, length);
        checkRange("src", src, srcOffset, length);
        checkCoefficient(c);
        if (length == 0 || c == 0) {
            return;
        }
        if (c == 1) {
            xorUnchecked(dst, dstOffset, src, srcOffset, length);
        } else {
            mulAddUnchecked(dst, dstOffset, src, srcOffset, c, length);
        }
    }

    @Override
    public final void scale(ByteBuffer dst, int dstOffset, int c, int length) {
        checkRange("dst", dst, dstOffset, length);
        checkCoefficient(c);
        if (length > 0 && c != 1) {
            scaleUnchecked(dst, dstOffset, c, length);
        }
    }

    @Override
    public final void run(OperationPlan plan, ByteBuffer slab, int symbolSize) {
        Objects.requireNonNull(plan, "plan");
        if (symbolSize < 0) {
            throw new IllegalArgumentException("symbolSize must be >= 0, got " + symbolSize);
        }
        long needed = (long) plan.slotCount() * symbolSize;
        checkBuffer("slab", slab);
        if (needed > slab.capacity()) {
            throw new IndexOutOfBoundsException("slab holds " + slab.capacity() + " bytes, plan needs "
                    + plan.slotCount() + " slots of " + symbolSize + " = " + needed);
        }
        if (symbolSize > 0 && plan.operationCount() > 0) {
            runUnchecked(plan, slab, symbolSize);
        }
    }

    protected abstract void xorUnchecked(ByteBuffer dst, int dstOffset, ByteBuffer src, int srcOffset, int length);

    protected abstract void mulAddUnchecked(
            ByteBuffer dst, int dstOffset, ByteBuffer src, int srcOffset, int c, int length);

    protected abstract void scaleUnchecked(ByteBuffer dst, int dstOffset, int c, int length);

    /** Runs a plan whose slots all fit in the slab (checked by the caller). */
    protected abstract void runUnchecked(OperationPlan plan, ByteBuffer slab, int symbolSize);

    /**
     * Whether this kernel works on heap buffers as well as direct ones. Native kernels hand addresses to C and
     * need direct memory; the Java kernel reads through the ByteBuffer API and takes either, which is what lets
     * the codec run on {@link HeapBufferAllocator} where there is no direct memory.
     */
    protected boolean acceptsHeapBuffers() {
        return false;
    }

    private void checkRange(String name, ByteBuffer buffer, int offset, int length) {
        checkBuffer(name, buffer);
        Objects.checkFromIndexSize(offset, length, buffer.capacity());
    }

    private void checkBuffer(String name, ByteBuffer buffer) {
        Objects.requireNonNull(buffer, name);
        if (!buffer.isDirect() && !acceptsHeapBuffers()) {
            throw new IllegalArgumentException(name + " must be a direct ByteBuffer");
        }
        if (buffer.isReadOnly()) {
            // read-only sources would be fine, but one rule for every argument keeps native code simple
            throw new IllegalArgumentException(name + " must not be read-only");
        }
    }

    private static void checkCoefficient(int c) {
        if (c < 0 || c > 255) {
            throw new IllegalArgumentException("coefficient must be in [0, 255], got " + c);
        }
    }
}
