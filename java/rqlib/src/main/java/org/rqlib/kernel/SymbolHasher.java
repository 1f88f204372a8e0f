package org.rqlib.kernel;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * BLAKE3-256 (hash mode, 32-byte digests) as rqlib names symbol files and checks blocks, selected alongside the
 * {@link SymbolKernel} ({@link SymbolKernel#hasher()}, chosen by {@link SymbolHashers#selected()}): the pure-Java
 * {@link JavaSymbolHasher} everywhere, the native one where the native kernel is in use. Every implementation
 * gives the same bytes. Shaped for few calls over much data: many equal-length messages per call (each symbol
 * file: its 4-byte header as a prefix, then its symbol), and an incremental hasher fed large pieces.
 *
 * <p>Buffers are addressed by absolute offsets against their capacity; positions and limits are neither read nor
 * changed. Implementations are stateless and thread-safe; an {@link Incremental} is not.
 */
public interface SymbolHasher {
    /** Bytes of a digest. */
    int DIGEST_BYTES = 32;
    /** The longest prefix {@link #digestMany} accepts. */
    int MAX_PREFIX = 64;

    /** A short name: {@code java}, {@code native-avx2}, ... */
    String name();

    /**
     * Digests of {@code count} messages of equal length: message i is {@code prefixLength} bytes of
     * {@code prefixes} from {@code i * prefixLength}, then {@code length} bytes of {@code data} from
     * {@code offset + i * stride}; its digest goes to {@code out} at {@code outOffset + 32 * i}.
     *
     * @throws IndexOutOfBoundsException when a range lies outside its buffer or array
     * @throws IllegalArgumentException  when a count, length, stride or prefix length is negative or too large
     */
    void digestMany(ByteBuffer data, int offset, int stride, int length, int count, byte[] prefixes,
            int prefixLength, byte[] out, int outOffset);

    /** A new incremental hasher of one message. */
    Incremental newIncremental();

    /** One message fed in pieces. Reusable after {@link #finish}; not thread-safe. */
    interface Incremental {
        /** Adds {@code length} bytes of {@code src} from absolute index {@code offset} (against its capacity). */
        void update(ByteBuffer src, int offset, int length);

        void update(byte[] src, int offset, int length);

        /** Writes the digest of everything added into {@code out} at {@code offset}, and starts a new message. */
        void finish(byte[] out, int offset);
    }

    /** The checks every {@link #digestMany} makes before touching memory. */
    static void checkMany(ByteBuffer data, int offset, int stride, int length, int count, byte[] prefixes,
            int prefixLength, byte[] out, int outOffset) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(out, "out");
        if (count < 0 || length < 0 || stride < 0 || offset < 0) {
            throw new IllegalArgumentException("negative argument: count " + count + ", length " + length
                    + ", stride " + stride + ", offset " + offset);
        }
        if (prefixLength < 0 || prefixLength > MAX_PREFIX) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not in [0, " + MAX_PREFIX + "]");
        }
        if (count == 0) {
            return;
        }
        long end = offset + (long) (count - 1) * stride + length;
        if (end > data.capacity()) {
            throw new IndexOutOfBoundsException(count + " messages of " + length + " bytes every " + stride
                    + " bytes from " + offset + " end at " + end + ", past the buffer's capacity " + data.capacity());
        }
        if (prefixLength > 0) {
            Objects.requireNonNull(prefixes, "prefixes");
            Objects.checkFromIndexSize(0, (long) count * prefixLength, prefixes.length);
        }
        Objects.checkFromIndexSize(outOffset, (long) count * DIGEST_BYTES, out.length);
    }
}
