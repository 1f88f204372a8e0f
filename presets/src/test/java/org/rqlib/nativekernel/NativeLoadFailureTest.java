package org.rqlib.nativekernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.kernel.KernelInfo;

/** Each way the native library can be unusable is reported by its root cause, not by JavaCPP's wrapper. */
class NativeLoadFailureTest {
    /** What JavaCPP's Loader throws when it found nothing it could load. */
    private static final String WRAPPER = "no jniRqk in java.library.path: /usr/java/packages/lib:/usr/lib";

    @Test
    void aMissingClassifierJarIsNamed() {
        String reason = NativeLibrary.load("macosx-arm64", resource -> false, () -> {
            throw new UnsatisfiedLinkError(WRAPPER);
        });
        assertTrue(reason.contains("org.rqlib:rqlib-native:<version>:macosx-arm64 is not on the class path"), reason);
        assertTrue(reason.contains("org/rqlib/nativekernel/macosx-arm64/libjniRqk.dylib"), reason);
        assertTrue(reason.contains("rqlib-platform"), reason);
    }

    @Test
    void aPlatformWithoutAClassifierIsCalledUnsupported() {
        String reason = NativeLibrary.load("linux-riscv64", resource -> false, () -> {
            throw new UnsatisfiedLinkError(WRAPPER);
        });
        assertTrue(reason.startsWith("no native library is built for linux-riscv64"), reason);
        assertTrue(reason.contains("linux-arm64") && reason.contains("windows-x86_64"), reason);
        assertFalse(reason.contains("java.library.path"), reason);
    }

    @Test
    void theLinkersMessageIsReportedNotJavaCppsWrapper() {
        UnsatisfiedLinkError linker = new UnsatisfiedLinkError("/tmp/javacpp/libjniRqk.so: /lib64/libc.so.6: "
                + "version `GLIBC_2.34' not found (required by /tmp/javacpp/libjniRqk.so)");
        UnsatisfiedLinkError wrapper = new UnsatisfiedLinkError(WRAPPER);
        wrapper.initCause(linker);
        String reason = NativeLibrary.load("linux-x86_64", resource -> true, () -> {
            throw wrapper;
        });
        assertTrue(reason.contains("on the class path but did not load"), reason);
        assertTrue(reason.endsWith("version `GLIBC_2.34' not found (required by /tmp/javacpp/libjniRqk.so)"), reason);
        assertFalse(reason.contains("java.library.path"), reason);
    }

    @Test
    void aRealDynamicLinkerFailureKeepsItsWords(@TempDir Path dir) throws IOException {
        assumeTrue(KernelInfo.currentPlatform().startsWith("linux"), "the dynamic linker's wording is glibc's");
        Path notALibrary = Files.write(dir.resolve("libjniRqk.so"), new byte[] {'n', 'o', 't', ' ', 'E', 'L', 'F'});
        String reason = NativeLibrary.load("linux-x86_64", resource -> true,
                () -> System.load(notALibrary.toString()));
        // glibc says "invalid ELF header" or "file too short", naming the file
        assertTrue(reason.contains(notALibrary.toString()), reason);
        assertTrue(reason.contains("ELF") || reason.contains("too short"), reason);
    }

    @Test
    void theLibraryOfThisBuildLoadsAndReportsNoProblem() {
        assumeTrue(NativeLibrary.failure().isEmpty(), () -> "native kernel not loadable here: "
                + NativeLibrary.failure().orElse(""));
        assertNull(NativeLibrary.load(KernelInfo.currentPlatform(), resource -> true, () -> { }));
        String resource = NativeLibrary.libraryResource(KernelInfo.currentPlatform());
        assertTrue(getClass().getClassLoader().getResource(resource) != null, resource);
    }
}
