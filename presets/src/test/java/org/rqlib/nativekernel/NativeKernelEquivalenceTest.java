package org.rqlib.nativekernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rqlib.kernel.JavaSymbolKernel;
import org.rqlib.kernel.Kernels;
import org.rqlib.kernel.OperationPlan;
import org.rqlib.kernel.SymbolKernel;

/**
 * Every native instruction set this CPU runs against the Java kernel: byte-identical results of xor, mulAdd,
 * scale and random plans on random data at odd lengths and offsets, with buffer positions that are not zero
 * (the binding must ignore them). Seeded; a failure message carries the seed (-Drqlib.test.seed=... replays).
 */
class NativeKernelEquivalenceTest {
    private static final long SEED = Long.getLong("rqlib.test.seed", 0x6330_2024L);
    private static final SymbolKernel JAVA = JavaSymbolKernel.INSTANCE;

    @BeforeAll
    static void requireNativeLibrary() {
        assumeTrue(NativeLibrary.failure().isEmpty(), () -> "native kernel not loadable, skipping: "
                + NativeLibrary.failure().orElse(""));
        System.out.println("native kernels under test: " + nativeKernels().toList() + " (seed " + SEED + ")");
    }

    static Stream<SymbolKernel> nativeKernels() {
        if (NativeLibrary.failure().isPresent()) {
            return Stream.empty();
        }
        return new NativeKernelProvider().kernels().stream();
    }

    @ParameterizedTest
    @MethodSource("nativeKernels")
    void mulAddScaleAndXorMatchJavaForEveryCoefficient(SymbolKernel kernel) {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int c = 0; c < 256; c++) {
            int length = random.nextInt(0, 700);
            int dstOffset = random.nextInt(0, 70);
            int srcOffset = random.nextInt(0, 70);
            ByteBuffer src = randomBuffer(random, srcOffset + length + 13);
            ByteBuffer expected = randomBuffer(random, dstOffset + length + 11);
            ByteBuffer actual = copyWithPosition(expected, random.nextInt(0, expected.capacity() + 1));
            src.position(random.nextInt(0, src.capacity() + 1));
            String where = kernel.name() + " c=" + c + " length=" + length + " dstOffset=" + dstOffset
                    + " srcOffset=" + srcOffset + " seed=" + SEED;

            JAVA.mulAdd(expected, dstOffset, src, srcOffset, c, length);
            kernel.mulAdd(actual, dstOffset, src, srcOffset, c, length);
            assertEquals(expected.duplicate().clear(), actual.duplicate().clear(), "mulAdd " + where);

            JAVA.scale(expected, dstOffset, c, length);
            kernel.scale(actual, dstOffset, c, length);
            assertEquals(expected.duplicate().clear(), actual.duplicate().clear(), "scale " + where);

            JAVA.xor(expected, dstOffset, src, srcOffset, length);
            kernel.xor(actual, dstOffset, src, srcOffset, length);
            assertEquals(expected.duplicate().clear(), actual.duplicate().clear(), "xor " + where);
        }
    }

    @ParameterizedTest
    @MethodSource("nativeKernels")
    void randomPlansMatchJava(SymbolKernel kernel) {
        SplittableRandom random = new SplittableRandom(SEED ^ 0x9E3779B97F4A7C15L);
        for (int round = 0; round < 40; round++) {
            int slots = random.nextInt(2, 40);
            int symbolSize = random.nextInt(1, 1400);
            OperationPlan plan = randomPlan(random, slots, random.nextInt(0, 600));
            ByteBuffer expected = randomBuffer(random, slots * symbolSize + random.nextInt(0, 9));
            ByteBuffer actual = copyWithPosition(expected, random.nextInt(0, expected.capacity() + 1));
            JAVA.run(plan, expected, symbolSize);
            kernel.run(plan, actual, symbolSize);
            assertEquals(expected.duplicate().clear(), actual.duplicate().clear(), kernel.name() + " round "
                    + round + " " + plan + " symbolSize=" + symbolSize + " seed=" + SEED);
        }
    }

    @ParameterizedTest
    @MethodSource("nativeKernels")
    void isListedByKernelsAvailable(SymbolKernel kernel) {
        List<String> names = Kernels.available().stream().map(SymbolKernel::name).toList();
        assertEquals("java", names.get(0));
        assertEquals(true, names.contains(kernel.name()), names.toString());
    }

    /** Mostly runs of terms into one destination (what the C side fuses), plus every other opcode. */
    static OperationPlan randomPlan(SplittableRandom random, int slots, int operations) {
        OperationPlan.Builder builder = new OperationPlan.Builder(slots, operations);
        int dst = 0;
        for (int i = 0; i < operations; i++) {
            if (random.nextInt(8) == 0) {
                dst = random.nextInt(slots);
            }
            int src = (dst + 1 + random.nextInt(slots - 1)) % slots;
            switch (random.nextInt(12)) {
                case 0 -> builder.scale(dst, 1 + random.nextInt(255));
                case 1 -> builder.copy(dst, src);
                case 2 -> builder.zero(dst);
                case 3, 4, 5 -> builder.xor(dst, src);
                default -> builder.mulAdd(dst, src, random.nextInt(256));
            }
        }
        return builder.build();
    }

    static ByteBuffer randomBuffer(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return ByteBuffer.allocateDirect(length).put(bytes).clear();
    }

    /** A copy whose position is not 0: offsets are absolute, so the position must make no difference. */
    static ByteBuffer copyWithPosition(ByteBuffer buffer, int position) {
        ByteBuffer copy = ByteBuffer.allocateDirect(buffer.capacity()).put(buffer.duplicate().clear());
        return copy.position(position);
    }
}
