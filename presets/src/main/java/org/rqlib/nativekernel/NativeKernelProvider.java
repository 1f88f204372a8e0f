package org.rqlib.nativekernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rqlib.kernel.Kernels;
import org.rqlib.kernel.SymbolKernel;
import org.rqlib.kernel.SymbolKernelProvider;

/**
 * Registers the native kernel with {@link Kernels} through {@link java.util.ServiceLoader}. Constructing it
 * touches no native code; the library loads on the first question asked. Thread-safe.
 */
public final class NativeKernelProvider implements SymbolKernelProvider {
    /** Every instruction set, best first; those this CPU cannot run are left out at run time. */
    private static final int[] BEST_FIRST = {Rqk.ISA_AVX512GFNI, Rqk.ISA_AVX2, Rqk.ISA_NEON, Rqk.ISA_BASE};

    @Override
    public String name() {
        return "native";
    }

    @Override
    public Optional<String> unavailableReason() {
        return NativeLibrary.failure();
    }

    @Override
    public SymbolKernel preferredKernel() {
        requireLoaded();
        String requested = System.getProperty(Kernels.PROPERTY_NATIVE_ISA, "auto").trim();
        int isa = Rqk.selectIsa(requested);
        if (isa < 0) {
            throw new IllegalStateException(Kernels.PROPERTY_NATIVE_ISA + "=" + requested
                    + " is unknown or cannot run on this CPU (auto|avx512gfni|avx2|neon|base; best here: "
                    + Rqk.isaName(Rqk.bestIsa()) + ")");
        }
        return new NativeSymbolKernel(isa, Rqk.isaName(isa));
    }

    @Override
    public List<SymbolKernel> kernels() {
        requireLoaded();
        List<SymbolKernel> kernels = new ArrayList<>();
        for (int isa : BEST_FIRST) {
            if (Rqk.isaSupported(isa) == 1) {
                kernels.add(new NativeSymbolKernel(isa, Rqk.isaName(isa)));
            }
        }
        return List.copyOf(kernels);
    }

    @Override
    public String instructionSet(SymbolKernel kernel) {
        return kernel instanceof NativeSymbolKernel k ? k.instructionSet() : "none";
    }

    private static void requireLoaded() {
        NativeLibrary.failure().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
    }
}
