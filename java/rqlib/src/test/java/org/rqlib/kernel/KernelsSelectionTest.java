package org.rqlib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The selection rules of DESIGN.md "Kernel selection", with stand-in providers instead of a native library. */
class KernelsSelectionTest {

    @Test
    void javaIsTakenWhenRequestedEvenIfAProviderWorks() {
        Kernels.Selection s = Kernels.select("java", List.of(new FakeProvider(renamed("fake-fast"))), List.of());
        assertSame(JavaSymbolKernel.INSTANCE, s.kernelOrThrow());
        assertEquals("none", s.info().nativeIsa());
        assertTrue(s.info().nativeProblem().contains("rqlib.kernel=java"), s.info().nativeProblem());
    }

    @Test
    void autoTakesAProviderKernelThatPassesTheSelfTest() {
        Kernels.Selection s = Kernels.select("auto", List.of(new FakeProvider(renamed("fake-fast"))), List.of());
        assertEquals("fake-fast", s.kernelOrThrow().name());
        assertEquals("fake-isa", s.info().nativeIsa());
        assertTrue(s.info().nativeInUse());
        assertNull(s.info().nativeProblem());
    }

    @Test
    void autoFallsBackToJavaAndKeepsTheReasonWhenTheLibraryDoesNotLoad() {
        FakeProvider missing = new FakeProvider(null).failing("libjniRqk.so: cannot open shared object file");
        Kernels.Selection s = Kernels.select("auto", List.of(missing), List.of());
        assertSame(JavaSymbolKernel.INSTANCE, s.kernelOrThrow());
        assertFalse(s.info().nativeInUse());
        assertTrue(s.info().nativeProblem().contains("cannot open shared object"), s.info().nativeProblem());
        assertTrue(s.info().describe().contains("native not in use: "), s.info().describe());
    }

    @Test
    void autoRejectsAKernelThatComputesInTheWrongField() {
        Kernels.Selection s = Kernels.select("auto", List.of(new FakeProvider(new WrongFieldKernel())), List.of());
        assertSame(JavaSymbolKernel.INSTANCE, s.kernelOrThrow());
        assertTrue(s.info().nativeProblem().contains("self-test"), s.info().nativeProblem());
        assertTrue(s.info().nativeProblem().contains("0x11D"), s.info().nativeProblem());
    }

    @Test
    void autoWithoutAnyProviderSaysTheNativeJarIsMissing() {
        Kernels.Selection s = Kernels.select("auto", List.of(), List.of());
        assertSame(JavaSymbolKernel.INSTANCE, s.kernelOrThrow());
        assertTrue(s.info().nativeProblem().contains("rqlib-native is not on the class path"), s.info().nativeProblem());
        assertTrue(s.info().nativeProblem().contains(KernelInfo.currentPlatform()), s.info().nativeProblem());
    }

    @Test
    void nativeRequiredButUnavailableFailsNamingThePlatformAndTheReason() {
        FakeProvider missing = new FakeProvider(null).failing("no library for this platform");
        Kernels.Selection s = Kernels.select("native", List.of(missing), List.of());
        KernelUnavailableException e = assertThrows(KernelUnavailableException.class, s::kernelOrThrow);
        assertTrue(e.getMessage().contains(KernelInfo.currentPlatform()), e.getMessage());
        assertTrue(e.getMessage().contains("no library for this platform"), e.getMessage());
        assertEquals("java", s.info().kernel(), "info() still answers");
    }

    @Test
    void aProviderThatThrowsIsAReasonNotACrash() {
        FakeProvider throwing = new FakeProvider(renamed("x")) {
            @Override
            public SymbolKernel preferredKernel() {
                throw new IllegalStateException("rqlib.native.isa=avx512gfni cannot run here");
            }
        };
        Kernels.Selection s = Kernels.select("auto", List.of(throwing), List.of("a kernel provider failed to load"));
        assertSame(JavaSymbolKernel.INSTANCE, s.kernelOrThrow());
        assertTrue(s.info().nativeProblem().contains("cannot run here"), s.info().nativeProblem());
        assertTrue(s.info().nativeProblem().contains("failed to load"), s.info().nativeProblem());
    }

    @Test
    void anUnknownModeIsAClearError() {
        Kernels.Selection s = Kernels.select("fastest", List.of(), List.of());
        KernelUnavailableException e = assertThrows(KernelUnavailableException.class, s::kernelOrThrow);
        assertTrue(e.getMessage().contains("auto, native or java"), e.getMessage());
    }

    @Test
    void withoutTheNativeJarTheLibraryRunsOnJavaAndSaysWhy() {
        // the core module's test class path has no rqlib-native, so this is the "native library absent" case
        String requested = System.getProperty(Kernels.PROPERTY_KERNEL, "auto");
        org.junit.jupiter.api.Assumptions.assumeTrue(requested.equals("auto"),
                "rqlib.kernel is set to " + requested + " for this run");
        assertSame(JavaSymbolKernel.INSTANCE, Kernels.selected());
        KernelInfo info = Kernels.info();
        assertEquals("java", info.kernel());
        assertTrue(info.nativeProblem().contains("rqlib-native"), info.describe());
        assertEquals(List.of(JavaSymbolKernel.INSTANCE), Kernels.available());
        ByteBuffer a = ByteBuffer.allocateDirect(3);
        ByteBuffer b = ByteBuffer.allocateDirect(3).put(0, (byte) 7);
        Kernels.selected().mulAdd(a, 0, b, 0, 3, 3);
        assertEquals(Gf256.mul(3, 7), a.get(0) & 0xFF);
    }

    /** The Java kernel under another name: a stand-in for a correct native kernel. */
    private static SymbolKernel renamed(String name) {
        return new AbstractSymbolKernel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            protected void xorUnchecked(ByteBuffer d, int dOff, ByteBuffer s, int sOff, int len) {
                JavaSymbolKernel.INSTANCE.xor(d, dOff, s, sOff, len);
            }

            @Override
            protected void mulAddUnchecked(ByteBuffer d, int dOff, ByteBuffer s, int sOff, int c, int len) {
                JavaSymbolKernel.INSTANCE.mulAdd(d, dOff, s, sOff, c, len);
            }

            @Override
            protected void scaleUnchecked(ByteBuffer d, int dOff, int c, int len) {
                JavaSymbolKernel.INSTANCE.scale(d, dOff, c, len);
            }

            @Override
            protected void runUnchecked(OperationPlan plan, ByteBuffer slab, int symbolSize) {
                JavaSymbolKernel.INSTANCE.run(plan, slab, symbolSize);
            }
        };
    }

    /** Multiplies in GF(256) mod 0x11B (what gf2p8mulb does): right everywhere but the field. */
    private static final class WrongFieldKernel extends AbstractSymbolKernel {
        @Override
        public String name() {
            return "wrong-field";
        }

        private static int mul11b(int a, int b) {
            int p = 0;
            for (; b != 0; b >>= 1) {
                if ((b & 1) != 0) {
                    p ^= a;
                }
                a = (a << 1) ^ ((a & 0x80) != 0 ? 0x11B : 0);
            }
            return p;
        }

        @Override
        protected void xorUnchecked(ByteBuffer d, int dOff, ByteBuffer s, int sOff, int len) {
            JavaSymbolKernel.INSTANCE.xor(d, dOff, s, sOff, len);
        }

        @Override
        protected void mulAddUnchecked(ByteBuffer d, int dOff, ByteBuffer s, int sOff, int c, int len) {
            for (int i = 0; i < len; i++) {
                d.put(dOff + i, (byte) (d.get(dOff + i) ^ mul11b(c, s.get(sOff + i) & 0xFF)));
            }
        }

        @Override
        protected void scaleUnchecked(ByteBuffer d, int dOff, int c, int len) {
            for (int i = 0; i < len; i++) {
                d.put(dOff + i, (byte) mul11b(c, d.get(dOff + i) & 0xFF));
            }
        }

        @Override
        protected void runUnchecked(OperationPlan plan, ByteBuffer slab, int symbolSize) {
            JavaSymbolKernel.INSTANCE.run(plan, slab, symbolSize);
        }
    }

    private static class FakeProvider implements SymbolKernelProvider {
        private final SymbolKernel kernel;
        private String reason;

        FakeProvider(SymbolKernel kernel) {
            this.kernel = kernel;
        }

        FakeProvider failing(String why) {
            this.reason = why;
            return this;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public Optional<String> unavailableReason() {
            return Optional.ofNullable(reason);
        }

        @Override
        public SymbolKernel preferredKernel() {
            return kernel;
        }

        @Override
        public List<SymbolKernel> kernels() {
            return List.of(kernel);
        }

        @Override
        public String instructionSet(SymbolKernel k) {
            return "fake-isa";
        }
    }
}
