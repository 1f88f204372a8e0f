package org.rqlib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Direct memory without {@code sun.misc.Unsafe}: arena segments freed at once on Java 22+, dropped buffers
 * collected on 17; no main class refers to Unsafe, and the codec core refers to the JVM-only allocator only
 * where a codec is created with the default.
 */
class DirectMemoryTest {

    @Test
    void theReleaseModeFollowsTheJavaVersion() {
        boolean arena = Runtime.version().feature() >= 22
                && !"gc".equals(System.getProperty(DirectMemory.PROPERTY));
        assertEquals(arena ? "arena" : "gc", DirectBuffers.releaseMode(), "Java " + Runtime.version());
        assertEquals(arena, DirectBuffers.freesImmediately());
    }

    @Test
    void collectedMemoryIsZeroedDirectAndBigEndian() {
        ByteBuffer buffer = new CollectedDirectMemory().allocate(4099);
        assertTrue(buffer.isDirect());
        assertEquals(ByteOrder.BIG_ENDIAN, buffer.order());
        assertEquals(0, buffer.get(4098));
    }

    @Test
    void collectedMemoryStartsOnACacheLineWithTheExactCapacity() {
        CollectedDirectMemory memory = new CollectedDirectMemory();
        for (int size : new int[] {0, 1, 63, 64, 100, 4099, 1 << 20}) {
            ByteBuffer buffer = memory.allocate(size);
            assertEquals(0, buffer.alignmentOffset(0, 64), "size " + size);
            assertEquals(size, buffer.capacity(), "size " + size);
            assertEquals(0, buffer.position(), "size " + size);
        }
    }

    @Test
    void anArenaBufferIsFreedAtOnceAndCannotBeUsedAfterwards() {
        assumeTrue(Runtime.version().feature() >= 22, "java.lang.foreign.Arena is final from Java 22; this is "
                + Runtime.version() + " (ci/consumer-module.sh runs this test on Java 25)");
        ArenaDirectMemory memory = ArenaDirectMemory.create();
        assertNotNull(memory, "Arena API not found on " + Runtime.version());
        ByteBuffer buffer = memory.allocate(5000);
        assertTrue(buffer.isDirect());
        assertEquals(5000, buffer.capacity());
        assertEquals(ByteOrder.BIG_ENDIAN, buffer.order());
        assertEquals(0, buffer.getLong(4992));
        buffer.put(17, (byte) 5);
        memory.release(buffer);
        // a use after free is an exception, not a read of freed memory
        assertThrows(IllegalStateException.class, () -> buffer.get(17));
        memory.release(buffer); // a second release of the same buffer does nothing
    }

    @Test
    void noMainClassUsesSunMiscUnsafe() throws IOException, URISyntaxException {
        Path classes = classesRoot();
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> offenders = files.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> contains(p, "sun/misc/Unsafe")).toList();
            assertEquals(List.of(), offenders, "classes referring to sun.misc.Unsafe");
        }
    }

    @Test
    void theCodecCoreNeedsNoJvmOnlyAllocator() throws IOException, URISyntaxException {
        // a browser build (TeaVM) has no direct memory or java.lang.management: only Codec.create(kernel) and the
        // JVM benchmark may name DirectBuffers; everything else goes through the codec's SymbolBufferAllocator
        Path codec = classesRoot().resolve("org/rqlib/codec");
        try (Stream<Path> files = Files.list(codec)) {
            List<Path> offenders = files.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> !p.getFileName().toString().matches("(Codec|CodecBenchmark)\\.class"))
                    .filter(p -> contains(p, "org/rqlib/kernel/DirectBuffers") || contains(p, "java/lang/management"))
                    .toList();
            assertEquals(List.of(), offenders, "codec classes tied to the JVM direct-buffer allocator");
        }
        assertFalse(contains(classesRoot().resolve("org/rqlib/kernel/JavaSymbolKernel.class"),
                "org/rqlib/kernel/DirectBuffers"), "the Java kernel must not need DirectBuffers");
    }

    private static Path classesRoot() throws URISyntaxException {
        return Path.of(DirectBuffers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static boolean contains(Path classFile, String text) {
        try (InputStream in = Files.newInputStream(classFile)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
