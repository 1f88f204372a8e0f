package org.rqlib.kernel;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * How this JVM gets the raw memory behind {@link DirectBuffers} and gives it back, without {@code sun.misc.Unsafe}
 * (which Java 24+ warns about and {@code --sun-misc-unsafe-memory-access=deny} forbids):
 * <ul>
 *   <li>Java 22 and later: each buffer is a segment of its own shared {@link java.lang.foreign.Arena}, closed when
 *       the buffer is released, so memory is returned at once ({@link ArenaDirectMemory});</li>
 *   <li>Java 17 to 21: {@link ByteBuffer#allocateDirect}; a released buffer is dropped and the garbage collector
 *       returns its memory. The JVM enforces {@code -XX:MaxDirectMemorySize} and collects when it is reached, and
 *       the buffer cache makes most releases reuses ({@link CollectedDirectMemory}).</li>
 * </ul>
 * System property {@value #PROPERTY} ({@code auto}, {@code arena} or {@code gc}) forces one, for tests.
 */
interface DirectMemory {
    /** System property choosing how direct memory is freed: auto (default), arena (Java 22+) or gc. */
    String PROPERTY = "rqlib.directMemory";

    /** A zero-filled, big-endian direct buffer of {@code size} bytes; OutOfMemoryError when refused. */
    ByteBuffer allocate(int size);

    /** Returns the memory of a buffer from {@link #allocate}; called once per buffer, by its last owner. */
    void release(ByteBuffer buffer);

    /** Whether {@link #release} gives memory back now rather than at the next garbage collection. */
    boolean freesImmediately();

    /** Whether the JVM counts this memory against {@code -XX:MaxDirectMemorySize} (else rqlib must). */
    boolean countedByJvm();

    /** A short name for diagnostics: {@code arena} or {@code gc}. */
    String name();

    static DirectMemory forThisJvm() {
        String chosen = System.getProperty(PROPERTY, "auto").strip().toLowerCase(Locale.ROOT);
        boolean arenaFinal = Runtime.version().feature() >= 22;
        if (chosen.equals("gc") || !arenaFinal) {
            return new CollectedDirectMemory();
        }
        DirectMemory arena = ArenaDirectMemory.create();
        return arena != null ? arena : new CollectedDirectMemory();
    }
}
