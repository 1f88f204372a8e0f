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

    /**
     * Drops the direct copy, which the garbage collector then frees; the next {@link #directCode} makes a new one.
     * For plans whose copy the working set of each user counts: kept with the plan, it would outlive that count
     * (the groups of a source block keep the plan between them). A kernel running the copy meanwhile keeps it.
     */
    public void releaseDirectCode() {
        directCode = null;
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

    /**
     * Collects operations; checks every slot and coefficient so that no invalid plan reaches a kernel. Operations
     * go into fixed-size chunks, never into one array that doubles: a plan of a million operations (K = 51,200)
     * would otherwise hold its old and new array at once, three times its size on the heap; {@link #build()}
     * peaks at twice. Not thread-safe.
     */
    public static final class Builder {
        /** Ints per chunk: a multiple of WORDS_PER_OP, 768 KiB. */
        private static final int CHUNK_INTS = WORDS_PER_OP * (1 << 16);

        private int[][] chunks = new int[4][];
        private int[] chunk;
        private int chunkCount;
        private int inChunk;
        private long length;
        private final int slotCount;

        /** {@code expectedOperations} sizes the first chunk only: small plans stay small. */
        public Builder(int slotCount, int expectedOperations) {
            if (slotCount < 0) {
                throw new IllegalArgumentException("slotCount must be >= 0, got " + slotCount);
            }
            this.slotCount = slotCount;
            this.chunk = new int[(int) Math.min(CHUNK_INTS, Math.max(16L, expectedOperations) * WORDS_PER_OP)];
            chunks[chunkCount++] = chunk;
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
            return (int) (length / WORDS_PER_OP);
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
            if (inChunk + WORDS_PER_OP > chunk.length) {
                nextChunk();
            }
            chunk[inChunk++] = opcode | (c << 8);
            chunk[inChunk++] = dst;
            chunk[inChunk++] = src;
            length += WORDS_PER_OP;
            return this;
        }

        private void nextChunk() {
            if (chunk.length < CHUNK_INTS) {
                // the first chunk was sized from the estimate: grow it up to a full chunk, copying only that
                chunk = Arrays.copyOf(chunk, (int) Math.min(CHUNK_INTS, chunk.length * 2L));
                chunks[chunkCount - 1] = chunk;
                return;
            }
            if (length + CHUNK_INTS > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("plan of more than " + (Integer.MAX_VALUE / WORDS_PER_OP)
                        + " operations");
            }
            if (chunkCount == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunks.length * 2);
            }
            chunk = new int[CHUNK_INTS];
            chunks[chunkCount++] = chunk;
            inChunk = 0;
        }

        public OperationPlan build() {
            int[] code = new int[(int) length];
            int at = 0;
            for (int i = 0; i < chunkCount; i++) {
                int ints = i == chunkCount - 1 ? inChunk : chunks[i].length;
                System.arraycopy(chunks[i], 0, code, at, ints);
                at += ints;
            }
            return new OperationPlan(code, slotCount);
        }
    }
}
