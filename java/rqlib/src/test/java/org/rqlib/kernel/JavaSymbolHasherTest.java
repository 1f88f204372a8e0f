package org.rqlib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Java hasher against BouncyCastle and the official vectors ({@link SymbolHasherChecks}). */
class JavaSymbolHasherTest {
    private final SymbolHasher hasher = JavaSymbolHasher.INSTANCE;

    @Test
    void matchesTheOfficialVectors() {
        SymbolHasherChecks.officialVectors(hasher);
    }

    @Test
    void matchesBouncyCastleAtEveryLengthAndTreeBoundary() {
        SymbolHasherChecks.lengthsAndTreeBoundaries(hasher);
    }

    @Test
    void rejectsBadArguments() {
        SymbolHasherChecks.badArguments(hasher);
    }

    @Test
    void javaKernelHashesWithJavaAndPassesItsOwnSelfTest() {
        assertSame(hasher, JavaSymbolKernel.INSTANCE.hasher());
        assertTrue(SymbolHashers.selfTest(hasher).isEmpty());
        assertEquals("java", hasher.name());
    }
}
