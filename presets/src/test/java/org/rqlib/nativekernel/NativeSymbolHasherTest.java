package org.rqlib.nativekernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rqlib.kernel.Kernels;
import org.rqlib.kernel.SymbolHasher;
import org.rqlib.kernel.SymbolHasherChecks;
import org.rqlib.kernel.SymbolHashers;
import org.rqlib.kernel.SymbolKernel;

/**
 * The C library's BLAKE3 at every instruction set this CPU runs (each forced, as rqlib.native.isa does), against
 * BouncyCastle's Blake3Digest and the official test vectors: every length 0..3000, the tree boundaries, many
 * messages per call with prefixes, the incremental hasher fed direct, heap and array pieces.
 */
class NativeSymbolHasherTest {

    @BeforeAll
    static void requireNativeLibrary() {
        assumeTrue(NativeLibrary.failure().isEmpty(), () -> "native kernel not loadable, skipping: "
                + NativeLibrary.failure().orElse(""));
        System.out.println("native hashers under test: " + nativeHashers().toList());
    }

    static Stream<SymbolHasher> nativeHashers() {
        if (NativeLibrary.failure().isPresent()) {
            return Stream.empty();
        }
        return new NativeKernelProvider().kernels().stream().map(SymbolKernel::hasher);
    }

    @ParameterizedTest
    @MethodSource("nativeHashers")
    void matchesTheOfficialVectors(SymbolHasher hasher) {
        SymbolHasherChecks.officialVectors(hasher);
    }

    @ParameterizedTest
    @MethodSource("nativeHashers")
    void matchesBouncyCastleAtEveryLengthAndTreeBoundary(SymbolHasher hasher) {
        SymbolHasherChecks.lengthsAndTreeBoundaries(hasher);
    }

    @ParameterizedTest
    @MethodSource("nativeHashers")
    void rejectsBadArguments(SymbolHasher hasher) {
        SymbolHasherChecks.badArguments(hasher);
    }

    @ParameterizedTest
    @MethodSource("nativeHashers")
    void passesTheSelfTest(SymbolHasher hasher) {
        assertTrue(SymbolHashers.selfTest(hasher).isEmpty(), () -> SymbolHashers.selfTest(hasher).orElse(""));
    }

    @Test
    void theSelectedNativeKernelHashesNatively() {
        SymbolKernel kernel = Kernels.selected();
        assumeTrue(kernel instanceof NativeSymbolKernel, () -> "the selected kernel is " + kernel.name());
        assertEquals(kernel.name(), SymbolHashers.selected().name(), () -> SymbolHashers.problem().orElse(""));
        assertTrue(SymbolHashers.problem().isEmpty());
    }
}
