package org.rqlib.limits;

import java.util.function.LongUnaryOperator;
import org.rqlib.codec.Codec;

/**
 * How one memory limit is split between the Java heap (layout ids and solves, which {@link HeapBudget} counts) and
 * direct memory (the codec's plan cache, 1 MiB for the JDK's own temporary direct buffers, and the working sets,
 * which the {@link Governor} hands out). The parts add up to the limit, so the {@code rq} launcher, which gives the
 * JVM {@code -Xmx} of the heap share and {@code -XX:MaxDirectMemorySize} of the rest, keeps rqlib's memory inside
 * it. In one place so that a refusal can name the limit that would give a job the heap or working set it needs.
 */
public final class MemoryLimits {
    private static final long MIB = 1L << 20;
    /** The smallest memory limit rqlib accepts, in MiB. */
    public static final long MINIMUM_MIB = 48;

    private MemoryLimits() {
    }

    /**
     * The heap share of a limit: half of it up to 64 MiB, then 32 MiB, then a quarter from 128 MiB. Small limits
     * get the larger share because a solve cannot be made smaller (K = 20k needs 18 MiB) while working sets can:
     * a narrower group of sub-symbols codes the same block in less direct memory.
     */
    public static long heapShare(long memoryLimit) {
        return Math.max(memoryLimit / 4, Math.min(memoryLimit / 2, 32 * MIB));
    }

    /**
     * The heap a JVM sized by the launcher for a limit lets objects use ({@code Runtime.maxMemory()}), at least: the
     * heap share in whole MiB (the launcher's {@code -Xmx}), less one survivor space, which the JVM keeps empty (a
     * tenth of the young generation, which the launcher makes a quarter of the heap), less 1 MiB for the JVM's
     * rounding of its generations.
     */
    public static long usableHeap(long memoryLimit) {
        long heap = heapShare(memoryLimit) / MIB * MIB;
        return heap - heap / 40 - MIB;
    }

    /** Off-heap bytes of the codec's plan cache: an eighth of the limit, 8 to 64 MiB (a plan for K'=16k is 5 MB). */
    public static long planCacheBytes(long memoryLimit) {
        return Math.min(Codec.DEFAULT_PLAN_CACHE_BYTES, Math.max(8 * MIB, memoryLimit / 8));
    }

    /**
     * What the governor may hand out for working sets: the limit less the heap share, the plan cache and 1 MiB for
     * the JDK's own temporary direct buffers, so that every direct buffer fits in the off-heap share.
     */
    public static long workingSetBudget(long memoryLimit) {
        long rest = memoryLimit - heapShare(memoryLimit) - planCacheBytes(memoryLimit) - MIB;
        return Math.max(4 * MIB, rest);
    }

    /**
     * The smallest memory limit, in whole MiB, whose working-set budget holds {@code workingSetBytes}: for the
     * message of a job refused because one of its working sets does not fit.
     */
    public static long limitMibFor(long workingSetBytes) {
        return smallestLimitMib(workingSetBytes, MemoryLimits::workingSetBudget);
    }

    /**
     * The smallest memory limit, in whole MiB and at least the {@link #MINIMUM_MIB} rqlib accepts, whose usable heap
     * holds {@code heapBytes}: for the message of a job refused because its ids and solve do not fit the heap.
     */
    public static long limitMibForHeap(long heapBytes) {
        return Math.max(MINIMUM_MIB, smallestLimitMib(heapBytes, MemoryLimits::usableHeap));
    }

    /** The smallest limit in MiB whose {@code share} holds {@code bytes}; every share grows with the limit. */
    private static long smallestLimitMib(long bytes, LongUnaryOperator share) {
        long low = 1;
        long high = 1L << 30; // 1 PiB: beyond any working set a long-sized block can need
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (share.applyAsLong(mid * MIB) >= bytes) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
