package org.rqlib.kernel;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The check a kernel passes before {@link Kernels} uses it: each operation on a fixed pseudo-random vector (odd
 * length and offsets, so SIMD bulk and tail both run) must give the bytes the pure-Java kernel gives, and the
 * field must be RFC 6330's (x * x^7 = 0x1D under 0x11D; under GFNI's own 0x11B it would be 0x1B).
 */
final class KernelSelfTest {
    private static final long SEED = 0x5EED_6330L;
    private static final int LENGTH = 1283;
    private static final int OFFSET = 5;

    private KernelSelfTest() {
    }

    /** Empty when the kernel agrees with the Java kernel, else what differed. Never throws. */
    static Optional<String> run(SymbolKernel candidate) {
        try {
            return compare(candidate);
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("self-test threw " + e);
        }
    }

    private static Optional<String> compare(SymbolKernel candidate) {
        ByteBuffer one = ByteBuffer.allocateDirect(1);
        ByteBuffer product = ByteBuffer.allocateDirect(1);
        one.put(0, (byte) 0x80);
        candidate.mulAdd(product, 0, one, 0, 2, 1);
        if (product.get(0) != 0x1D) {
            return Optional.of(String.format("2 * 0x80 gave 0x%02x, expected 0x1d (field 0x11D)", product.get(0)));
        }
        SplittableRandom random = new SplittableRandom(SEED);
        ByteBuffer src = randomBuffer(random, LENGTH + 2 * OFFSET);
        int[] coefficients = {0, 1, 2, 0x53, 0x8E, 0xFF};
        for (int c : coefficients) {
            ByteBuffer expected = randomBuffer(random, LENGTH + 2 * OFFSET);
            ByteBuffer actual = copyOf(expected);
            JavaSymbolKernel.INSTANCE.mulAdd(expected, OFFSET, src, OFFSET - 2, c, LENGTH);
            candidate.mulAdd(actual, OFFSET, src, OFFSET - 2, c, LENGTH);
            if (!expected.equals(actual)) {
                return Optional.of("mulAdd with c=" + c + " differs from the Java kernel");
            }
            JavaSymbolKernel.INSTANCE.scale(expected, OFFSET + 1, c, LENGTH);
            candidate.scale(actual, OFFSET + 1, c, LENGTH);
            if (!expected.equals(actual)) {
                return Optional.of("scale with c=" + c + " differs from the Java kernel");
            }
        }
        ByteBuffer expected = randomBuffer(random, LENGTH + 2 * OFFSET);
        ByteBuffer actual = copyOf(expected);
        JavaSymbolKernel.INSTANCE.xor(expected, OFFSET, src, 1, LENGTH);
        candidate.xor(actual, OFFSET, src, 1, LENGTH);
        if (!expected.equals(actual)) {
            return Optional.of("xor differs from the Java kernel");
        }
        return comparePlan(candidate, random);
    }

    /** A plan with every opcode and a run of same-destination terms (what a native kernel may fuse). */
    private static Optional<String> comparePlan(SymbolKernel candidate, SplittableRandom random) {
        int slots = 6;
        int symbolSize = 211;
        OperationPlan plan = new OperationPlan.Builder(slots, 16)
                .mulAdd(0, 1, 0x1F).xor(0, 2).mulAdd(0, 3, 0xC4).mulAdd(0, 4, 0x02)
                .scale(1, 0x9A).copy(5, 0).xor(2, 5).zero(3).mulAdd(3, 2, 0x77)
                .build();
        ByteBuffer expected = randomBuffer(random, slots * symbolSize);
        ByteBuffer actual = copyOf(expected);
        JavaSymbolKernel.INSTANCE.run(plan, expected, symbolSize);
        candidate.run(plan, actual, symbolSize);
        return expected.equals(actual) ? Optional.empty() : Optional.of("run(plan) differs from the Java kernel");
    }

    private static ByteBuffer randomBuffer(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return ByteBuffer.allocateDirect(length).put(bytes).clear();
    }

    private static ByteBuffer copyOf(ByteBuffer buffer) {
        return ByteBuffer.allocateDirect(buffer.capacity()).put(buffer.duplicate().clear()).clear();
    }
}
