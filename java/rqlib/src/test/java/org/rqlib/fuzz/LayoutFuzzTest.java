package org.rqlib.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rqlib.layout.Layout;
import org.rqlib.layout.LayoutBlock;
import org.rqlib.layout.LayoutJson;

/**
 * Fuzzes {@link LayoutJson#read} with mutated golden layouts (byte mutations and JSON-aware ones). A layout that
 * is read must be consistent (blocks tile the file from 0, sizes match their OTI, symbol counts fit the OTI) and
 * write back to JSON that reads as the same layout; anything else is a {@code LayoutException}.
 */
class LayoutFuzzTest {
    private static final List<byte[]> LAYOUTS = GoldenCorpus.layouts();

    @Test
    void mutatedLayoutsAreReadConsistentlyOrRefusedByField() {
        FuzzReport report = new FuzzHarness("layout-json", FuzzBudget.forTarget(3000), 10_000).run((random, sample) -> {
            byte[] seed = pickSmall(random);
            byte[] json = JsonMutator.mutate(seed, LAYOUTS, random);
            sample.bytes(json);
            sample.describe(json.length + " bytes");
            Layout layout = LayoutJson.read(json);
            long offset = 0;
            for (LayoutBlock block : layout.blocks()) {
                assertEquals(offset, block.originalOffset());
                assertEquals(block.oti().transferLength(), block.size());
                assertTrue(block.symbols().size() >= block.oti().totalSymbols());
                offset += block.size();
            }
            assertEquals(offset, layout.fileSize());
            byte[] written = LayoutJson.write(layout);
            assertEquals(layout, LayoutJson.read(written));
            assertArrayEquals(written, LayoutJson.write(LayoutJson.read(written)));
        });
        assertTrue(report.findings().isEmpty(), report.details());
        assertTrue(report.passed() > 0, "no mutated layout was read at all");
    }

    /** The large layouts (onemeg: 180 KB) are mutated less often, to keep the run short. */
    private static byte[] pickSmall(Random random) {
        byte[] seed = LAYOUTS.get(random.nextInt(LAYOUTS.size()));
        return seed.length > 20_000 && random.nextInt(4) > 0 ? LAYOUTS.get(0) : seed;
    }
}
