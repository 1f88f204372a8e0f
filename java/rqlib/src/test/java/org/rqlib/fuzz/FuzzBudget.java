package org.rqlib.fuzz;

/**
 * How long a fuzz target runs: the default test run gives each target a fixed, seeded number of inputs;
 * {@code ci/fuzz.sh} raises it through system properties. Immutable.
 *
 * <ul>
 *   <li>{@code rqlib.fuzz.seed}: base seed (default 20261125); input i of a target uses a seed derived from it</li>
 *   <li>{@code rqlib.fuzz.scale}: multiplies every target's default input count (default 1)</li>
 *   <li>{@code rqlib.fuzz.seconds}: when set, each target runs until this many seconds have passed instead</li>
 * </ul>
 */
public record FuzzBudget(long seed, long inputs, long seconds) {
    public static final long DEFAULT_SEED = 20261125L;

    /** The budget for a target whose default run is {@code defaultInputs} inputs. */
    public static FuzzBudget forTarget(long defaultInputs) {
        long seed = Long.getLong("rqlib.fuzz.seed", DEFAULT_SEED);
        double scale = Double.parseDouble(System.getProperty("rqlib.fuzz.scale", "1"));
        long seconds = Long.getLong("rqlib.fuzz.seconds", 0L);
        return new FuzzBudget(seed, Math.max(1, Math.round(defaultInputs * scale)), seconds);
    }

    /** Whether input number {@code done} should still run, {@code startNanos} being when the target began. */
    boolean more(long done, long startNanos) {
        if (seconds > 0) {
            return System.nanoTime() - startNanos < seconds * 1_000_000_000L;
        }
        return done < inputs;
    }

    /** The seed of input {@code index}: a SplitMix64 step, so neighbouring inputs are unrelated. */
    long inputSeed(long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
