package org.rqlib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The browser build's byte-wise kernel against the word-wise Java kernel, on heap and direct buffers. */
class ArraySymbolKernelTest {
    private static final long SEED = 0x5EED_0A11L;

    @Test
    void everyOperationMatchesTheJavaKernelOnHeapAndDirectBuffers() {
        Random random = new Random(SEED);
        for (int trial = 0; trial < 600; trial++) {
            int length = random.nextInt(300);
            int dstOffset = random.nextInt(9);
            int srcOffset = random.nextInt(9);
            int c = random.nextInt(256);
            byte[] dst = new byte[dstOffset + length + 5];
            byte[] src = new byte[srcOffset + length + 5];
            random.nextBytes(dst);
            random.nextBytes(src);
            ByteBuffer expected = direct(dst);
            ByteBuffer heap = ByteBuffer.wrap(dst.clone());
            ByteBuffer direct = direct(dst);
            ByteBuffer srcDirect = direct(src);
            ByteBuffer srcHeap = ByteBuffer.wrap(src.clone());
            String where = "seed " + SEED + " trial " + trial + " len " + length + " c " + c;
            switch (trial % 3) {
                case 0 -> {
                    JavaSymbolKernel.INSTANCE.xor(expected, dstOffset, srcDirect, srcOffset, length);
                    ArraySymbolKernel.INSTANCE.xor(heap, dstOffset, srcHeap, srcOffset, length);
                    ArraySymbolKernel.INSTANCE.xor(direct, dstOffset, srcDirect, srcOffset, length);
                }
                case 1 -> {
                    JavaSymbolKernel.INSTANCE.mulAdd(expected, dstOffset, srcDirect, srcOffset, c, length);
                    ArraySymbolKernel.INSTANCE.mulAdd(heap, dstOffset, srcHeap, srcOffset, c, length);
                    ArraySymbolKernel.INSTANCE.mulAdd(direct, dstOffset, srcDirect, srcOffset, c, length);
                }
                default -> {
                    JavaSymbolKernel.INSTANCE.scale(expected, dstOffset, c, length);
                    ArraySymbolKernel.INSTANCE.scale(heap, dstOffset, c, length);
                    ArraySymbolKernel.INSTANCE.scale(direct, dstOffset, c, length);
                }
            }
            assertEquals(expected.clear(), heap.clear(), "heap, " + where);
            assertEquals(expected.clear(), direct.clear(), "direct, " + where);
        }
    }

    @Test
    void offsetsAreCheckedAgainstTheCapacity() {
        ByteBuffer small = ByteBuffer.allocate(16);
        assertThrows(IndexOutOfBoundsException.class,
                () -> ArraySymbolKernel.INSTANCE.xor(small, 10, small, 0, 8));
    }

    private static ByteBuffer direct(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
        buffer.put(0, bytes);
        return buffer;
    }
}
