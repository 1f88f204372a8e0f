/**
 * rqlib: RaptorQ (RFC 6330) erasure coding of large files inside a memory budget.
 *
 * <p>Public API, exported: {@code org.rqlib} (the exceptions), {@code api} (the file API, {@code RaptorQ}),
 * {@code codec} (RFC-level encoders and decoders, OTI, packets), {@code kernel} (the kernel SPI, selection and
 * buffer allocators), {@code layout} (the layout file), {@code limits} (job control and the governor),
 * {@code packets} (RFC-level packet files), {@code store} (where symbols live: the SymbolStore SPI) and
 * {@code chunking} (the settings that decide the output).
 * Internal, not exported: {@code io} (symbol files, BLAKE3, base58) and {@code stream} (the streaming engine).
 *
 * <p>Native kernels are found with {@link java.util.ServiceLoader}: add {@code org.rqlib.nativekernel} and a
 * classifier jar for the platform, and {@code Kernels.selected()} picks the native kernel when it loads.
 */
module org.rqlib {
    requires com.fasterxml.jackson.core;
    // the JVM's direct memory limit, read once to size the buffer cache
    requires java.management;

    exports org.rqlib;
    exports org.rqlib.api;
    exports org.rqlib.chunking;
    exports org.rqlib.codec;
    exports org.rqlib.kernel;
    exports org.rqlib.layout;
    exports org.rqlib.limits;
    exports org.rqlib.packets;
    exports org.rqlib.store;

    uses org.rqlib.kernel.SymbolKernelProvider;
}
