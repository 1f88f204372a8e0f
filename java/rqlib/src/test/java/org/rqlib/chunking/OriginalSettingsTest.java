package org.rqlib.chunking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rqlib.InvalidParameterException;
import org.rqlib.codec.Oti;

/**
 * Every setting the original library accepts is accepted here with the original's geometry. The expected OTIs
 * and block cuts are what rq-library-wasm 1.0.2 wrote for the same settings (ci/original/run-original.mjs); the
 * golden cases in testdata/vectors/rq-library check the bytes.
 */
class OriginalSettingsTest {

    @Test
    void belowSixtyFourTheSymbolSizeIsTAndAlignmentIsOne() {
        for (int ss = 1; ss < 64; ss++) {
            Oti oti = OtiDerivation.derive(1000, ss);
            assertEquals(ss, oti.symbolSize(), "T for symbol size " + ss);
            assertEquals(1, oti.alignment(), "Al for symbol size " + ss);
            assertEquals(1, oti.sourceBlocks());
            assertEquals(1, oti.subBlocks());
        }
    }

    @Test
    void fromSixtyFourTIsRoundedToEightWithAlignmentEight() {
        for (int ss : new int[] {64, 65, 71, 72, 100, 1280, 65535}) {
            Oti oti = OtiDerivation.derive(1000, ss);
            assertEquals(ss / 8 * 8, oti.symbolSize(), "T for symbol size " + ss);
            assertEquals(8, oti.alignment(), "Al for symbol size " + ss);
        }
    }

    @Test
    void smallSymbolsSplitIntoSourceBlocksAsTheOriginalDoes() {
        // the original: 60000 bytes at symbol size 1 -> Z = 2; 200000 -> Z = 4; 3600000 at 63 -> Z = 2
        assertEquals(2, OtiDerivation.derive(60_000, 1).sourceBlocks());
        assertEquals(4, OtiDerivation.derive(200_000, 1).sourceBlocks());
        assertEquals(2, OtiDerivation.derive(3_600_000, 63).sourceBlocks());
    }

    @Test
    void symbolSizesOutsideOneTo65535AreRefusedByName() {
        for (int ss : new int[] {0, -1, 65536}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> new LayoutSettings(ss, 2, 0, 1L << 30));
            assertTrue(e.getMessage().contains("symbol size " + ss), e.getMessage());
        }
    }

    @Test
    void redundancyFactorZeroWritesNoRepairSymbols() {
        BlockPlanner planner = new BlockPlanner(new LayoutSettings(64, 0, 0, 4096L << 20));
        assertEquals(0, planner.repairSymbols(50));
        assertEquals(0, planner.repairSymbols(3000));
        BlockSpec block = planner.plan(3000).get(0);
        assertEquals(47, block.symbolCount(), "the original lists 47 symbols: the source symbols only");
        assertThrows(InvalidParameterException.class, () -> new LayoutSettings(64, -1, 0, 1L << 30));
        assertThrows(InvalidParameterException.class, () -> new LayoutSettings(64, 256, 0, 1L << 30));
    }

    @Test
    void layoutMemoryZeroCutsBlocksOfOneSymbolSize() {
        // the original with max_memory_mb 0: 1000 bytes at symbol size 100 -> ten blocks of 100 bytes (T = 96)
        List<BlockSpec> blocks = new BlockPlanner(new LayoutSettings(100, 2, 0, 0)).plan(1000);
        assertEquals(10, blocks.size());
        for (BlockSpec block : blocks) {
            assertEquals(100, block.length());
            assertEquals(96, block.oti().symbolSize());
            assertEquals(2, block.repairPerSourceBlock());
        }
        List<BlockSpec> sevens = new BlockPlanner(new LayoutSettings(7, 1, 0, 0)).plan(30);
        assertEquals(List.of(7L, 7L, 7L, 7L, 2L), sevens.stream().map(BlockSpec::length).toList());
        assertThrows(InvalidParameterException.class, () -> new LayoutSettings(64, 2, 0, -1));
    }
}
