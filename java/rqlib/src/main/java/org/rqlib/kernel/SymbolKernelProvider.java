package org.rqlib.kernel;

import java.util.List;
import java.util.Optional;

/**
 * A source of {@link SymbolKernel}s found through {@link java.util.ServiceLoader}, so that the core never links
 * against a native binding: the native kernel in {@code rqlib-native} registers one under
 * {@code META-INF/services/org.rqlib.kernel.SymbolKernelProvider}.
 *
 * <p>Implementations must not throw from their constructor or from {@link #unavailableReason()}: a native
 * library that does not load is a reason, not an error. Implementations are thread-safe.
 */
public interface SymbolKernelProvider {

    /** A short name for messages, e.g. {@code native}. */
    String name();

    /** Why this provider cannot supply kernels on this machine (library missing, wrong platform...), or empty. */
    Optional<String> unavailableReason();

    /**
     * The kernel this provider recommends here, honouring {@link Kernels#PROPERTY_NATIVE_ISA}; only called when
     * {@link #unavailableReason()} is empty.
     *
     * @throws IllegalStateException when the requested variant cannot run here, with a message saying why
     */
    SymbolKernel preferredKernel();

    /** Every variant this machine can run, best first (e.g. native-avx512gfni, native-avx2, native-base). */
    List<SymbolKernel> kernels();

    /** The instruction set a kernel of this provider uses, e.g. {@code avx2}; {@code none} if not applicable. */
    String instructionSet(SymbolKernel kernel);
}
