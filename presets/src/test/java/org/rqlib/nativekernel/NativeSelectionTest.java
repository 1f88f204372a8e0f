package org.rqlib.nativekernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rqlib.kernel.KernelInfo;
import org.rqlib.kernel.Kernels;
import org.rqlib.kernel.SymbolKernel;

/** With the native library on the class path: auto selection takes it, and rqlib.native.isa forces lower paths. */
class NativeSelectionTest {
    private String savedIsa;

    @BeforeEach
    void requireNativeLibrary() {
        assumeTrue(NativeLibrary.failure().isEmpty(), () -> "native kernel not loadable, skipping: "
                + NativeLibrary.failure().orElse(""));
        savedIsa = System.getProperty(Kernels.PROPERTY_NATIVE_ISA);
    }

    @AfterEach
    void restoreProperty() {
        if (savedIsa == null) {
            System.clearProperty(Kernels.PROPERTY_NATIVE_ISA);
        } else {
            System.setProperty(Kernels.PROPERTY_NATIVE_ISA, savedIsa);
        }
    }

    @Test
    void autoSelectsTheNativeKernelAndReportsItsInstructionSet() {
        String requested = System.getProperty(Kernels.PROPERTY_KERNEL, "auto");
        assumeTrue(!requested.equals("java"), "rqlib.kernel=java for this run");
        SymbolKernel selected = Kernels.selected();
        KernelInfo info = Kernels.info();
        System.out.println(info.describe());
        assertTrue(selected instanceof NativeSymbolKernel, selected.name());
        assertEquals(selected.name(), info.kernel());
        assertEquals("native-" + info.nativeIsa(), info.kernel());
        assertNull(info.nativeProblem());
        assertEquals(KernelInfo.currentPlatform(), info.platform());
    }

    @Test
    void everyRunnableInstructionSetCanBeForcedByName() {
        List<SymbolKernel> all = new NativeKernelProvider().kernels();
        assertTrue(all.stream().anyMatch(k -> k.name().equals("native-base")), all.toString());
        for (SymbolKernel kernel : all) {
            String isa = ((NativeSymbolKernel) kernel).instructionSet();
            System.setProperty(Kernels.PROPERTY_NATIVE_ISA, isa);
            assertEquals(kernel.name(), new NativeKernelProvider().preferredKernel().name());
        }
        System.setProperty(Kernels.PROPERTY_NATIVE_ISA, "auto");
        assertEquals(all.get(0).name(), new NativeKernelProvider().preferredKernel().name(), "auto is the best");
    }

    @Test
    void anUnknownOrUnrunnableInstructionSetIsRefusedWithTheBestNamed() {
        System.setProperty(Kernels.PROPERTY_NATIVE_ISA, "sse9");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new NativeKernelProvider().preferredKernel());
        assertTrue(e.getMessage().contains("rqlib.native.isa=sse9") && e.getMessage().contains("best here"),
                e.getMessage());
        String foreign = KernelInfo.currentPlatform().endsWith("arm64") ? "avx2" : "neon";
        System.setProperty(Kernels.PROPERTY_NATIVE_ISA, foreign);
        assertThrows(IllegalStateException.class, () -> new NativeKernelProvider().preferredKernel());
    }
}
