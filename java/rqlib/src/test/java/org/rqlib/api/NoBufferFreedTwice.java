package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.rqlib.kernel.DirectBuffers;

/**
 * After each test, asserts that no direct buffer was freed twice: every buffer has exactly one owner, and a
 * second free of a cached buffer would hand freed memory out again. Use with {@code @ExtendWith}.
 */
final class NoBufferFreedTwice implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        assertEquals(0, DirectBuffers.doubleFrees(), "direct buffers freed twice");
    }
}
