package org.rqlib.kernel;

import java.nio.ByteBuffer;

/**
 * Direct buffers from {@link ByteBuffer#allocateDirect}, returned by the garbage collector: what Java 17 offers
 * without {@code sun.misc.Unsafe}. The JVM counts them against {@code -XX:MaxDirectMemorySize} and, when a
 * reservation would pass it, collects and waits for released buffers before refusing.
 */
final class CollectedDirectMemory implements DirectMemory {
    @Override
    public ByteBuffer allocate(int size) {
        return ByteBuffer.allocateDirect(size);
    }

    @Override
    public void release(ByteBuffer buffer) {
        // dropping the last reference is all there is: the buffer's cleaner runs after the next collection
    }

    @Override
    public boolean freesImmediately() {
        return false;
    }

    @Override
    public boolean countedByJvm() {
        return true;
    }

    @Override
    public String name() {
        return "gc";
    }
}
