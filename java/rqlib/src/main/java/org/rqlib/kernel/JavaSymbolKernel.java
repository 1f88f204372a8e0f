package org.rqlib.kernel;

import java.nio.ByteBuffer;

/**
 * The pure-Java kernel: always available, byte-identical to the native kernels, used where no native library
 * loads. XOR works eight bytes at a time; multiplication uses the coefficient's row of the 64 KiB product
 * table, one lookup per byte and no log/exp pair. Stateless and thread-safe.
 */
public final class JavaSymbolKernel extends AbstractSymbolKernel {
    /** The shared instance; the class has no state. */
    public static final JavaSymbolKernel INSTANCE = new JavaSymbolKernel();

    private static final byte[] PRODUCT = Gf256.productTable();

    private JavaSymbolKernel() {
    }

    @Override
    public String name() {
        return "java";
    }

    /** Reads and writes through the ByteBuffer API, so heap buffers work too (the browser build uses them). */
    @Override
    protected boolean acceptsHeapBuffers() {
        return true;
    }

    @Override
    protected void xorUnchecked(ByteBuffer dstBuffer, int dstOffset, ByteBuffer srcBuffer, int srcOffset, int length) {
        ByteBuffer dst = whole(dstBuffer);
        ByteBuffer src = whole(srcBuffer);
        int i = 0;
        for (int end = length - 7; i < end; i += 8) {
            dst.putLong(dstOffset + i, dst.getLong(dstOffset + i) ^ src.getLong(srcOffset + i));
        }
        for (; i < length; i++) {
            dst.put(dstOffset + i, (byte) (dst.get(dstOffset + i) ^ src.get(srcOffset + i)));
        }
    }

    @Override
    protected void mulAddUnchecked(ByteBuffer dstBuffer, int dstOffset, ByteBuffer srcBuffer, int srcOffset, int c,
            int length) {
        ByteBuffer dst = whole(dstBuffer);
        ByteBuffer src = whole(srcBuffer);
        final int row = c << 8;
        int i = 0;
        for (int end = length - 7; i < end; i += 8) {
            long s = src.getLong(srcOffset + i);
            dst.putLong(dstOffset + i, dst.getLong(dstOffset + i) ^ multiplyBytes(row, s));
        }
        for (; i < length; i++) {
            dst.put(dstOffset + i, (byte) (dst.get(dstOffset + i) ^ PRODUCT[row | (src.get(srcOffset + i) & 0xFF)]));
        }
    }

    @Override
    protected void scaleUnchecked(ByteBuffer dstBuffer, int dstOffset, int c, int length) {
        ByteBuffer dst = whole(dstBuffer);
        if (c == 0) {
            SymbolBufferAllocator.fillZero(dst, dstOffset, length);
            return;
        }
        final int row = c << 8;
        int i = 0;
        if (c == 2) {
            // alpha, once per column of the HDPC recurrence: a shift and a conditional reduction, no lookups
            for (int end = length - 7; i < end; i += 8) {
                dst.putLong(dstOffset + i, timesAlpha(dst.getLong(dstOffset + i)));
            }
        }
        for (int end = length - 7; i < end; i += 8) {
            dst.putLong(dstOffset + i, multiplyBytes(row, dst.getLong(dstOffset + i)));
        }
        for (; i < length; i++) {
            dst.put(dstOffset + i, PRODUCT[row | (dst.get(dstOffset + i) & 0xFF)]);
        }
    }

    /** Bytes of slots one pass may touch and still stay in a typical 1 MiB L2 cache. */
    private static final long CACHE_BUDGET = 512 * 1024;
    /** Slabs below this run whole: they sit in L2/L3 well enough. */
    private static final long COLUMN_THRESHOLD = 16L << 20;
    /** Narrower columns spend more time dispatching operations than computing. */
    private static final int MIN_COLUMN = 256;

    /**
     * Every operation works byte position by byte position, so when a slab of large symbols is far beyond the
     * caches the whole plan runs on one column of bytes of every slot before the next, keeping each pass in
     * cache (the native kernel does the same, packing each column first).
     */
    @Override
    protected void runUnchecked(OperationPlan plan, ByteBuffer buffer, int symbolSize) {
        ByteBuffer slab = whole(buffer);
        int column = symbolSize;
        long fitting = CACHE_BUDGET / Math.max(1, plan.slotCount()) / 64 * 64;
        if ((long) plan.slotCount() * symbolSize > COLUMN_THRESHOLD && fitting >= MIN_COLUMN) {
            column = (int) Math.min(symbolSize, fitting);
        }
        for (int offset = 0; offset < symbolSize; offset += column) {
            runColumn(plan, slab, symbolSize, offset, Math.min(column, symbolSize - offset));
        }
    }

    private void runColumn(OperationPlan plan, ByteBuffer slab, int stride, int offset, int length) {
        int ops = plan.operationCount();
        for (int op = 0; op < ops; op++) {
            int dst = plan.destination(op) * stride + offset;
            int src = plan.source(op) * stride + offset;
            switch (plan.opcode(op)) {
                case OperationPlan.XOR -> xorUnchecked(slab, dst, slab, src, length);
                case OperationPlan.MUL_ADD -> mulAddUnchecked(slab, dst, slab, src, plan.coefficient(op), length);
                case OperationPlan.SCALE -> scaleUnchecked(slab, dst, plan.coefficient(op), length);
                case OperationPlan.COPY -> copy(slab, dst, src, length);
                case OperationPlan.ZERO -> scaleUnchecked(slab, dst, 0, length);
                default -> throw new IllegalStateException("unknown opcode " + plan.opcode(op));
            }
        }
    }

    /**
     * The buffer with its limit at its capacity. Offsets are absolute and checked against the capacity (the
     * SymbolKernel contract), but ByteBuffer's absolute get and put check the limit: without this a caller's
     * smaller limit made valid offsets fail.
     */
    private static ByteBuffer whole(ByteBuffer buffer) {
        return buffer.limit() == buffer.capacity() ? buffer : buffer.duplicate().clear();
    }

    private static void copy(ByteBuffer slab, int dst, int src, int length) {
        slab.put(dst, slab, src, length);
    }

    /** Multiplies each of the eight bytes packed in {@code word} by alpha = 2: shift left, reduce by 0x11D. */
    private static long timesAlpha(long word) {
        long high = word & 0x8080808080808080L;
        long shifted = (word & 0x7F7F7F7F7F7F7F7FL) << 1;
        return shifted ^ ((high >>> 7) * 0x1D);
    }

    /** Multiplies each of the eight bytes packed in {@code word} by the coefficient whose table row starts at row. */
    private static long multiplyBytes(int row, long word) {
        return (PRODUCT[row | (int) (word & 0xFF)] & 0xFFL)
                | (PRODUCT[row | (int) ((word >>> 8) & 0xFF)] & 0xFFL) << 8
                | (PRODUCT[row | (int) ((word >>> 16) & 0xFF)] & 0xFFL) << 16
                | (PRODUCT[row | (int) ((word >>> 24) & 0xFF)] & 0xFFL) << 24
                | (PRODUCT[row | (int) ((word >>> 32) & 0xFF)] & 0xFFL) << 32
                | (PRODUCT[row | (int) ((word >>> 40) & 0xFF)] & 0xFFL) << 40
                | (PRODUCT[row | (int) ((word >>> 48) & 0xFF)] & 0xFFL) << 48
                | (PRODUCT[row | (int) (word >>> 56)] & 0xFFL) << 56;
    }
}
