package org.rqlib.chunking;

import org.rqlib.InvalidParameterException;

/**
 * The settings that decide the output bytes, with the original library's meaning: symbol size, redundancy factor
 * and either a fixed block size or (block size 0) the layout memory from which the block size follows. The memory
 * limit and thread count are deliberately not here: they never change the output. Immutable.
 *
 * @param symbolSize the configured symbol size, 1 to 65535; T follows {@link OtiDerivation#symbolSizeT}
 * @param redundancyFactor rf, 0 to 255: repair symbols per source block follow {@link BlockPlanner#repairSymbols}
 * @param blockSize bytes per block, or 0 for the original's automatic rule
 * @param layoutMemoryBytes the original's {@code max_memory_mb} in bytes, used only when blockSize is 0; 0 is
 *     allowed, as in the original (blocks of one symbol_size each)
 */
public record LayoutSettings(int symbolSize, int redundancyFactor, long blockSize, long layoutMemoryBytes) {
    public static final int DEFAULT_SYMBOL_SIZE = 65535;
    public static final int DEFAULT_REDUNDANCY_FACTOR = 4;
    public static final long DEFAULT_LAYOUT_MEMORY = 16L << 30;

    public LayoutSettings {
        OtiDerivation.symbolSizeT(symbolSize);
        if (redundancyFactor < 0 || redundancyFactor > 255) {
            throw new InvalidParameterException("redundancy factor " + redundancyFactor + " must be in [0, 255]");
        }
        if (blockSize < 0) {
            throw new InvalidParameterException("block size " + blockSize + " must be >= 0 (0 = automatic)");
        }
        if (layoutMemoryBytes < 0) {
            throw new InvalidParameterException("layout memory " + layoutMemoryBytes + " bytes must be >= 0");
        }
    }

    public static LayoutSettings defaults() {
        return new LayoutSettings(DEFAULT_SYMBOL_SIZE, DEFAULT_REDUNDANCY_FACTOR, 0, DEFAULT_LAYOUT_MEMORY);
    }
}
