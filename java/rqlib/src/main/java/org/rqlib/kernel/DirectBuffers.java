package org.rqlib.kernel;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.rqlib.ResourceLimitException;

/**
 * Allocates and frees the direct buffers rqlib works in on the JVM, and keeps a bounded cache of freed ones for
 * reuse: the default {@link SymbolBufferAllocator} ({@link #allocator()}).
 *
 * <p>How memory is freed, without {@code sun.misc.Unsafe}: on Java 22+ each buffer is an arena segment closed when
 * it leaves the cache (at once); on Java 17 to 21 it is dropped and the garbage collector returns it, the JVM
 * keeping {@code -XX:MaxDirectMemorySize} (see {@link DirectMemory}). Either way the cache below turns most frees
 * into reuses, and every byte, cached or not, stays inside the JVM's direct memory limit.
 *
 * <p>Why cache: fresh direct memory costs a page fault per 4 KiB on first touch, which on virtual machines is
 * slower than the coding itself; streaming a file allocates buffers of the same few sizes over and over. Freed
 * buffers are kept (by exact capacity, least recently freed evicted first) up to
 * {@value #CACHE_PROPERTY} bytes (by default a quarter of the JVM's direct memory limit) and handed out again
 * zero-filled. Cached buffers count against that limit like any other, so the cache never lets the process grow
 * past it: buffers are evicted before a fresh allocation would not fit, and if the JVM still refuses one the
 * cache is emptied and the allocation retried. {@link #releaseCached()} empties it on demand. Thread-safe.
 */
public final class DirectBuffers {
    /** System property: bytes of freed buffers kept for reuse; 0 disables the cache. */
    public static final String CACHE_PROPERTY = "rqlib.directBufferCacheBytes";

    private static final DirectMemory MEMORY = DirectMemory.forThisJvm();
    private static final long MAX_DIRECT = maxDirectMemory();
    /** The JVM's count of its own direct buffers, which arena memory must share the limit with; null if absent. */
    private static final BufferPoolMXBean JVM_DIRECT_POOL = jvmDirectPool();
    private static final SymbolBufferAllocator ALLOCATOR = new SymbolBufferAllocator() {
        @Override
        public ByteBuffer allocate(long bytes) {
            return DirectBuffers.allocate(bytes);
        }

        @Override
        public ByteBuffer allocateUncleared(long bytes) {
            return DirectBuffers.allocate(bytes, false);
        }

        @Override
        public void free(ByteBuffer buffer) {
            DirectBuffers.free(buffer);
        }

        @Override
        public String toString() {
            return "direct buffers (" + MEMORY.name() + ")";
        }
    };
    private static final long CACHE_LIMIT = cacheLimit();

    private static final Object LOCK = new Object();
    /** Buffers handed out by {@link #allocate} and not yet freed: only these may enter the cache. */
    private static final Set<ByteBuffer> OUTSTANDING = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Buffers now in the cache, to recognise a second free of the same buffer. */
    private static final Set<ByteBuffer> CACHED = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Freed buffers by capacity, in access order: the first entry holds the least recently freed. */
    private static final LinkedHashMap<Integer, ArrayDeque<ByteBuffer>> CACHE = new LinkedHashMap<>(16, 0.75f, true);
    private static long cachedBytes;
    private static long outstandingBytes;
    private static long doubleFrees;

    private DirectBuffers() {
    }

    /** This class as a {@link SymbolBufferAllocator}: what {@link org.rqlib.codec.Codec} uses by default. */
    public static SymbolBufferAllocator allocator() {
        return ALLOCATOR;
    }

    /**
     * A zero-filled direct buffer of exactly {@code bytes} bytes (capacity == bytes).
     *
     * @throws ResourceLimitException when the JVM's direct memory limit leaves no room for it
     */
    public static ByteBuffer allocate(long bytes) {
        return allocate(bytes, true);
    }

    /** A buffer as {@link #allocate} gives, zero-filled only when {@code cleared} (fresh memory always is). */
    private static ByteBuffer allocate(long bytes, boolean cleared) {
        int size = SymbolBufferAllocator.checkedCapacity(bytes);
        ByteBuffer buffer = takeCached(size);
        if (buffer != null) {
            // the last owner may have moved position and limit or changed the byte order: hand it out as new
            buffer.clear().order(ByteOrder.BIG_ENDIAN);
            if (cleared) {
                zero(buffer);
            }
        } else {
            buffer = allocateFresh(size);
        }
        synchronized (LOCK) {
            OUTSTANDING.add(buffer);
            outstandingBytes += size;
        }
        return buffer;
    }

    /**
     * A direct buffer owned by an object that lives as long as it likes (a cached plan's code): not tracked, not
     * cached, released by the garbage collector. It still makes room in the cache first, so that buffers kept
     * for reuse never cause the JVM to refuse it.
     */
    public static ByteBuffer allocateUnowned(long bytes) {
        int size = SymbolBufferAllocator.checkedCapacity(bytes);
        synchronized (LOCK) {
            makeRoom(size);
        }
        return allocateDirect(size, ByteBuffer::allocateDirect);
    }

    /**
     * Gives the buffer back: into the cache when it came from {@link #allocate} and fits, else its memory is
     * released now. The caller must not touch it afterwards. Null is ignored.
     */
    public static void free(ByteBuffer buffer) {
        if (buffer == null || !buffer.isDirect()) {
            return;
        }
        synchronized (LOCK) {
            if (CACHED.contains(buffer)) {
                // freed twice: releasing it now would free memory the cache still hands out
                doubleFrees++;
                return;
            }
            boolean ours = OUTSTANDING.remove(buffer);
            if (ours) {
                outstandingBytes -= buffer.capacity();
            }
            if (ours && buffer.capacity() <= CACHE_LIMIT) {
                CACHE.computeIfAbsent(buffer.capacity(), c -> new ArrayDeque<>()).push(buffer);
                CACHED.add(buffer);
                cachedBytes += buffer.capacity();
                evictOver(CACHE_LIMIT);
                return;
            }
        }
        release(buffer);
    }

    /** Releases every cached buffer now. */
    public static void releaseCached() {
        synchronized (LOCK) {
            evictOver(0);
        }
    }

    /** Bytes of freed buffers currently kept for reuse. */
    public static long cachedBytes() {
        synchronized (LOCK) {
            return cachedBytes;
        }
    }

    /**
     * How many times a buffer still in the cache was freed again. Each is an ownership bug of the caller (two
     * owners freeing one buffer); tests assert none happen.
     */
    public static long doubleFrees() {
        synchronized (LOCK) {
            return doubleFrees;
        }
    }

    /** Buffers handed out by {@link #allocate} and not freed yet: what a leak check looks at. */
    public static int outstandingCount() {
        synchronized (LOCK) {
            return OUTSTANDING.size();
        }
    }

    private static long outstandingBytes() {
        synchronized (LOCK) {
            return outstandingBytes;
        }
    }

    /** Whether {@link #free} releases memory immediately on this JVM (Java 22+), not at the next collection. */
    public static boolean freesImmediately() {
        return MEMORY.freesImmediately();
    }

    /** How memory is returned on this JVM: {@code arena} (at once) or {@code gc}; for diagnostics. */
    public static String releaseMode() {
        return MEMORY.name();
    }

    private static ByteBuffer takeCached(int size) {
        synchronized (LOCK) {
            ArrayDeque<ByteBuffer> buffers = CACHE.get(size);
            if (buffers == null || buffers.isEmpty()) {
                return null;
            }
            ByteBuffer buffer = buffers.pop();
            if (buffers.isEmpty()) {
                CACHE.remove(size);
            }
            CACHED.remove(buffer);
            cachedBytes -= size;
            return buffer;
        }
    }

    private static ByteBuffer allocateFresh(int size) {
        synchronized (LOCK) {
            makeRoom(size);
            if (!MEMORY.countedByJvm()) {
                // arena memory is invisible to the JVM's limit: keep rqlib's buffers and the JVM's inside it here
                evictOver(Math.max(0, MAX_DIRECT - jvmDirectBytes() - outstandingBytes - size));
                long inUse = jvmDirectBytes() + outstandingBytes + cachedBytes;
                if (inUse + size > MAX_DIRECT) {
                    throw refused(size, "only " + Math.max(0, MAX_DIRECT - inUse) + " bytes left");
                }
            }
        }
        return allocateDirect(size, MEMORY::allocate);
    }

    /** Cached buffers count against the direct memory limit: evict before the JVM would refuse. Holds LOCK. */
    private static void makeRoom(int size) {
        evictOver(Math.max(0, MAX_DIRECT - MAX_DIRECT / 10 - outstandingBytes - size));
    }

    private static ByteBuffer allocateDirect(int size, java.util.function.IntFunction<ByteBuffer> memory) {
        try {
            return memory.apply(size);
        } catch (OutOfMemoryError e) {
            // the cache may hold what the limit lacks (on Java 17 the JVM collects the dropped buffers)
            releaseCached();
            try {
                return memory.apply(size);
            } catch (OutOfMemoryError again) {
                // only the reservation against -XX:MaxDirectMemorySize failed, the JVM is fine: a typed error lets
                // a caller (or rq, with exit code 3) report it instead of dying of an Error
                throw refused(size, again.getMessage());
            }
        }
    }

    private static ResourceLimitException refused(int size, String why) {
        return new ResourceLimitException("cannot allocate " + size + " bytes of direct memory (JVM limit "
                + MAX_DIRECT + " bytes, " + outstandingBytes() + " in use by rqlib): " + why);
    }

    private static long jvmDirectBytes() {
        return JVM_DIRECT_POOL == null ? 0 : Math.max(0, JVM_DIRECT_POOL.getMemoryUsed());
    }

    /** Releases least recently freed buffers until at most {@code limit} bytes stay cached. Holds LOCK. */
    private static void evictOver(long limit) {
        Iterator<Map.Entry<Integer, ArrayDeque<ByteBuffer>>> it = CACHE.entrySet().iterator();
        while (cachedBytes > limit && it.hasNext()) {
            ArrayDeque<ByteBuffer> buffers = it.next().getValue();
            while (cachedBytes > limit && !buffers.isEmpty()) {
                ByteBuffer oldest = buffers.removeLast();
                CACHED.remove(oldest);
                cachedBytes -= oldest.capacity();
                release(oldest);
            }
            if (buffers.isEmpty()) {
                it.remove();
            }
        }
    }

    private static void zero(ByteBuffer buffer) {
        SymbolBufferAllocator.fillZero(buffer, 0, buffer.capacity());
    }

    /** Zeroes bytes [offset, offset + length); see {@link SymbolBufferAllocator#fillZero}. */
    public static void fillZero(ByteBuffer buffer, int offset, int length) {
        SymbolBufferAllocator.fillZero(buffer, offset, length);
    }

    private static void release(ByteBuffer buffer) {
        MEMORY.release(buffer);
    }

    private static long cacheLimit() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null) {
            try {
                return Math.max(0, Long.parseLong(configured.strip()));
            } catch (NumberFormatException e) {
                // an unreadable setting falls back to the default rather than failing class initialisation
            }
        }
        return MAX_DIRECT / 4;
    }

    /** -XX:MaxDirectMemorySize when given, else the JVM's default for it, the maximum heap size. */
    private static long maxDirectMemory() {
        try {
            for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (argument.startsWith("-XX:MaxDirectMemorySize=")) {
                    return parseSize(argument.substring("-XX:MaxDirectMemorySize=".length()));
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // no management support: use the default below
        }
        return Runtime.getRuntime().maxMemory();
    }

    private static long parseSize(String text) {
        String value = text.strip().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        char last = value.charAt(value.length() - 1);
        if ("kmgt".indexOf(last) >= 0) {
            unit = 1L << (10 * ("kmgt".indexOf(last) + 1));
            value = value.substring(0, value.length() - 1);
        }
        return Long.parseLong(value) * unit;
    }

    private static BufferPoolMXBean jvmDirectPool() {
        try {
            for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
                if (pool.getName().equals("direct")) {
                    return pool;
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // no management support: count rqlib's own buffers only
        }
        return null;
    }
}
