package org.rqlib.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * BLAKE3 in hash mode with a 32-byte digest, for inputs of any length: 1024-byte chunks of 64-byte blocks, and the
 * binary tree of parent nodes over the chunks kept as a stack of chaining values (BLAKE3 spec, section 5.1.2).
 *
 * <p>Runs of whole chunks are hashed side by side by {@link Blake3Lanes}; the rest, one block at a time by
 * {@link Blake3Compression}. Every input is read through a little-endian {@link ByteBuffer} (a heap byte array is wrapped once per call),
 * so one loop, one message loader and one {@link Blake3Compression#compress} serve heap and direct memory: few,
 * simple methods reach compiled code sooner. Nothing is allocated per block or chunk.
 *
 * <p>The last block seen is always held back in {@link #pending}: only when more input arrives is it known not to be
 * the final block, whose flags ({@code CHUNK_END}, {@code ROOT}) and length differ.
 *
 * <p>Reusable: {@link #finish} resets the instance. Not thread-safe.
 */
public final class Blake3Hasher {
    /** Bytes of the digest. */
    public static final int DIGEST_BYTES = 32;
    private static final int BLOCK = 64;
    private static final int BLOCKS_PER_CHUNK = 16;
    private static final int CHUNK = 1024;
    private static final int CV_BYTES = 32;
    /** Fewer whole chunks than this go one block at a time: a lane loop over so few chunks gains nothing. */
    private static final int MIN_LANES = 4;
    /** 2^64 bytes of input make 2^54 chunks, so the stack never holds more than 54 chaining values. */
    private static final int MAX_DEPTH = 54;

    /** Chaining value of the chunk in progress. */
    private final int[] cv = new int[8];
    private final Blake3Lanes lanes = new Blake3Lanes();
    /** Message words of the block being compressed. */
    private final int[] words = new int[16];
    private final byte[] pending = new byte[BLOCK];
    private final ByteBuffer pendingView = ByteBuffer.wrap(pending).order(ByteOrder.LITTLE_ENDIAN);
    /**
     * Chaining values of completed subtrees, 32 little-endian bytes each. The right child is written just above its
     * left sibling, so the two form the 64-byte message block of their parent where they lie.
     */
    private final ByteBuffer stack = ByteBuffer.allocate((MAX_DEPTH + 1) * CV_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private int depth;
    private int pendingLength;
    /** Blocks of the current chunk already compressed, 0 to 15. */
    private int blocksDone;
    private long chunkCounter;

    public Blake3Hasher() {
        reset();
    }

    /** Forgets all input, ready to hash a new stream. */
    public void reset() {
        Blake3Compression.startCv(cv);
        depth = 0;
        pendingLength = 0;
        blocksDone = 0;
        chunkCounter = 0;
    }

    /** Adds {@code length} bytes of {@code src} from {@code offset}. */
    public void update(byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        if (length > 0) {
            absorb(ByteBuffer.wrap(src).order(ByteOrder.LITTLE_ENDIAN), offset, length);
        }
    }

    /**
     * Adds {@code length} bytes of {@code src} from absolute index {@code offset}; its position is not moved. The
     * bytes must lie below the limit of a direct buffer and within the capacity of a heap buffer (whose backing
     * array is read directly, as the BouncyCastle-based hasher did).
     */
    public void update(ByteBuffer src, int offset, int length) {
        if (src.hasArray()) {
            Objects.checkFromIndexSize(offset, length, src.capacity());
            if (length > 0) {
                // Wrapping the array keeps one heap buffer class at the loader's call sites, whatever the caller's.
                absorb(ByteBuffer.wrap(src.array()).order(ByteOrder.LITTLE_ENDIAN), src.arrayOffset() + offset,
                        length);
            }
            return;
        }
        Objects.checkFromIndexSize(offset, length, src.limit());
        if (length > 0) {
            absorb(src.duplicate().order(ByteOrder.LITTLE_ENDIAN), offset, length);
        }
    }

    /** {@code le} is little-endian; {@code length > 0} bytes from {@code offset} are known to lie inside it. */
    private void absorb(ByteBuffer le, int offset, int length) {
        if (pendingLength > 0) {
            int take = Math.min(BLOCK - pendingLength, length);
            le.get(offset, pending, pendingLength, take);
            pendingLength += take;
            offset += take;
            length -= take;
            if (length == 0) {
                return;
            }
            loadWords(pendingView, 0);
            compressInnerBlock();
        }
        // Strictly more than a block: the last block (possibly a full one) stays pending.
        while (length > BLOCK) {
            // Whole chunks with more input after them go through the lanes, a batch at a time.
            if (blocksDone == 0 && length > MIN_LANES * CHUNK) {
                int chunks = Math.min(Blake3Lanes.LANES, (length - 1) / CHUNK);
                lanes.hashChunks(le, offset, chunks, chunkCounter);
                for (int l = 0; l < chunks; l++) {
                    lanes.cv(l, cv);
                    pushChunk();
                }
                offset += chunks * CHUNK;
                length -= chunks * CHUNK;
                continue;
            }
            loadWords(le, offset);
            compressInnerBlock();
            offset += BLOCK;
            length -= BLOCK;
        }
        le.get(offset, pending, 0, length);
        pendingLength = length;
    }

    private void loadWords(ByteBuffer le, int offset) {
        int[] m = words;
        m[0] = le.getInt(offset);
        m[1] = le.getInt(offset + 4);
        m[2] = le.getInt(offset + 8);
        m[3] = le.getInt(offset + 12);
        m[4] = le.getInt(offset + 16);
        m[5] = le.getInt(offset + 20);
        m[6] = le.getInt(offset + 24);
        m[7] = le.getInt(offset + 28);
        m[8] = le.getInt(offset + 32);
        m[9] = le.getInt(offset + 36);
        m[10] = le.getInt(offset + 40);
        m[11] = le.getInt(offset + 44);
        m[12] = le.getInt(offset + 48);
        m[13] = le.getInt(offset + 52);
        m[14] = le.getInt(offset + 56);
        m[15] = le.getInt(offset + 60);
    }

    /** Compresses the full block in {@link #words}, known not to be the last block of the input. */
    private void compressInnerBlock() {
        int flags = blocksDone == 0 ? Blake3Compression.CHUNK_START : 0;
        if (blocksDone < BLOCKS_PER_CHUNK - 1) {
            Blake3Compression.compress(cv, words, chunkCounter, BLOCK, flags);
            blocksDone++;
            return;
        }
        Blake3Compression.compress(cv, words, chunkCounter, BLOCK, flags | Blake3Compression.CHUNK_END);
        pushChunk();
    }

    /**
     * Adds the finished chunk's chaining value to the tree (spec 5.1.2): after {@code n} chunks, as many subtrees
     * are complete as {@code n} has trailing zero bits, and each merges with its left sibling. More input is known
     * to follow, so none of these parents is the root.
     */
    private void pushChunk() {
        long chunks = ++chunkCounter;
        storeCv(depth);
        while ((chunks & 1) == 0) {
            depth--;
            Blake3Compression.startCv(cv);
            loadWords(stack, depth * CV_BYTES);
            Blake3Compression.compress(cv, words, 0, BLOCK, Blake3Compression.PARENT);
            storeCv(depth);
            chunks >>>= 1;
        }
        depth++;
        Blake3Compression.startCv(cv);
        blocksDone = 0;
    }

    private void storeCv(int level) {
        int at = level * CV_BYTES;
        for (int i = 0; i < 8; i++) {
            stack.putInt(at + 4 * i, cv[i]);
        }
    }

    /** The digest of everything added since the last reset; resets this hasher. */
    public byte[] finish() {
        byte[] out = new byte[DIGEST_BYTES];
        finish(out, 0);
        return out;
    }

    /** Writes the digest into {@code out} at {@code offset}; resets this hasher. */
    public void finish(byte[] out, int offset) {
        Objects.checkFromIndexSize(offset, DIGEST_BYTES, out.length);
        // The last block is zero-padded; its length field says how many bytes are real.
        Arrays.fill(pending, pendingLength, BLOCK, (byte) 0);
        loadWords(pendingView, 0);
        int flags = Blake3Compression.CHUNK_END | (blocksDone == 0 ? Blake3Compression.CHUNK_START : 0);
        Blake3Compression.compress(cv, words, chunkCounter, pendingLength,
                depth == 0 ? flags | Blake3Compression.ROOT : flags);
        // Fold the stack from the top: each parent's right child is the subtree just finished.
        while (depth > 0) {
            depth--;
            storeCv(depth + 1);
            Blake3Compression.startCv(cv);
            loadWords(stack, depth * CV_BYTES);
            int parent = Blake3Compression.PARENT;
            Blake3Compression.compress(cv, words, 0, BLOCK, depth == 0 ? parent | Blake3Compression.ROOT : parent);
        }
        ByteBuffer le = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 8; i++) {
            le.putInt(offset + 4 * i, cv[i]);
        }
        reset();
    }
}
