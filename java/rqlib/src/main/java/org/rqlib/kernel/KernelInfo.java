package org.rqlib.kernel;

import java.util.Locale;
import java.util.Objects;

/**
 * What {@code rq info} and {@code RaptorQ.kernelInfo()} report about the symbol kernel: the library version,
 * the platform, the kernel in use and its native instruction set, and why native is not in use where it isn't.
 * Immutable.
 *
 * @param libraryVersion      rqlib's version, from the jar manifest
 * @param platform            JavaCPP-style platform name, e.g. {@code linux-x86_64}
 * @param requested           the value of {@code rqlib.kernel}: auto, native or java
 * @param kernel              name of the kernel in use, e.g. {@code native-avx512gfni} or {@code java}
 * @param nativeIsa           instruction set of the native kernel in use, or {@code none}
 * @param nativeProblem       why the native kernel is not in use, or {@code null} when it is
 */
public record KernelInfo(String libraryVersion, String platform, String requested, String kernel, String nativeIsa,
        String nativeProblem) {

    public KernelInfo {
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(nativeIsa, "nativeIsa");
    }

    /** True when a native kernel is in use. */
    public boolean nativeInUse() {
        return nativeProblem == null;
    }

    /** Several lines, one fact each, for {@code rq info}. */
    public String describe() {
        StringBuilder text = new StringBuilder()
                .append("rqlib version: ").append(libraryVersion).append('\n')
                .append("platform:      ").append(platform).append(" (").append(System.getProperty("os.name"))
                .append(' ').append(System.getProperty("os.version")).append(", Java ")
                .append(System.getProperty("java.version")).append(")\n")
                .append("kernel:        ").append(kernel).append(" (rqlib.kernel=").append(requested).append(")\n")
                .append("native isa:    ").append(nativeIsa).append('\n');
        if (nativeProblem != null) {
            text.append("native not in use: ").append(nativeProblem).append('\n');
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * This JVM's platform in JavaCPP's naming (the classifier of the native jar it needs): os is linux, macosx,
     * windows, android or the lower-cased os.name; arch is x86_64, arm64, x86 or os.arch.
     */
    public static String currentPlatform() {
        String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
        String vm = System.getProperty("java.vm.name", "").toLowerCase(Locale.ROOT);
        if (vm.contains("dalvik")) {
            os = "android";
        } else if (os.startsWith("mac os x") || os.startsWith("darwin")) {
            os = "macosx";
        } else if (os.startsWith("windows")) {
            os = "windows";
        } else if (os.startsWith("linux")) {
            os = "linux";
        } else {
            os = os.replace(' ', '_');
        }
        String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
        arch = switch (arch) {
            case "amd64", "x86-64", "x86_64" -> "x86_64";
            case "aarch64", "arm64", "armv8" -> "arm64";
            case "i386", "i486", "i586", "i686", "x86" -> "x86";
            default -> arch;
        };
        return os + "-" + arch;
    }
}
