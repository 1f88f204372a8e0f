package org.rqlib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HashThroughputTest {

    @Test
    void measuresEveryColumnAndPrintsOneRowPerDistinctHasher() {
        List<SymbolHasher> hashers =
                HashThroughput.hashersOf(List.of(JavaSymbolKernel.INSTANCE, JavaSymbolKernel.INSTANCE));
        assertEquals(List.of(JavaSymbolHasher.INSTANCE), hashers);
        List<HashThroughput.Result> results = HashThroughput.measureAll(hashers);
        HashThroughput.Result r = results.get(0);
        assertEquals("java", r.hasher());
        assertTrue(r.oneMessageGbps() > 0 && r.bandGbps() > 0 && r.incrementalGbps() > 0, r.toString());
        String table = HashThroughput.table(results);
        assertTrue(table.lines().count() == 2 && table.contains("java") && table.contains("64 KiB GB/s"), table);
    }
}
