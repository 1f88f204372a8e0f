package org.rqlib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelThroughputTest {

    @Test
    void measuresEveryColumnAndPrintsOneRowPerKernelAndLength() {
        List<KernelThroughput.Result> results =
                KernelThroughput.measureAll(List.of(JavaSymbolKernel.INSTANCE), 64);
        assertEquals(1, results.size());
        KernelThroughput.Result r = results.get(0);
        assertEquals("java", r.kernel());
        assertEquals(64, r.length());
        assertTrue(r.xorGbps() > 0 && r.mulAddGbps() > 0 && r.planMulAddGbps() > 0 && r.planRowGbps() > 0,
                r.toString());
        String table = KernelThroughput.table(results);
        assertTrue(table.lines().count() == 2 && table.contains("java") && table.contains("mulAdd GB/s"), table);
    }
}
