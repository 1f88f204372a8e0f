package org.rqlib.kernel;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Allocates and frees direct buffers. Java 17 has no public way to free a direct buffer before garbage
 * collection; for a library that must stay inside a memory budget, waiting for GC is not good enough, so
 * {@link #free} uses {@code sun.misc.Unsafe.invokeCleaner} where available (the approach of Netty and Lucene)
 * and otherwise leaves the buffer to the collector. Thread-safe.
 */
public final class DirectBuffers {
    private static final MethodHandle INVOKE_CLEANER = findCleaner();

    private DirectBuffers() {
    }

    /** A zero-filled direct buffer of {@code bytes} bytes. */
    public static ByteBuffer allocate(long bytes) {
        if (bytes < 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("direct buffer of " + bytes + " bytes is not in [0, 2^31)");
        }
        return ByteBuffer.allocateDirect((int) bytes);
    }

    /**
     * Releases the buffer's memory now. The caller must own the buffer (not a slice or duplicate) and must not
     * touch it afterwards. Null is ignored.
     */
    public static void free(ByteBuffer buffer) {
        if (buffer == null || !buffer.isDirect() || INVOKE_CLEANER == null) {
            return;
        }
        try {
            INVOKE_CLEANER.invokeExact(buffer);
        } catch (IllegalArgumentException e) {
            // a slice or duplicate: its memory belongs to another buffer, which frees it
        } catch (Throwable e) {
            throw new IllegalStateException("cannot free direct buffer", e);
        }
    }

    /** Whether {@link #free} releases memory immediately on this JVM. */
    public static boolean freesImmediately() {
        return INVOKE_CLEANER != null;
    }

    private static MethodHandle findCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            Object unsafe = field.get(null);
            MethodHandle handle = MethodHandles.lookup().findVirtual(unsafeClass, "invokeCleaner",
                    MethodType.methodType(void.class, ByteBuffer.class));
            return handle.bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
