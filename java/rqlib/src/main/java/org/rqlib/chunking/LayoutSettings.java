package org.rqlib.chunking;

import org.rqlib.InvalidParameterException;

/**
 * The settings that decide the output bytes, with the original library's meaning: symbol size, redundancy factor
 * and either a fixed block size or (block size 0) the layout memory from which the block size follows. The memory
 * limit and thread count are deliberately not here: they never change the output. Immutable.
 *
 * @param symbolSize the configured symbol size; T is this rounded down to a multiple of 8
 * @param redundancyFactor rf: repair symbols per source block follow {@link BlockPlanner#repairSymbols}
 * @param blockSize bytes per block, or 0 for the original's automatic rule
 * @param layoutMemoryBytes the original's {@code max_memory_mb} in bytes, used only when blockSize is 0
 */
public record LayoutSettings(int symbolSize, int redundancyFactor, long blockSize, long layoutMemoryBytes) {
    public static final int DEFAULT_SYMBOL_SIZE = 65535;
    public static final int DEFAULT_REDUNDANCY_FACTOR = 4;
    public static final long DEFAULT_LAYOUT_MEMORY = 16L << 30;

    public LayoutSettings {
        OtiDerivation.symbolSizeT(symbolSize);
        if (redundancyFactor < 1 || redundancyFactor > 255) {
            throw new InvalidParameterException("redundancy factor " + redundancyFactor + " must be in [1, 255]");
        }
        if (blockSize < 0) {
            throw new InvalidParameterException("block size " + blockSize + " must be >= 0 (0 = automatic)");
        }
        if (blockSize == 0 && layoutMemoryBytes < 6L * symbolSize) {
            throw new InvalidParameterException("layout memory " + layoutMemoryBytes
                    + " bytes is too small for symbol size " + symbolSize);
        }
    }

    public static LayoutSettings defaults() {
        return new LayoutSettings(DEFAULT_SYMBOL_SIZE, DEFAULT_REDUNDANCY_FACTOR, 0, DEFAULT_LAYOUT_MEMORY);
    }
}
