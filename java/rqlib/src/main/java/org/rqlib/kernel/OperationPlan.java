package org.rqlib.kernel;

import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * A straight-line program of symbol operations over a slab of equally sized symbol slots: what solving a
 * RaptorQ constraint matrix produces, and what a {@link SymbolKernel} executes in one call.
 *
 * <p>Each operation is three ints: an op word ({@code opcode | coefficient << 8}), the destination slot and the
 * source slot. Slots are indices, not byte offsets, so one plan serves every symbol size. Plans are immutable
 * and thread-safe; build them with {@link Builder}.
 */
public final class OperationPlan {
    /** dst ^= src. */
    public static final int XOR = 0;
    /** dst ^= c * src. */
    public static final int MUL_ADD = 1;
    /** dst = c * dst (the source slot is ignored). */
    public static final int SCALE = 2;
    /** dst = src. */
    public static final int COPY = 3;
    /** dst = 0 (the source slot is ignored). */
    public static final int ZERO = 4;

    /** Ints per operation in {@link #code()}. */
    public static final int WORDS_PER_OP = 3;

    private final int[] code;
    private final int slotCount;
    private final int[] opcodeCounts;
    private volatile IntBuffer directCode;

    private OperationPlan(int[] code, int slotCount) {
        this.code = code;
        this.slotCount = slotCount;
        this.opcodeCounts = new int[ZERO + 1];
        for (int i = 0; i < code.length; i += WORDS_PER_OP) {
            opcodeCounts[code[i] & 0xFF]++;
        }
    }

    /** Number of slots the slab must hold. */
    public int slotCount() {
        return slotCount;
    }

    /** Number of operations. */
    public int operationCount() {
        return code.length / WORDS_PER_OP;
    }

    /** How many operations have the given opcode. */
    public int count(int opcode) {
        return opcodeCounts[opcode];
    }

    public int opcode(int op) {
        return code[op * WORDS_PER_OP] & 0xFF;
    }

    public int coefficient(int op) {
        return code[op * WORDS_PER_OP] >>> 8;
    }

    public int destination(int op) {
        return code[op * WORDS_PER_OP + 1];
    }

    public int source(int op) {
        return code[op * WORDS_PER_OP + 2];
    }

    /** The encoded operations as a read-only view, for kernels that copy the plan to native memory once. */
    public IntBuffer code() {
        return IntBuffer.wrap(code).asReadOnlyBuffer();
    }

    /**
     * The encoded operations in a direct, native-order, read-only buffer, made once and kept with the plan: what
     * a native kernel hands to C without copying on every call.
     */
    public IntBuffer directCode() {
        IntBuffer result = directCode;
        if (result == null) {
            IntBuffer buffer = DirectBuffers.allocateUnowned(Math.max(4, code.length * 4L))
                    .order(ByteOrder.nativeOrder()).asIntBuffer();
            buffer.put(code).flip();
            result = buffer.asReadOnlyBuffer();
            directCode = result;
        }
        return result;
    }

    /** Approximate footprint for bounded caches: the code on the heap and its direct copy for native kernels. */
    public long sizeInBytes() {
        return 16L + 8L * code.length;
    }

    @Override
    public String toString() {
        return "OperationPlan[slots=" + slotCount + ", ops=" + operationCount() + ", xor=" + count(XOR)
                + ", mulAdd=" + count(MUL_ADD) + ", scale=" + count(SCALE) + ", copy=" + count(COPY)
                + ", zero=" + count(ZERO) + "]";
    }

    /** Collects operations; checks every slot and coefficient so that no invalid plan reaches a kernel. */
    public static final class Builder {
        private int[] code;
        private int length;
        private final int slotCount;

        public Builder(int slotCount, int expectedOperations) {
            if (slotCount < 0) {
                throw new IllegalArgumentException("slotCount must be >= 0, got " + slotCount);
            }
            this.slotCount = slotCount;
            this.code = new int[Math.max(16, expectedOperations) * WORDS_PER_OP];
        }

        public Builder xor(int dst, int src) {
            return add(XOR, 1, dst, src);
        }

        /** dst ^= c * src; c = 0 adds nothing and c = 1 becomes a plain xor. */
        public Builder mulAdd(int dst, int src, int c) {
            if (c == 0) {
                return this;
            }
            return c == 1 ? xor(dst, src) : add(MUL_ADD, c, dst, src);
        }

        /** dst = c * dst; c = 1 is skipped. c = 0 is rejected: use {@link #zero}. */
        public Builder scale(int dst, int c) {
            if (c == 0) {
                throw new IllegalArgumentException("scale by 0: use zero()");
            }
            return c == 1 ? this : add(SCALE, c, dst, dst);
        }

        public Builder copy(int dst, int src) {
            return dst == src ? this : add(COPY, 1, dst, src);
        }

        public Builder zero(int dst) {
            return add(ZERO, 1, dst, dst);
        }

        public int operationCount() {
            return length / WORDS_PER_OP;
        }

        private Builder add(int opcode, int c, int dst, int src) {
            if (dst < 0 || dst >= slotCount || src < 0 || src >= slotCount) {
                throw new IllegalArgumentException(
                        "slot out of range: dst=" + dst + ", src=" + src + ", slots=" + slotCount);
            }
            if (c < 1 || c > 255) {
                throw new IllegalArgumentException("coefficient out of range: " + c);
            }
            if ((opcode == XOR || opcode == MUL_ADD) && dst == src) {
                throw new IllegalArgumentException("operation " + opcode + " with dst == src == " + dst);
            }
            if (length + WORDS_PER_OP > code.length) {
                code = Arrays.copyOf(code, code.length * 2);
            }
            code[length++] = opcode | (c << 8);
            code[length++] = dst;
            code[length++] = src;
            return this;
        }

        public OperationPlan build() {
            return new OperationPlan(Arrays.copyOf(code, length), slotCount);
        }
    }
}
