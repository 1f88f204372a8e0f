package org.rqlib.api;

import java.nio.file.Path;
import java.util.List;

/** {@link TestFiles#listing} for tests outside this package. */
public final class TestListing {
    private TestListing() {
    }

    /** Every file under dir with its bytes' SHA-256, by relative path. */
    public static List<String> of(Path dir) throws Exception {
        return TestFiles.listing(dir);
    }
}
