package org.rqlib.limits;

import org.rqlib.codec.Codec;

/**
 * How one memory limit is split: a quarter for the Java heap (at least 96 MiB), the codec's plan cache, 1 MiB for
 * the JDK's own temporary direct buffers, and the rest for working sets, which the {@link Governor} hands out. In
 * one place so that a refusal can name the limit that would give a job the working set it needs.
 */
public final class MemoryLimits {
    private static final long MIB = 1L << 20;

    private MemoryLimits() {
    }

    /** The heap the launcher gives a limit: a quarter of it, at least 96 MiB. */
    public static long heapShare(long memoryLimit) {
        return Math.max(96 * MIB, memoryLimit / 4);
    }

    /** Off-heap bytes of the codec's plan cache: an eighth of the limit, 8 to 64 MiB (a plan for K'=16k is 5 MB). */
    public static long planCacheBytes(long memoryLimit) {
        return Math.min(Codec.DEFAULT_PLAN_CACHE_BYTES, Math.max(8 * MIB, memoryLimit / 8));
    }

    /**
     * What the governor may hand out for working sets: the limit less a quarter for the heap, the plan cache and
     * 1 MiB for the JDK's own temporary direct buffers, so that every direct buffer fits in the off-heap share.
     */
    public static long workingSetBudget(long memoryLimit) {
        long rest = memoryLimit - memoryLimit / 4 - planCacheBytes(memoryLimit) - MIB;
        return Math.max(4 * MIB, rest);
    }

    /**
     * The smallest memory limit, in whole MiB, whose working-set budget holds {@code workingSetBytes}: for the
     * message of a job refused because one of its working sets does not fit.
     */
    public static long limitMibFor(long workingSetBytes) {
        long low = 1;
        long high = 1L << 30; // 1 PiB: beyond any working set a long-sized block can need
        while (low < high) { // workingSetBudget never decreases as the limit grows
            long mid = (low + high) >>> 1;
            if (workingSetBudget(mid * MIB) >= workingSetBytes) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
