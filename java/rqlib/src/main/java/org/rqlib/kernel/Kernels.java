package org.rqlib.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Chooses the {@link SymbolKernel} rqlib uses, by the rules of DESIGN.md "Kernel selection":
 * {@value #PROPERTY_KERNEL} = {@code auto} (default) takes a native kernel only when its library loads and it
 * passes {@link KernelSelfTest}, else the pure-Java kernel; {@code java} always takes the Java kernel;
 * {@code native} takes the native kernel or fails with a {@link KernelUnavailableException} naming the platform
 * and the reason. {@value #PROPERTY_NATIVE_ISA} forces a lower native instruction set.
 *
 * <p>Nothing here throws during class initialisation: the choice is made on first use, cached, and every reason
 * native was not taken is kept for {@link #info()}. Thread-safe.
 */
public final class Kernels {
    /** Prefix of every kernel setting. */
    public static final String PREFIX = "rqlib.";
    /** {@code auto} | {@code native} | {@code java}. */
    public static final String PROPERTY_KERNEL = PREFIX + "kernel";
    /** {@code auto} | {@code avx512gfni} | {@code avx2} | {@code neon} | {@code base}: the native path to use. */
    public static final String PROPERTY_NATIVE_ISA = PREFIX + "native.isa";

    /** Where the one message about the kernel choice goes (java.util.logging unless the application says else). */
    private static final System.Logger LOG = System.getLogger(Kernels.class.getName());

    private static volatile Selection cached;

    private Kernels() {
    }

    /**
     * The kernel to use, chosen once per JVM.
     *
     * @throws KernelUnavailableException when {@code rqlib.kernel=native} and no native kernel can run, or the
     *                                    property has an unknown value
     */
    public static SymbolKernel selected() {
        return selection().kernelOrThrow();
    }

    /** What was chosen and why; never throws. */
    public static KernelInfo info() {
        return selection().info();
    }

    /**
     * Every kernel usable here, each having passed the self-test: {@code java} first, then each native variant
     * this CPU runs, best first (e.g. native-avx512gfni, native-avx2, native-base). For tests and benchmarks.
     */
    public static List<SymbolKernel> available() {
        List<SymbolKernel> kernels = new ArrayList<>();
        kernels.add(JavaSymbolKernel.INSTANCE);
        for (SymbolKernelProvider provider : loadProviders(new ArrayList<>())) {
            try {
                if (provider.unavailableReason().isEmpty()) {
                    for (SymbolKernel kernel : provider.kernels()) {
                        if (KernelSelfTest.run(kernel).isEmpty()) {
                            kernels.add(kernel);
                        }
                    }
                }
            } catch (RuntimeException | LinkageError e) {
                // a provider that breaks here simply contributes nothing; info() reports its reason
            }
        }
        return Collections.unmodifiableList(kernels);
    }

    private static Selection selection() {
        Selection result = cached;
        if (result == null) {
            synchronized (Kernels.class) {
                result = cached;
                if (result == null) {
                    List<String> loadProblems = new ArrayList<>();
                    List<SymbolKernelProvider> providers = loadProviders(loadProblems);
                    result = select(System.getProperty(PROPERTY_KERNEL, "auto"), providers, loadProblems);
                    cached = result;
                    report(result, LOG);
                }
            }
        }
        return result;
    }

    /** The selection rules, apart from the system and the class path, so tests can pass their own providers. */
    static Selection select(String requested, List<SymbolKernelProvider> providers, List<String> loadProblems) {
        String mode = requested.trim().toLowerCase(Locale.ROOT);
        String platform = KernelInfo.currentPlatform();
        String version = libraryVersion();
        switch (mode) {
            case "java":
                return new Selection(JavaSymbolKernel.INSTANCE, new KernelInfo(version, platform, mode, "java", "none",
                        PROPERTY_KERNEL + "=java"), null);
            case "auto":
            case "native":
                break;
            default:
                String bad = PROPERTY_KERNEL + " must be auto, native or java, got '" + requested + "'";
                return new Selection(null, new KernelInfo(version, platform, requested, "none", "none", bad), bad);
        }
        List<String> problems = new ArrayList<>(loadProblems);
        for (SymbolKernelProvider provider : providers) {
            Optional<String> reason = safeReason(provider);
            if (reason.isPresent()) {
                problems.add(reason.get());
                continue;
            }
            try {
                SymbolKernel kernel = provider.preferredKernel();
                Optional<String> failure = KernelSelfTest.run(kernel);
                if (failure.isPresent()) {
                    problems.add(kernel.name() + " failed its self-test: " + failure.get());
                    continue;
                }
                return new Selection(kernel, new KernelInfo(version, platform, mode, kernel.name(),
                        provider.instructionSet(kernel), null), null);
            } catch (RuntimeException | LinkageError e) {
                problems.add(provider.name() + ": " + e.getMessage());
            }
        }
        if (providers.isEmpty() && loadProblems.isEmpty()) {
            problems.add("rqlib-native is not on the class path (add org.rqlib:rqlib-native with classifier "
                    + platform + ", or org.rqlib:rqlib-platform)");
        }
        String why = String.join("; ", problems);
        KernelInfo info = new KernelInfo(version, platform, mode, "java", "none", why);
        if (mode.equals("native")) {
            String error = PROPERTY_KERNEL + "=native, but no native kernel is usable on " + platform + ": " + why;
            return new Selection(null, info, error);
        }
        return new Selection(JavaSymbolKernel.INSTANCE, info, null);
    }

    /**
     * Says once, when the choice is made, why no native kernel is in use: at INFO when rqlib falls back to the Java
     * kernel, at WARNING when the request ({@code rqlib.kernel=native}, or an unknown value) cannot be met. Silent
     * when native is in use or {@code rqlib.kernel=java} asked for the Java kernel.
     */
    static void report(Selection selection, System.Logger logger) {
        KernelInfo info = selection.info();
        if (info.nativeInUse() || info.requested().trim().equalsIgnoreCase("java")) {
            return;
        }
        if (selection.kernel() == null) {
            logger.log(System.Logger.Level.WARNING, selection.error());
        } else {
            logger.log(System.Logger.Level.INFO, "rqlib uses the Java kernel on " + info.platform()
                    + " (same bytes, slower): native not in use: " + info.nativeProblem());
        }
    }

    private static Optional<String> safeReason(SymbolKernelProvider provider) {
        try {
            return provider.unavailableReason();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of(provider.name() + ": " + e);
        }
    }

    /** Providers registered for ServiceLoader; one that cannot even be instantiated becomes a load problem. */
    private static List<SymbolKernelProvider> loadProviders(List<String> loadProblems) {
        List<SymbolKernelProvider> providers = new ArrayList<>();
        var iterator = ServiceLoader.load(SymbolKernelProvider.class, Kernels.class.getClassLoader()).iterator();
        // a broken provider entry throws once and the iterator moves on; the bound guards against one that never does
        for (int attempts = 0; attempts < 64; attempts++) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                providers.add(iterator.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                loadProblems.add("a kernel provider failed to load: " + e);
            }
        }
        return providers;
    }

    private static String libraryVersion() {
        String version = Kernels.class.getPackage().getImplementationVersion();
        Module module = Kernels.class.getModule();
        if (version == null && module.isNamed()) {
            // on the module path a package has no manifest version; the module descriptor carries it
            version = module.getDescriptor().rawVersion().orElse(null);
        }
        return version != null ? version : "development build (no jar manifest version)";
    }

    /** A choice: the kernel (null when the request cannot be met), what to report, and the error to throw. */
    record Selection(SymbolKernel kernel, KernelInfo info, String error) {
        SymbolKernel kernelOrThrow() {
            if (kernel == null) {
                throw new KernelUnavailableException(error);
            }
            return kernel;
        }
    }
}
