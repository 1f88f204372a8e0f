package org.rqlib.codec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last few decoding plans, keyed by K and the received ESIs in order, so that the sub-blocks of
 * one source block (same ESIs, different bytes) solve the matrix once. Bounded by entries and bytes;
 * thread-safe.
 */
final class DecodingPlanCache {
    private static final int MAX_ENTRIES = 8;

    private record Key(int k, int[] esis) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && other.k == k && Arrays.equals(other.esis, esis);
        }

        @Override
        public int hashCode() {
            return k * 31 + Arrays.hashCode(esis);
        }
    }

    private final long capacityBytes;
    private final LinkedHashMap<Key, DecodingPlan> plans = new LinkedHashMap<>(16, 0.75f, true);
    private long sizeBytes;

    DecodingPlanCache(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** The plan for these received ESIs (a copy of the array is kept), built outside the lock when missing. */
    DecodingPlan get(CodecParameters params, int[] esis) {
        Key key = new Key(params.sourceSymbols(), esis);
        synchronized (this) {
            DecodingPlan plan = plans.get(key);
            if (plan != null) {
                return plan;
            }
        }
        DecodingPlan built = DecodingPlan.build(params, esis);
        synchronized (this) {
            if (built.sizeInBytes() <= capacityBytes && !plans.containsKey(key)) {
                plans.put(new Key(key.k, esis.clone()), built);
                sizeBytes += built.sizeInBytes();
                var it = plans.entrySet().iterator();
                while ((sizeBytes > capacityBytes || plans.size() > MAX_ENTRIES) && it.hasNext()) {
                    Map.Entry<Key, DecodingPlan> eldest = it.next();
                    sizeBytes -= eldest.getValue().sizeInBytes();
                    it.remove();
                }
            }
        }
        return built;
    }
}
