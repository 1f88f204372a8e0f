package org.rqlib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** The one log message about the kernel choice: its level and that it carries the root cause. */
class KernelChoiceLogTest {

    @Test
    void fallingBackToJavaIsLoggedAtInfoWithTheRootCause() {
        RecordingLogger log = new RecordingLogger();
        Kernels.report(Kernels.select("auto", List.of(failing("version `GLIBC_2.34' not found")), List.of()), log);
        assertEquals(1, log.records.size(), log.records.toString());
        assertEquals(System.Logger.Level.INFO, log.levels.get(0));
        assertTrue(log.records.get(0).contains("GLIBC_2.34' not found"), log.records.get(0));
        assertTrue(log.records.get(0).contains(KernelInfo.currentPlatform()), log.records.get(0));
    }

    @Test
    void nativeRequestedButUnusableIsAWarning() {
        RecordingLogger log = new RecordingLogger();
        Kernels.report(Kernels.select("native", List.of(failing("no classifier jar")), List.of()), log);
        assertEquals(List.of(System.Logger.Level.WARNING), log.levels);
        assertTrue(log.records.get(0).contains("rqlib.kernel=native") && log.records.get(0).contains("no classifier"),
                log.records.get(0));
    }

    @Test
    void aSelfTestMismatchIsLoggedWithWhatDiffered() {
        RecordingLogger log = new RecordingLogger();
        SymbolKernel broken = new AbstractSymbolKernel() {
            @Override
            public String name() {
                return "native-broken";
            }

            @Override
            protected void xorUnchecked(ByteBuffer d, int dOff, ByteBuffer s, int sOff, int len) {
                // wrong on purpose: leaves the destination as it was
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
        Kernels.Selection s = Kernels.select("auto", List.of(provider(broken, null)), List.of());
        Kernels.report(s, log);
        assertEquals(List.of(System.Logger.Level.INFO), log.levels);
        assertTrue(log.records.get(0).contains("native-broken failed its self-test"), log.records.get(0));
    }

    @Test
    void nothingIsLoggedWhenNativeIsInUseOrJavaWasAskedFor() {
        RecordingLogger log = new RecordingLogger();
        Kernels.report(Kernels.select("java", List.of(failing("irrelevant")), List.of()), log);
        Kernels.report(Kernels.select("auto", List.of(provider(JavaSymbolKernel.INSTANCE, null)), List.of()), log);
        assertEquals(List.of(), log.records);
    }

    private static SymbolKernelProvider failing(String reason) {
        return provider(null, reason);
    }

    private static SymbolKernelProvider provider(SymbolKernel kernel, String reason) {
        return new SymbolKernelProvider() {
            @Override
            public String name() {
                return "native";
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
                return "test";
            }
        };
    }

    /** Keeps every message logged at a level that is enabled. */
    private static final class RecordingLogger implements System.Logger {
        final List<String> records = new ArrayList<>();
        final List<Level> levels = new ArrayList<>();

        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            levels.add(level);
            records.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            levels.add(level);
            records.add(params == null || params.length == 0 ? format : MessageFormat.format(format, params));
        }
    }
}
