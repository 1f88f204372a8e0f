package org.rqlib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The SymbolKernel contract: offsets are absolute and checked against the capacity; position and limit are
 * neither read nor changed. Found by the native bounds test: the Java kernel used ByteBuffer's absolute get/put,
 * which check the limit, so a valid offset past a caller's smaller limit threw IndexOutOfBoundsException.
 */
class BufferLimitIgnoredTest {
    private static final SymbolKernel KERNEL = JavaSymbolKernel.INSTANCE;

    @Test
    void operationsPastTheLimitButInsideTheCapacityWork() {
        ByteBuffer dst = filled(64, 3);
        ByteBuffer src = filled(64, 5);
        ByteBuffer expected = filled(64, 3);
        ByteBuffer expectedSrc = filled(64, 5);
        dst.position(10).limit(20);
        src.position(30).limit(31);
        KERNEL.mulAdd(dst, 40, src, 48, 0x1D, 16);
        KERNEL.xor(dst, 0, src, 0, 64);
        KERNEL.scale(dst, 50, 7, 14);
        KERNEL.mulAdd(expected, 40, expectedSrc, 48, 0x1D, 16);
        KERNEL.xor(expected, 0, expectedSrc, 0, 64);
        KERNEL.scale(expected, 50, 7, 14);
        assertEquals(10, dst.position());
        assertEquals(20, dst.limit());
        assertEquals(expected, dst.duplicate().clear());
    }

    @Test
    void aPlanRunsOverTheWholeSlabWhateverItsLimit() {
        OperationPlan plan = new OperationPlan.Builder(4, 3).mulAdd(3, 0, 9).copy(1, 3).zero(0).build();
        ByteBuffer slab = filled(64, 11);
        ByteBuffer expected = filled(64, 11);
        slab.limit(1);
        KERNEL.run(plan, slab, 16);
        KERNEL.run(plan, expected, 16);
        assertEquals(1, slab.limit());
        assertEquals(expected, slab.duplicate().clear());
    }

    private static ByteBuffer filled(int size, int step) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i++) {
            buffer.put(i, (byte) (i * step + 1));
        }
        return buffer;
    }
}
