package org.rqlib.kernel;

import java.nio.ByteBuffer;

/**
 * Heap buffers for the codec, freed by the garbage collector: the allocator of the browser build (no direct
 * memory there), paired with {@link ArraySymbolKernel}. Stateless and thread-safe.
 */
public final class HeapBufferAllocator implements BufferAllocator {
    /** The shared instance. */
    public static final HeapBufferAllocator INSTANCE = new HeapBufferAllocator();

    private HeapBufferAllocator() {
    }

    @Override
    public ByteBuffer allocate(long bytes) {
        if (bytes < 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("heap buffer of " + bytes + " bytes is not in [0, 2^31)");
        }
        return ByteBuffer.allocate((int) bytes);
    }

    @Override
    public void free(ByteBuffer buffer) {
        // the garbage collector frees heap buffers
    }
}
