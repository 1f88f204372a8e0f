package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.ChildJvm;

/**
 * The heap a job is admitted with does not grow with its layout (issue 10, item 1): in a 24 MiB heap, whose
 * budget cannot hold a 256 MiB file's 524,288 ids, metadata and decode that spill them are admitted, while
 * metadata that must hand every id to the caller is refused.
 */
class SpilledAdmissionTest {
    @TempDir
    Path work;

    @Test
    void aJobWhoseIdsExceedTheHeapButWhoseBlocksFitIsAdmitted() throws Exception {
        String out = ChildJvm.run(List.of("-Xmx24m", "-XX:MaxDirectMemorySize=64m"), SpilledAdmissionMain.class,
                work.toString());
        assertTrue(out.contains("ok in-heap metadata refused"), out);
        assertTrue(out.contains("ok spilled metadata of 524288 ids"), out);
        assertTrue(out.contains("ok spilled decode admitted"), out);
        assertTrue(out.strip().endsWith("done"), out);
    }
}
