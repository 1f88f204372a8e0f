package org.rqlib.kernel;

import java.nio.ByteBuffer;

/**
 * A kernel over the Java arrays behind heap buffers, one byte at a time with int arithmetic only: what the browser
 * build runs. TeaVM's JavaScript output turns every {@code long} into a BigInt, which makes the word-wise
 * {@link JavaSymbolKernel} about 45 times slower there; bytes and ints stay plain JavaScript numbers. Also works on
 * direct buffers (through get/put), so the JVM tests compare it with the other kernels byte for byte. Stateless
 * and thread-safe.
 */
public final class ArraySymbolKernel extends AbstractSymbolKernel {
    /** The shared instance; the class has no state. */
    public static final ArraySymbolKernel INSTANCE = new ArraySymbolKernel();

    private static final byte[] PRODUCT = Gf256.productTable();

    private ArraySymbolKernel() {
    }

    @Override
    public String name() {
        return "java-array";
    }

    @Override
    protected boolean acceptsHeapBuffers() {
        return true;
    }

    @Override
    protected void xorUnchecked(ByteBuffer dst, int dstOffset, ByteBuffer src, int srcOffset, int length) {
        if (dst.hasArray() && src.hasArray()) {
            byte[] d = dst.array();
            byte[] s = src.array();
            int di = dst.arrayOffset() + dstOffset;
            int si = src.arrayOffset() + srcOffset;
            for (int i = 0; i < length; i++) {
                d[di + i] ^= s[si + i];
            }
            return;
        }
        for (int i = 0; i < length; i++) {
            dst.put(dstOffset + i, (byte) (dst.get(dstOffset + i) ^ src.get(srcOffset + i)));
        }
    }

    @Override
    protected void mulAddUnchecked(ByteBuffer dst, int dstOffset, ByteBuffer src, int srcOffset, int c, int length) {
        final int row = c << 8;
        if (dst.hasArray() && src.hasArray()) {
            byte[] d = dst.array();
            byte[] s = src.array();
            int di = dst.arrayOffset() + dstOffset;
            int si = src.arrayOffset() + srcOffset;
            for (int i = 0; i < length; i++) {
                d[di + i] ^= PRODUCT[row | (s[si + i] & 0xFF)];
            }
            return;
        }
        for (int i = 0; i < length; i++) {
            dst.put(dstOffset + i, (byte) (dst.get(dstOffset + i) ^ PRODUCT[row | (src.get(srcOffset + i) & 0xFF)]));
        }
    }

    @Override
    protected void scaleUnchecked(ByteBuffer dst, int dstOffset, int c, int length) {
        final int row = c << 8;
        if (dst.hasArray()) {
            byte[] d = dst.array();
            int di = dst.arrayOffset() + dstOffset;
            for (int i = 0; i < length; i++) {
                d[di + i] = PRODUCT[row | (d[di + i] & 0xFF)];
            }
            return;
        }
        for (int i = 0; i < length; i++) {
            dst.put(dstOffset + i, PRODUCT[row | (dst.get(dstOffset + i) & 0xFF)]);
        }
    }

    @Override
    protected void runUnchecked(OperationPlan plan, ByteBuffer slab, int symbolSize) {
        int ops = plan.operationCount();
        for (int op = 0; op < ops; op++) {
            int dst = plan.destination(op) * symbolSize;
            int src = plan.source(op) * symbolSize;
            switch (plan.opcode(op)) {
                case OperationPlan.XOR -> xorUnchecked(slab, dst, slab, src, symbolSize);
                case OperationPlan.MUL_ADD -> mulAddUnchecked(slab, dst, slab, src, plan.coefficient(op), symbolSize);
                case OperationPlan.SCALE -> scaleUnchecked(slab, dst, plan.coefficient(op), symbolSize);
                case OperationPlan.COPY -> copy(slab, dst, src, symbolSize);
                case OperationPlan.ZERO -> scaleUnchecked(slab, dst, 0, symbolSize);
                default -> throw new IllegalStateException("unknown opcode " + plan.opcode(op));
            }
        }
    }

    private static void copy(ByteBuffer slab, int dst, int src, int length) {
        if (slab.hasArray()) {
            System.arraycopy(slab.array(), slab.arrayOffset() + src, slab.array(), slab.arrayOffset() + dst, length);
        } else {
            slab.duplicate().clear().put(dst, slab.duplicate().clear(), src, length);
        }
    }
}
