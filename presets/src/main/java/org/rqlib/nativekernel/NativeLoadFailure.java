package org.rqlib.nativekernel;

import java.util.List;

/**
 * Why the native library cannot be used, told as its root cause: which classifier jar is missing, that the
 * platform has none, or the dynamic linker's own words (for example {@code version `GLIBC_2.34' not found}),
 * which JavaCPP wraps in a generic "no jniRqk in java.library.path". Stateless.
 */
final class NativeLoadFailure {
    /** The platforms ci/platforms.sh builds a classifier for; rqlib-platform pulls in exactly these. */
    static final List<String> BUILT_PLATFORMS =
            List.of("linux-x86_64", "linux-arm64", "windows-x86_64", "macosx-x86_64", "macosx-arm64");

    private NativeLoadFailure() {
    }

    /**
     * The reason to report.
     *
     * @param platform        JavaCPP platform name of this JVM
     * @param libraryResource the class path resource the classifier jar provides, e.g.
     *                        {@code org/rqlib/nativekernel/linux-x86_64/libjniRqk.so}
     * @param onClassPath     whether that resource was found
     * @param error           what loading threw
     */
    static String describe(String platform, String libraryResource, boolean onClassPath, Throwable error) {
        if (!onClassPath && !BUILT_PLATFORMS.contains(platform)) {
            return "no native library is built for " + platform + " (rqlib-native has " + String.join(", ",
                    BUILT_PLATFORMS) + "); the Java kernel computes the same bytes";
        }
        if (!onClassPath) {
            return "the classifier jar org.rqlib:rqlib-native:<version>:" + platform + " is not on the class path"
                    + " (" + libraryResource + " not found; add that jar or org.rqlib:rqlib-platform)";
        }
        return "the native library for " + platform + " is on the class path but did not load: "
                + rootMessage(error);
    }

    /** The innermost message of the cause chain: the linker's, where JavaCPP wrapped it. */
    static String rootMessage(Throwable error) {
        Throwable root = error;
        // bounded: a cause chain that loops would otherwise never end
        for (int depth = 0; depth < 32 && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getName() : message;
    }
}
