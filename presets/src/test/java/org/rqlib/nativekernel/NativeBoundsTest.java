package org.rqlib.nativekernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rqlib.kernel.AbstractSymbolKernel;
import org.rqlib.kernel.JavaSymbolKernel;
import org.rqlib.kernel.Kernels;
import org.rqlib.kernel.OperationPlan;
import org.rqlib.kernel.SymbolKernel;

/**
 * Proves that no bad length or offset reaches C. Three parts:
 * <ol>
 *   <li>Every kernel of {@link Kernels#available()} (java and each native instruction set) refuses lengths and
 *       offsets at and past the edges (negative, capacity + 1, Integer.MAX_VALUE, offset + length overflowing),
 *       heap, read-only and null buffers, bad coefficients, a slab too small for the plan and bad symbol sizes,
 *       with a Java exception; the buffer under test is a slice of a larger one whose guard bytes on both sides,
 *       and the slice itself, must be unchanged afterwards.</li>
 *   <li>A probe kernel that counts calls of the unchecked methods sees none for the same arguments, and the
 *       native kernel inherits the checked entry points unchanged (they are final in AbstractSymbolKernel), so
 *       the native methods are never called with them.</li>
 *   <li>The valid edges (length 0 at offset 0 and at capacity, the exact capacity, a slab of exactly the plan's
 *       size, a buffer position that is not zero) work and give the Java kernel's bytes.</li>
 * </ol>
 */
class NativeBoundsTest {
    private static final int CAP = 96;
    private static final int GUARD = 64;
    private static final byte CANARY = (byte) 0xA5;

    static Stream<SymbolKernel> kernels() {
        List<SymbolKernel> all = new ArrayList<>(Kernels.available());
        all.add(new ProbeKernel());
        return all.stream();
    }

    @Test
    void theNativeKernelsAreUnderTestAndInheritTheCheckedEntryPoints() throws NoSuchMethodException {
        assumeTrue(NativeLibrary.failure().isEmpty(), () -> "native library not loadable here: "
                + NativeLibrary.failure().orElse(""));
        List<String> names = Kernels.available().stream().map(SymbolKernel::name).toList();
        System.out.println("kernels under the bounds test: " + names);
        assertTrue(names.stream().anyMatch(n -> n.startsWith("native-")), names.toString());
        assertTrue(AbstractSymbolKernel.class.isAssignableFrom(NativeSymbolKernel.class));
        for (Method m : new Method[] {
            NativeSymbolKernel.class.getMethod("xor", ByteBuffer.class, int.class, ByteBuffer.class, int.class, int.class),
            NativeSymbolKernel.class.getMethod("mulAdd", ByteBuffer.class, int.class, ByteBuffer.class, int.class,
                    int.class, int.class),
            NativeSymbolKernel.class.getMethod("scale", ByteBuffer.class, int.class, int.class, int.class),
            NativeSymbolKernel.class.getMethod("run", OperationPlan.class, ByteBuffer.class, int.class)}) {
            assertEquals(AbstractSymbolKernel.class, m.getDeclaringClass(), m + " is overridden: checks bypassed?");
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void badRangesAreRefusedInJavaAndTouchNothing(SymbolKernel kernel) {
        int[][] ranges = {
            {-1, 1}, {Integer.MIN_VALUE, 1}, {CAP, 1}, {CAP + 1, 0}, {Integer.MAX_VALUE, 1}, {0, -1}, {0, CAP + 1},
            {0, Integer.MAX_VALUE}, {0, Integer.MIN_VALUE}, {1, CAP}, {1, Integer.MAX_VALUE},
            {Integer.MAX_VALUE - 2, 5}, {CAP - 1, 2}, {-CAP, CAP}};
        for (int[] bad : ranges) {
            int offset = bad[0];
            int length = bad[1];
            String where = kernel.name() + " offset=" + offset + " length=" + length;
            refused(where + " xor dst", kernel, (d, s) -> kernel.xor(d, offset, s, 0, length));
            refused(where + " xor src", kernel, (d, s) -> kernel.xor(d, 0, s, offset, length));
            refused(where + " mulAdd dst", kernel, (d, s) -> kernel.mulAdd(d, offset, s, 0, 7, length));
            refused(where + " mulAdd src", kernel, (d, s) -> kernel.mulAdd(d, 0, s, offset, 7, length));
            refused(where + " scale", kernel, (d, s) -> kernel.scale(d, offset, 7, length));
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void badBuffersAndCoefficientsAreRefused(SymbolKernel kernel) {
        ByteBuffer heap = ByteBuffer.allocate(CAP);
        String name = kernel.name();
        if (kernel != JavaSymbolKernel.INSTANCE) { // the Java kernel works on heap buffers too (browser build)
            refused(name + " heap dst", kernel, (d, s) -> kernel.xor(heap, 0, s, 0, 8));
            refused(name + " heap src", kernel, (d, s) -> kernel.mulAdd(d, 0, heap, 0, 3, 8));
        }
        refused(name + " read-only dst", kernel, (d, s) -> kernel.scale(d.asReadOnlyBuffer(), 0, 3, 8));
        refused(name + " read-only src", kernel, (d, s) -> kernel.xor(d, 0, s.asReadOnlyBuffer(), 0, 8));
        refused(name + " null dst", kernel, (d, s) -> kernel.xor(null, 0, s, 0, 8));
        refused(name + " null src", kernel, (d, s) -> kernel.mulAdd(d, 0, null, 0, 3, 8));
        for (int c : new int[] {-1, 256, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            refused(name + " c=" + c, kernel, (d, s) -> kernel.mulAdd(d, 0, s, 0, c, 8));
            refused(name + " scale c=" + c, kernel, (d, s) -> kernel.scale(d, 0, c, 8));
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void plansThatDoNotFitTheSlabAreRefused(SymbolKernel kernel) {
        // 4 slots of 24 bytes: exactly CAP bytes
        OperationPlan plan = new OperationPlan.Builder(4, 4).mulAdd(3, 0, 9).xor(0, 1).scale(2, 5).copy(1, 3).build();
        String name = kernel.name();
        refused(name + " symbolSize too large", kernel, (d, s) -> kernel.run(plan, d, 25));
        refused(name + " symbolSize overflowing int", kernel, (d, s) -> kernel.run(plan, d, Integer.MAX_VALUE));
        refused(name + " negative symbolSize", kernel, (d, s) -> kernel.run(plan, d, -24));
        if (kernel != JavaSymbolKernel.INSTANCE) { // the Java kernel works on heap buffers too (browser build)
            refused(name + " heap slab", kernel, (d, s) -> kernel.run(plan, ByteBuffer.allocate(CAP), 24));
        }
        refused(name + " read-only slab", kernel, (d, s) -> kernel.run(plan, d.asReadOnlyBuffer(), 24));
        refused(name + " null plan", kernel, (d, s) -> kernel.run(null, d, 24));
        // an invalid plan cannot even be built
        assertThrows(IllegalArgumentException.class, () -> new OperationPlan.Builder(4, 1).xor(4, 0));
        assertThrows(IllegalArgumentException.class, () -> new OperationPlan.Builder(4, 1).copy(0, -1));
        assertThrows(IllegalArgumentException.class, () -> new OperationPlan.Builder(4, 1).mulAdd(1, 0, 256));
        assertThrows(IllegalArgumentException.class, () -> new OperationPlan.Builder(-1, 1));
    }

    @ParameterizedTest
    @MethodSource("org.rqlib.kernel.Kernels#available")
    void validEdgesWorkAndMatchJava(SymbolKernel kernel) {
        SymbolKernel java = JavaSymbolKernel.INSTANCE;
        Random random = new Random(6330);
        int[][] ranges = {{0, 0}, {CAP, 0}, {0, CAP}, {CAP - 1, 1}, {CAP / 2, CAP / 2}, {5, 0}};
        for (int[] range : ranges) {
            int offset = range[0];
            int length = range[1];
            String where = kernel.name() + " offset=" + offset + " length=" + length;
            Guarded expected = new Guarded(random.nextLong());
            Guarded actual = new Guarded(expected.seed);
            // positions and limits are not arguments: the kernel must ignore them
            actual.dst.position(CAP / 3).limit(CAP / 2);
            actual.src.position(CAP - 1);
            int srcOffset = CAP - length;
            java.mulAdd(expected.dst, offset, expected.src, srcOffset, 0x53, length);
            kernel.mulAdd(actual.dst, offset, actual.src, srcOffset, 0x53, length);
            java.xor(expected.dst, offset, expected.src, 0, length);
            kernel.xor(actual.dst, offset, actual.src, 0, length);
            java.scale(expected.dst, offset, 0xE1, length);
            kernel.scale(actual.dst, offset, 0xE1, length);
            assertEquals(expected.whole(), actual.whole(), where);
            actual.assertGuardsIntact(where);
        }
        Guarded expected = new Guarded(42);
        Guarded actual = new Guarded(42);
        OperationPlan plan = new OperationPlan.Builder(4, 4).mulAdd(3, 0, 9).xor(0, 1).scale(2, 5).copy(1, 3)
                .zero(2).build();
        java.run(plan, expected.dst, CAP / 4);
        kernel.run(plan, actual.dst, CAP / 4);
        kernel.run(plan, actual.dst, 0);
        java.run(new OperationPlan.Builder(0, 0).build(), expected.dst, CAP);
        kernel.run(new OperationPlan.Builder(0, 0).build(), actual.dst, CAP);
        assertEquals(expected.whole(), actual.whole(), kernel.name() + " plan on a slab of exactly its size");
        actual.assertGuardsIntact(kernel.name() + " plan");
    }

    /** Runs a call that must be refused, then checks that neither the buffers nor their guards changed. */
    private static void refused(String where, SymbolKernel kernel, Call call) {
        Guarded buffers = new Guarded(where.hashCode());
        ByteBuffer before = buffers.whole();
        int uncheckedBefore = kernel instanceof ProbeKernel probe ? probe.uncheckedCalls.get() : 0;
        Throwable thrown = assertThrows(RuntimeException.class, () -> call.run(buffers.dst, buffers.src), where);
        assertTrue(thrown instanceof IndexOutOfBoundsException || thrown instanceof IllegalArgumentException
                || thrown instanceof NullPointerException, where + " threw " + thrown);
        assertEquals(before, buffers.whole(), where + " changed memory");
        buffers.assertGuardsIntact(where);
        if (kernel instanceof ProbeKernel probe) {
            assertEquals(uncheckedBefore, probe.uncheckedCalls.get(), where + " reached the unchecked method");
        }
    }

    @FunctionalInterface
    private interface Call extends Executable {
        void run(ByteBuffer dst, ByteBuffer src);

        @Override
        default void execute() {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * dst and src of CAP bytes each, slices of one direct allocation with GUARD canary bytes before, between and
     * after them: a write past either slice lands in a guard.
     */
    private static final class Guarded {
        final long seed;
        final ByteBuffer all = ByteBuffer.allocateDirect(3 * GUARD + 2 * CAP);
        final ByteBuffer dst;
        final ByteBuffer src;

        Guarded(long seed) {
            this.seed = seed;
            for (int i = 0; i < all.capacity(); i++) {
                all.put(i, CANARY);
            }
            dst = all.slice(GUARD, CAP);
            src = all.slice(2 * GUARD + CAP, CAP);
            Random random = new Random(seed);
            for (int i = 0; i < CAP; i++) {
                dst.put(i, (byte) random.nextInt(256));
                src.put(i, (byte) random.nextInt(256));
            }
        }

        ByteBuffer whole() {
            ByteBuffer copy = ByteBuffer.allocate(all.capacity());
            copy.put(0, all, 0, all.capacity());
            return copy;
        }

        void assertGuardsIntact(String where) {
            int[][] guards = {{0, GUARD}, {GUARD + CAP, 2 * GUARD + CAP}, {2 * GUARD + 2 * CAP, all.capacity()}};
            for (int[] g : guards) {
                for (int i = g[0]; i < g[1]; i++) {
                    assertEquals(CANARY, all.get(i), where + ": guard byte " + i + " overwritten");
                }
            }
        }
    }

    /** Counts every call that got past AbstractSymbolKernel's checks; does no arithmetic. */
    private static final class ProbeKernel extends AbstractSymbolKernel {
        final AtomicInteger uncheckedCalls = new AtomicInteger();

        @Override
        public String name() {
            return "probe";
        }

        @Override
        protected void xorUnchecked(ByteBuffer dst, int dstOffset, ByteBuffer src, int srcOffset, int length) {
            uncheckedCalls.incrementAndGet();
        }

        @Override
        protected void mulAddUnchecked(ByteBuffer dst, int dstOffset, ByteBuffer src, int srcOffset, int c,
                int length) {
            uncheckedCalls.incrementAndGet();
        }

        @Override
        protected void scaleUnchecked(ByteBuffer dst, int dstOffset, int c, int length) {
            uncheckedCalls.incrementAndGet();
        }

        @Override
        protected void runUnchecked(OperationPlan plan, ByteBuffer slab, int symbolSize) {
            uncheckedCalls.incrementAndGet();
        }
    }
}
