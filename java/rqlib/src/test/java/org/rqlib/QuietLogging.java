package org.rqlib;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps rqlib's per-job log lines (INFO through java.util.logging's console handler) out of the test output:
 * thousands of fuzzed jobs would flood it. Registered for every test class by auto-detection
 * (junit-platform.properties); tests of the logging itself lower the level while they run.
 */
public final class QuietLogging implements BeforeAllCallback {
    /** Held so that the configured level is not lost with a collected logger. */
    private static final Logger RQLIB = Logger.getLogger("org.rqlib");

    @Override
    public void beforeAll(ExtensionContext context) {
        if (RQLIB.getLevel() == null) {
            RQLIB.setLevel(Level.WARNING);
        }
    }
}
