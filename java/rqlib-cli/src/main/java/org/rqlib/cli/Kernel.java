package org.rqlib.cli;

import org.rqlib.codec.Codec;
import org.rqlib.kernel.JavaSymbolKernel;
import org.rqlib.kernel.SymbolKernel;

/** The kernel and codec the commands use: chosen once per process. */
final class Kernel {
    private static final Codec CODEC = Codec.create(selected());

    private Kernel() {
    }

    static SymbolKernel selected() {
        return JavaSymbolKernel.INSTANCE;
    }

    static Codec codec() {
        return CODEC;
    }
}
