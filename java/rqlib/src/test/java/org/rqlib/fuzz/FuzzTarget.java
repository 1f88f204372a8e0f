package org.rqlib.fuzz;

import java.util.Random;

/**
 * One fuzz target: makes its own input from the seeded {@link Random} (usually a mutation of a corpus entry) and
 * runs the code under test on it, asserting what a correct result must satisfy. Returning normally or throwing an
 * exception the harness accepts (see {@link FuzzHarness}) is a pass; anything else is a finding.
 */
@FunctionalInterface
public interface FuzzTarget {
    /**
     * Runs one input. {@code sample} receives a description of the input (e.g. its bytes) so that a finding can be
     * saved and reproduced.
     */
    void run(Random random, FuzzSample sample) throws Exception;
}
