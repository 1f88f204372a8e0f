package org.rqlib.codec;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.rqlib.kernel.OperationPlan;

/**
 * Keeps recently used plans of both kinds in one least-recently-used cache under one bound: encoding plans by K'
 * (they depend on nothing else), and the last few decoding plans by K and the received ESIs in order (so that the
 * sub-blocks of one source block, or its groups of sub-blocks, solve the matrix once).
 *
 * <p>The bound counts one copy of each plan's code, 12 bytes per operation: the off-heap copy a native kernel
 * runs, which is what the memory limit reserves the cache's bytes for ({@code RaptorQ.planCacheBytes}). The heap
 * array the copy is made from is bounded by the JVM heap like every other solver structure. One shared bound (it
 * used to be one per kind, each counting both copies) lets the plan of a 1 GiB block at a 64 MiB limit (5 MB)
 * stay cached across its groups of sub-blocks instead of being rebuilt for each.
 *
 * <p>A plan larger than the bound is not cached (the groups of one source block share it through a
 * {@link SharedPlan}); its direct copy is counted in the working set of every encoder and decoder that may use such
 * a plan ({@link #UNCACHED_PLAN_BYTES_FROM}, {@link #codeBytesEstimate}).
 *
 * <p>Thread-safe; a plan missing from the cache is built outside the lock but under the solve gate, and a thread
 * that waited at the gate for the same plan takes it from the cache when it fits there.
 */
final class PlanCache {
    /** Decoding plans kept at most: they are specific to one set of received symbols. */
    private static final int MAX_DECODING_PLANS = 8;

    private record DecodingKey(int k, int[] esis) {
        @Override
        public boolean equals(Object o) {
            return o instanceof DecodingKey other && other.k == k && Arrays.equals(other.esis, esis);
        }

        @Override
        public int hashCode() {
            return k * 31 + Arrays.hashCode(esis);
        }
    }

    /**
     * Plans of up to this many bytes are held by every cache a {@code RaptorQ} instance makes (its bound is at least
     * this), whose bytes the memory limit reserves apart; a larger plan may not be cached, so the working sets that
     * use it count its direct copy themselves.
     */
    static final long UNCACHED_PLAN_BYTES_FROM = 8L << 20;
    /** Operations per intermediate symbol a plan has at most: measured 14 at K = 10 to 26.1 at K = 56,403. */
    static final int MAX_OPERATIONS_PER_SYMBOL = 30;

    private final long capacityBytes;
    /** Integer K' -> EncodingPlan, DecodingKey -> DecodingPlan; in access order, eldest first. */
    private final LinkedHashMap<Object, Object> plans = new LinkedHashMap<>(16, 0.75f, true);
    private long sizeBytes;
    private int decodingPlans;
    private long hits;
    private long misses;

    private final SolveGate solveGate;

    PlanCache(long capacityBytes, SolveGate solveGate) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("plan cache capacity must be >= 0, got " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
        this.solveGate = solveGate;
    }

    /** The encoding plan for K', taken from {@code shared} when it holds it, else kept there (null: none). */
    EncodingPlan encoding(int kPrime, SharedPlan shared) {
        return shared == null ? encoding(kPrime) : shared.get(kPrime, () -> encoding(kPrime));
    }

    /** The decoding plan for these received ESIs, taken from or kept in {@code shared} (null: none). */
    DecodingPlan decoding(CodecParameters params, int[] esis, SharedPlan shared) {
        if (shared == null) {
            return decoding(params, esis);
        }
        // the key holds the caller's array: copy it, as the cache does for its own keys
        int[] key = esis.clone();
        return shared.get(new DecodingKey(params.sourceSymbols(), key), () -> decoding(params, key));
    }

    /** The encoding plan for K'. */
    EncodingPlan encoding(int kPrime) {
        long heap = SolveGate.solveHeapBytes(CodecParameters.forExtendedSize(kPrime).intermediateSymbols());
        return get(kPrime, heap, () -> EncodingPlan.build(kPrime));
    }

    /** The decoding plan for these received ESIs (the cache keeps a copy of the array). */
    DecodingPlan decoding(CodecParameters params, int[] esis) {
        DecodingKey key = new DecodingKey(params.sourceSymbols(), esis);
        long heap = SolveGate.solveHeapBytes(
                params.intermediateSymbols() + Math.max(0, esis.length - params.sourceSymbols()));
        return get(key, heap, () -> DecodingPlan.build(params, esis.clone()));
    }

    /**
     * The plan for {@code key}: cached, or built under the solve gate. A thread that waited at the gate while
     * another built the same plan takes that one from the cache instead of solving it again: two source blocks of
     * the same K used to solve it one after the other, the second beside the first's plan, which its block keeps,
     * and that pair did not fit the heap a job is admitted with (two blocks of K = 51,200 at 280m, 2 threads).
     */
    private <P> P get(Object key, long solveHeapBytes, Supplier<P> build) {
        P plan = cached(key);
        if (plan != null) {
            return plan;
        }
        try (SolveGate.Admission solve = solveGate.admit(solveHeapBytes)) {
            plan = cached(key);
            if (plan != null) {
                return plan;
            }
            synchronized (this) {
                misses++;
            }
            P built = build.get();
            keep(key, built);
            return built;
        }
    }

    @SuppressWarnings("unchecked")
    private synchronized <P> P cached(Object key) {
        Object plan = plans.get(key);
        if (plan != null) {
            hits++;
        }
        return (P) plan;
    }

    private synchronized void keep(Object key, Object plan) {
        long size = sizeOf(plan);
        if (size <= capacityBytes && !plans.containsKey(key)) {
            Object stored = key instanceof DecodingKey d ? new DecodingKey(d.k, d.esis.clone()) : key;
            plans.put(stored, plan);
            sizeBytes += size;
            if (key instanceof DecodingKey) {
                decodingPlans++;
            }
            evictOverBounds();
        }
    }

    /**
     * Direct bytes of the code of a plan for {@code intermediateSymbols} symbols (L, plus received symbols beyond
     * K for a decoding plan) that its users count themselves: 0 when every cache holds it, else an upper bound.
     */
    static long uncachedCodeBytes(int intermediateSymbols) {
        long estimate = codeBytesEstimate(intermediateSymbols);
        return estimate <= UNCACHED_PLAN_BYTES_FROM ? 0 : estimate;
    }

    /**
     * After a plan for {@code intermediateSymbols} symbols has run: drops its direct copy when its users count that
     * copy in their working sets ({@link #uncachedCodeBytes}), so that it lives no longer than their count.
     */
    static void releaseCountedCopy(OperationPlan operations, int intermediateSymbols) {
        if (uncachedCodeBytes(intermediateSymbols) > 0) {
            operations.releaseDirectCode();
        }
    }

    /** An upper bound of the code bytes of a plan for {@code intermediateSymbols} symbols. */
    static long codeBytesEstimate(int intermediateSymbols) {
        return 16L + 4L * OperationPlan.WORDS_PER_OP * MAX_OPERATIONS_PER_SYMBOL * intermediateSymbols;
    }

    /** One copy of the code (12 bytes per operation) plus the slot table. */
    static long sizeOf(Object plan) {
        if (plan instanceof EncodingPlan e) {
            return codeBytes(e.operations()) + 4L * e.intermediateSlots().length + 64;
        }
        DecodingPlan d = (DecodingPlan) plan;
        return 64 + (d.solved() ? codeBytes(d.operations()) + 4L * d.intermediateSlots().length : 0);
    }

    private static long codeBytes(OperationPlan operations) {
        return 16L + 4L * OperationPlan.WORDS_PER_OP * operations.operationCount();
    }

    private void evictOverBounds() {
        Iterator<Map.Entry<Object, Object>> it = plans.entrySet().iterator();
        while (sizeBytes > capacityBytes && it.hasNext()) {
            remove(it);
        }
        it = plans.entrySet().iterator();
        while (decodingPlans > MAX_DECODING_PLANS && it.hasNext()) {
            Map.Entry<Object, Object> entry = it.next();
            if (entry.getKey() instanceof DecodingKey) {
                sizeBytes -= sizeOf(entry.getValue());
                decodingPlans--;
                it.remove();
            }
        }
    }

    private void remove(Iterator<Map.Entry<Object, Object>> it) {
        Map.Entry<Object, Object> eldest = it.next();
        sizeBytes -= sizeOf(eldest.getValue());
        if (eldest.getKey() instanceof DecodingKey) {
            decodingPlans--;
        }
        it.remove();
    }

    synchronized long sizeBytes() {
        return sizeBytes;
    }

    synchronized int size() {
        return plans.size();
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }
}
