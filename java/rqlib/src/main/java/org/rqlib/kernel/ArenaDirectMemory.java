package org.rqlib.kernel;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Direct buffers that are segments of their own shared {@code java.lang.foreign.Arena} (final in Java 22),
 * freed at once by closing the arena. The API is bound through method handles at run time, so the jar is built
 * and runs on Java 17, where {@link DirectMemory#forThisJvm()} never creates this class. A buffer used after its
 * arena closed throws {@link IllegalStateException} instead of reading freed memory.
 *
 * <p>Arena memory is not counted against {@code -XX:MaxDirectMemorySize}; {@link DirectBuffers} enforces that
 * limit itself. Thread-safe.
 */
final class ArenaDirectMemory implements DirectMemory {
    /** Segments start on a cache line, which the SIMD kernels like; allocateDirect gives only 8. */
    private static final long ALIGNMENT = 64;

    private final MethodHandle ofShared;      // () -> Arena
    private final MethodHandle allocate;      // (Arena, long, long) -> MemorySegment
    private final MethodHandle asByteBuffer;  // (MemorySegment) -> ByteBuffer
    private final MethodHandle close;         // (Arena) -> void
    /** The arena of each buffer handed out; by identity, since ByteBuffer.equals compares contents. */
    private final Map<ByteBuffer, Object> arenas = new IdentityHashMap<>();

    private ArenaDirectMemory(MethodHandle ofShared, MethodHandle allocate, MethodHandle asByteBuffer,
            MethodHandle close) {
        this.ofShared = ofShared;
        this.allocate = allocate;
        this.asByteBuffer = asByteBuffer;
        this.close = close;
    }

    /** The arena-backed memory, or null when this JVM lacks the final java.lang.foreign API. */
    static ArenaDirectMemory create() {
        try {
            Class<?> arena = Class.forName("java.lang.foreign.Arena");
            Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle ofShared = lookup.findStatic(arena, "ofShared", MethodType.methodType(arena))
                    .asType(MethodType.methodType(Object.class));
            MethodHandle allocate = lookup.findVirtual(arena, "allocate",
                    MethodType.methodType(segment, long.class, long.class))
                    .asType(MethodType.methodType(Object.class, Object.class, long.class, long.class));
            MethodHandle asByteBuffer = lookup.findVirtual(segment, "asByteBuffer",
                    MethodType.methodType(ByteBuffer.class))
                    .asType(MethodType.methodType(ByteBuffer.class, Object.class));
            MethodHandle close = lookup.findVirtual(arena, "close", MethodType.methodType(void.class))
                    .asType(MethodType.methodType(void.class, Object.class));
            return new ArenaDirectMemory(ofShared, allocate, asByteBuffer, close);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public ByteBuffer allocate(int size) {
        Object arena;
        try {
            arena = ofShared.invokeExact();
        } catch (Throwable e) {
            throw unchecked(e, "opening an arena");
        }
        ByteBuffer buffer;
        try {
            // Arena.allocate zero-fills; the view is direct and big-endian
            Object segment = allocate.invokeExact(arena, (long) size, ALIGNMENT);
            buffer = (ByteBuffer) asByteBuffer.invokeExact(segment);
        } catch (Throwable e) {
            closeQuietly(arena);
            throw unchecked(e, "allocating " + size + " bytes in an arena");
        }
        synchronized (arenas) {
            arenas.put(buffer, arena);
        }
        return buffer;
    }

    @Override
    public void release(ByteBuffer buffer) {
        Object arena;
        synchronized (arenas) {
            arena = arenas.remove(buffer);
        }
        if (arena != null) {
            try {
                close.invokeExact(arena);
            } catch (Throwable e) {
                throw unchecked(e, "closing the arena of a " + buffer.capacity() + "-byte buffer");
            }
        }
    }

    /** Errors (OutOfMemoryError above all) and runtime exceptions as they are; anything else wrapped. */
    private static RuntimeException unchecked(Throwable e, String what) {
        if (e instanceof Error error) {
            throw error;
        }
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException(what, e);
    }

    private void closeQuietly(Object arena) {
        try {
            close.invokeExact(arena);
        } catch (Throwable e) {
            // the allocation failure is what the caller must see
        }
    }

    @Override
    public boolean freesImmediately() {
        return true;
    }

    @Override
    public boolean countedByJvm() {
        return false;
    }

    @Override
    public String name() {
        return "arena";
    }
}
