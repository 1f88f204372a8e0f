package org.rqlib.kernel;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Where the codec gets the memory it works in. On the JVM this is {@link DirectBuffers#ALLOCATOR} (direct
 * buffers, freed explicitly and cached for reuse); the browser build uses plain heap buffers, since neither
 * direct memory nor explicit freeing exists there. Implementations are thread-safe.
 */
public interface BufferAllocator {

    /** A zero-filled, big-endian buffer of exactly {@code bytes} bytes (capacity == bytes). */
    ByteBuffer allocate(long bytes);

    /** Gives the buffer back; the caller must not touch it afterwards. Null is ignored. */
    void free(ByteBuffer buffer);

    /** Zeroes bytes [offset, offset + length) of the buffer, eight at a time; position and limit are ignored. */
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
}
