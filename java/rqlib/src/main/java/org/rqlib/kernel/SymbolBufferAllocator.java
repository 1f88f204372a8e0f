package org.rqlib.kernel;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Where the codec gets the buffers its symbols live in. The codec core ({@code org.rqlib.codec}) asks only this
 * interface, so it runs wherever a {@link ByteBuffer} does: on the JVM the default is
 * {@link DirectBuffers#allocator()} (direct memory, freed on {@link #free} and cached for reuse), while a runtime
 * without direct memory or {@code java.lang.management} (a browser build) plugs {@link HeapBufferAllocator}
 * together with a kernel that accepts heap buffers ({@link JavaSymbolKernel}).
 *
 * <p>Implementations are thread-safe. A buffer has one owner, who frees it once and never touches it afterwards.
 */
public interface SymbolBufferAllocator {

    /**
     * A zero-filled buffer of exactly {@code bytes} bytes (capacity == bytes), position 0, limit at capacity,
     * big-endian.
     *
     * @throws IllegalArgumentException when bytes is outside [0, 2^31)
     * @throws org.rqlib.ResourceLimitException when the memory this allocator may use has no room for it
     */
    ByteBuffer allocate(long bytes);

    /**
     * Like {@link #allocate}, but the contents are unspecified (a reused buffer keeps its last owner's bytes):
     * for callers that write every byte before they read it, or clear only the parts that must start at zero.
     * Zero-filling a whole working set costs as much as a tenth of encoding a small block. The default clears
     * like {@link #allocate}.
     */
    default ByteBuffer allocateUncleared(long bytes) {
        return allocate(bytes);
    }

    /** Gives back a buffer from {@link #allocate}; null is ignored. The caller must not touch it afterwards. */
    void free(ByteBuffer buffer);

    /**
     * Zeroes bytes [offset, offset + length) of the buffer, eight at a time; position and limit are ignored.
     * Every allocator hands out zeroed memory, and the decoder and kernels clear slots with this same routine.
     */
    static void fillZero(ByteBuffer buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.capacity());
        int i = offset;
        int end = offset + length;
        for (int wordsEnd = end - 7; i < wordsEnd; i += 8) {
            buffer.putLong(i, 0L);
        }
        for (; i < end; i++) {
            buffer.put(i, (byte) 0);
        }
    }

    /** Throws unless {@code bytes} can be the capacity of one buffer. */
    static int checkedCapacity(long bytes) {
        if (bytes < 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("buffer of " + bytes + " bytes is not in [0, 2^31)");
        }
        return (int) bytes;
    }
}
