/**
 * The native GF(256) kernel of rqlib: a JavaCPP binding registered as a {@code SymbolKernelProvider}. The native
 * library itself comes from a classifier jar (automatic module {@code org.rqlib.nativekernel.<os>.<arch>}, e.g.
 * {@code org.rqlib.nativekernel.linux.x86_64}) that holds only {@code org/rqlib/nativekernel/<platform>/}.
 */
module org.rqlib.nativekernel {
    requires org.rqlib;
    requires org.bytedeco.javacpp;

    exports org.rqlib.nativekernel;
    // JavaCPP's Loader reads the binding's annotations and fields reflectively when it loads the library
    opens org.rqlib.nativekernel to org.bytedeco.javacpp;

    provides org.rqlib.kernel.SymbolKernelProvider with org.rqlib.nativekernel.NativeKernelProvider;
}
