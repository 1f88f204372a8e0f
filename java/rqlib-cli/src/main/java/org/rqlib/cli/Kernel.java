package org.rqlib.cli;

import org.rqlib.codec.Codec;
import org.rqlib.kernel.Kernels;
import org.rqlib.kernel.SymbolKernel;

/** The kernel and codec the commands use: chosen once per process by {@link Kernels} (rqlib.kernel). */
final class Kernel {
    private Kernel() {
    }

    static SymbolKernel selected() {
        return Kernels.selected();
    }

    static Codec codec() {
        return Holder.CODEC;
    }

    /** Created on first use, so that {@code rq info} works even when the requested kernel cannot load. */
    private static final class Holder {
        static final Codec CODEC = Codec.create(Kernels.selected());
    }
}
