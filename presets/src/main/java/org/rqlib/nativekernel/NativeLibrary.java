package org.rqlib.nativekernel;

import java.util.Optional;
import java.util.function.Predicate;
import org.bytedeco.javacpp.Loader;
import org.rqlib.kernel.KernelInfo;

/**
 * Loads {@code libjniRqk} once, on first use, and keeps the failure as text instead of throwing: rqlib then
 * runs on the Java kernel and reports the root cause (DESIGN.md "Kernel selection"; {@link NativeLoadFailure}).
 * Thread-safe (holder idiom).
 */
final class NativeLibrary {
    /** Where JavaCPP's Loader finds the library of a platform inside its classifier jar. */
    private static final String RESOURCE_DIR = "org/rqlib/nativekernel/";

    private NativeLibrary() {
    }

    /** Empty once the library is loaded and answers; otherwise why it is not usable. */
    static Optional<String> failure() {
        return Optional.ofNullable(Holder.FAILURE);
    }

    private static final class Holder {
        static final String FAILURE = load(KernelInfo.currentPlatform(),
                resource -> NativeLibrary.class.getClassLoader().getResource(resource) != null,
                () -> Loader.load(Rqk.class));
    }

    /** The class path resource of a platform's library, e.g. org/rqlib/nativekernel/linux-x86_64/libjniRqk.so. */
    static String libraryResource(String platform) {
        String file = platform.startsWith("windows") ? "jniRqk.dll"
                : platform.startsWith("macosx") || platform.startsWith("ios") ? "libjniRqk.dylib" : "libjniRqk.so";
        return RESOURCE_DIR + platform + "/" + file;
    }

    /**
     * Loads with {@code loader} and checks the library answers; null when it does, else the root cause.
     * Parameters apart from the JVM's so that tests can force each failure.
     */
    static String load(String platform, Predicate<String> onClassPath, Runnable loader) {
        try {
            loader.run();
            int best = Rqk.bestIsa();
            if (Rqk.isaSupported(best) != 1) {
                return "the native library on " + platform + " reports an unusable instruction set " + best;
            }
            return null;
        } catch (LinkageError | RuntimeException e) {
            String resource = libraryResource(platform);
            boolean found = onClassPath.test(resource);
            String reason = NativeLoadFailure.describe(platform, resource, found, e);
            return found ? reason : reason + modulePathHint(platform);
        }
    }

    /** On the module path the classifier jar is an automatic module nothing requires: it must be added. */
    private static String modulePathHint(String platform) {
        if (!NativeLibrary.class.getModule().isNamed()) {
            return "";
        }
        return " On the module path add it with --add-modules org.rqlib.nativekernel." + platform.replace('-', '.');
    }
}
