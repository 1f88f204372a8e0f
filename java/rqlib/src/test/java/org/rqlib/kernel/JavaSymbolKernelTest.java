package org.rqlib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Java kernel against a byte-at-a-time reference built on {@link Gf256#mul}, at odd lengths and offsets. */
class JavaSymbolKernelTest {
    private static final long SEED = 0x5EED_0001L;
    private final SymbolKernel kernel = JavaSymbolKernel.INSTANCE;

    @Test
    void fieldArithmeticFollowsTheRfcPolynomial() {
        assertEquals(0x1D, Gf256.mul(0x80, 2), "x^8 reduces to x^4+x^3+x^2+1");
        for (int a = 1; a < 256; a++) {
            assertEquals(1, Gf256.mul(a, Gf256.inverse(a)), "a * a^-1 for a=" + a);
        }
        assertEquals(1, Gf256.alphaPow(255));
    }

    @Test
    void operationsMatchTheByteReference() {
        Random random = new Random(SEED);
        for (int trial = 0; trial < 400; trial++) {
            int length = random.nextInt(300);
            int dstOffset = random.nextInt(9);
            int srcOffset = random.nextInt(9);
            int c = trial % 256;
            byte[] dst = randomBytes(random, dstOffset + length + 5);
            byte[] src = randomBytes(random, srcOffset + length + 5);
            ByteBuffer d = direct(dst);
            ByteBuffer s = direct(src);
            String where = "seed " + SEED + " trial " + trial + " len " + length + " c " + c;
            switch (trial % 3) {
                case 0 -> {
                    kernel.xor(d, dstOffset, s, srcOffset, length);
                    for (int i = 0; i < length; i++) {
                        dst[dstOffset + i] ^= src[srcOffset + i];
                    }
                }
                case 1 -> {
                    kernel.mulAdd(d, dstOffset, s, srcOffset, c, length);
                    for (int i = 0; i < length; i++) {
                        dst[dstOffset + i] ^= (byte) Gf256.mul(c, src[srcOffset + i] & 0xFF);
                    }
                }
                default -> {
                    kernel.scale(d, dstOffset, c, length);
                    for (int i = 0; i < length; i++) {
                        dst[dstOffset + i] = (byte) Gf256.mul(c, dst[dstOffset + i] & 0xFF);
                    }
                }
            }
            assertEquals(ByteBuffer.wrap(dst), d.clear(), where);
        }
    }

    @Test
    void planRunEqualsItsOperationsOneByOne() {
        planRunEqualsItsOperationsOneByOne(12, 37);
    }

    /** Slots that overflow the cache budget make the kernel run the plan in byte columns, the last one partial. */
    @Test
    void planRunInColumnsEqualsItsOperationsOneByOne() {
        planRunEqualsItsOperationsOneByOne(700, 30011);
    }

    private void planRunEqualsItsOperationsOneByOne(int slots, int symbolSize) {
        Random random = new Random(SEED + slots);
        OperationPlan.Builder builder = new OperationPlan.Builder(slots, 100);
        for (int i = 0; i < 100; i++) {
            int dst = random.nextInt(slots);
            int src = (dst + 1 + random.nextInt(slots - 1)) % slots;
            switch (random.nextInt(5)) {
                case 0 -> builder.xor(dst, src);
                case 1 -> builder.mulAdd(dst, src, 2 + random.nextInt(254));
                case 2 -> builder.scale(dst, 2 + random.nextInt(254));
                case 3 -> builder.copy(dst, src);
                default -> builder.zero(dst);
            }
        }
        OperationPlan plan = builder.build();
        byte[] initial = randomBytes(random, slots * symbolSize);
        ByteBuffer slab = direct(initial);
        kernel.run(plan, slab, symbolSize);
        ByteBuffer reference = direct(initial);
        for (int op = 0; op < plan.operationCount(); op++) {
            int d = plan.destination(op) * symbolSize;
            int s = plan.source(op) * symbolSize;
            switch (plan.opcode(op)) {
                case OperationPlan.XOR -> kernel.xor(reference, d, reference, s, symbolSize);
                case OperationPlan.MUL_ADD -> kernel.mulAdd(reference, d, reference, s, plan.coefficient(op), symbolSize);
                case OperationPlan.SCALE -> kernel.scale(reference, d, plan.coefficient(op), symbolSize);
                case OperationPlan.COPY -> reference.put(d, reference, s, symbolSize);
                default -> kernel.scale(reference, d, 0, symbolSize);
            }
        }
        assertEquals(reference.clear(), slab.clear());
    }

    @Test
    void badArgumentsAreRefusedBeforeMemoryIsTouched() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64);
        assertThrows(IndexOutOfBoundsException.class, () -> kernel.xor(buffer, 60, buffer, 0, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> kernel.mulAdd(buffer, 0, buffer, -1, 3, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> kernel.scale(buffer, 0, 3, 65));
        assertThrows(IllegalArgumentException.class, () -> kernel.mulAdd(buffer, 0, buffer, 8, 256, 8));
        assertThrows(IllegalArgumentException.class, () -> kernel.xor(buffer.asReadOnlyBuffer(), 0, buffer, 0, 8));
        OperationPlan plan = new OperationPlan.Builder(9, 1).xor(8, 0).build();
        assertThrows(IndexOutOfBoundsException.class, () -> kernel.run(plan, buffer, 8));
        assertThrows(IllegalArgumentException.class, () -> new OperationPlan.Builder(4, 1).xor(4, 0));
        assertThrows(IllegalArgumentException.class, () -> new OperationPlan.Builder(4, 1).xor(1, 1));
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static ByteBuffer direct(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
        buffer.put(0, bytes);
        return buffer;
    }
}
