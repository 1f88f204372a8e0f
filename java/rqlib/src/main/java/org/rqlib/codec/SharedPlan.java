package org.rqlib.codec;

import java.util.function.Supplier;

/**
 * The plan that the groups of sub-blocks of one source block share. Every group of a source block solves the same
 * matrix (the same K, and when decoding the same received ESIs), so the first group's plan serves the others even
 * when it is too large for the {@link Codec}'s bounded plan cache: at a 64 MiB limit the cache holds 8 MiB, the
 * plan of K = 49,159 is 15.8 MB, and each of the 316 groups of a 6 GiB file solved it again (0.2 to 0.4 s of CPU
 * each, two thirds of the group's time). The caller makes one per source block and drops it when the block is done;
 * only the latest plan is kept.
 *
 * <p>Thread-safe: groups running in parallel wait for the first one's solve instead of solving beside it.
 */
public final class SharedPlan {
    private Object key;
    private Object plan;

    /** The plan for {@code forKey}: the one kept when the key matches, else built now and kept. */
    @SuppressWarnings("unchecked")
    synchronized <P> P get(Object forKey, Supplier<P> build) {
        if (plan == null || !key.equals(forKey)) {
            P built = build.get();
            key = forKey;
            plan = built;
        }
        return (P) plan;
    }
}
