package org.rqlib.kernel;

import java.nio.ByteBuffer;

/**
 * Buffers on the Java heap, released by the garbage collector: for runtimes without direct memory (a browser
 * build through TeaVM) and for tests. Pair it with a kernel that accepts heap buffers ({@link JavaSymbolKernel});
 * native kernels need direct memory. Thread-safe and stateless.
 */
public final class HeapBufferAllocator implements SymbolBufferAllocator {
    /** The shared instance; the class has no state. */
    public static final HeapBufferAllocator INSTANCE = new HeapBufferAllocator();

    private HeapBufferAllocator() {
    }

    @Override
    public ByteBuffer allocate(long bytes) {
        // ByteBuffer.allocate zero-fills and is big-endian
        return ByteBuffer.allocate(SymbolBufferAllocator.checkedCapacity(bytes));
    }

    @Override
    public void free(ByteBuffer buffer) {
        // nothing to do: the collector reclaims the array once the owner drops it
    }
}
