package org.rqlib.codec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps recently used encoding plans, bounded by their total size in bytes (least recently used evicted first).
 * Thread-safe; a plan missing from the cache is built outside the lock, so two threads may build the same plan
 * once each, which is harmless.
 */
final class PlanCache {
    private final long capacityBytes;
    private final LinkedHashMap<Integer, EncodingPlan> plans = new LinkedHashMap<>(16, 0.75f, true);
    private long sizeBytes;
    private long hits;
    private long misses;

    PlanCache(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("plan cache capacity must be >= 0, got " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    EncodingPlan get(int kPrime) {
        synchronized (this) {
            EncodingPlan plan = plans.get(kPrime);
            if (plan != null) {
                hits++;
                return plan;
            }
            misses++;
        }
        EncodingPlan built = EncodingPlan.build(kPrime);
        synchronized (this) {
            if (built.sizeInBytes() <= capacityBytes && !plans.containsKey(kPrime)) {
                plans.put(kPrime, built);
                sizeBytes += built.sizeInBytes();
                evictOverCapacity();
            }
        }
        return built;
    }

    private void evictOverCapacity() {
        var it = plans.entrySet().iterator();
        while (sizeBytes > capacityBytes && it.hasNext()) {
            Map.Entry<Integer, EncodingPlan> eldest = it.next();
            sizeBytes -= eldest.getValue().sizeInBytes();
            it.remove();
        }
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
