package org.rqlib.nativekernel;

import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.rqlib.kernel.KernelInfo;

/**
 * Loads {@code libjniRqk} once, on first use, and keeps the failure as text instead of throwing: rqlib then
 * runs on the Java kernel and reports the reason (DESIGN.md "Kernel selection"). Thread-safe (holder idiom).
 */
final class NativeLibrary {

    private NativeLibrary() {
    }

    /** Empty once the library is loaded and answers; otherwise why it is not usable. */
    static Optional<String> failure() {
        return Optional.ofNullable(Holder.FAILURE);
    }

    private static final class Holder {
        static final String FAILURE = load();
    }

    private static String load() {
        String platform = KernelInfo.currentPlatform();
        try {
            Loader.load(Rqk.class);
            int best = Rqk.bestIsa();
            if (Rqk.isaSupported(best) != 1) {
                return "the native library on " + platform + " reports an unusable instruction set " + best;
            }
            return null;
        } catch (LinkageError | RuntimeException e) {
            // UnsatisfiedLinkError: no classifier jar for this platform, or a C runtime too old for the library
            return "the rqlib native library did not load on " + platform + " (is org.rqlib:rqlib-native:"
                    + "<version>:" + platform + " on the class path?" + modulePathHint(platform) + "): " + e;
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
