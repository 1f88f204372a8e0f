package org.rqlib.chunking;

import java.util.ArrayList;
import java.util.List;
import org.rqlib.InvalidParameterException;
import org.rqlib.codec.BlockEncoder;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.Oti;

/**
 * Cuts a file into blocks (the original library's pre-chunking) and fixes each block's OTI and repair count.
 * Depends only on {@link LayoutSettings}, so the output never depends on the memory limit. Thread-safe.
 */
public final class BlockPlanner {
    private final LayoutSettings settings;

    public BlockPlanner(LayoutSettings settings) {
        this.settings = settings;
    }

    public LayoutSettings settings() {
        return settings;
    }

    /**
     * The block size the original would use for a file of this size: the configured one, or with block size 0,
     * S = layout memory / 1.5; a file smaller than S is one block, else blocks of floor((S/4)/symbol_size)
     * symbols of symbol_size bytes (the configured size, not T), and of one symbol_size when that is 0 (layout
     * memory 0, as the original gives).
     */
    public long blockSizeFor(long fileSize) {
        if (settings.blockSize() > 0) {
            return settings.blockSize();
        }
        long s = (long) (settings.layoutMemoryBytes() / 1.5);
        if (fileSize < s) {
            return Math.max(1, fileSize);
        }
        return Math.max(settings.symbolSize(), s / 4 / settings.symbolSize() * settings.symbolSize());
    }

    public List<BlockSpec> plan(long fileSize) {
        if (fileSize < 1) {
            throw new InvalidParameterException("file size " + fileSize + ": an empty file cannot be encoded");
        }
        long blockSize = blockSizeFor(fileSize);
        List<BlockSpec> blocks = new ArrayList<>();
        for (long offset = 0; offset < fileSize; offset += blockSize) {
            blocks.add(block(blocks.size(), offset, Math.min(blockSize, fileSize - offset)));
        }
        return blocks;
    }

    /**
     * Block {@code index} of a file, {@code length} bytes from {@code offset}: its OTI and repair count depend on
     * its length alone, so a stream can be planned one block at a time once the block size is known.
     */
    public BlockSpec block(int index, long offset, long length) {
        Oti oti = OtiDerivation.derive(length, settings.symbolSize());
        int repair = repairSymbols(length);
        ObjectPartition partition = new ObjectPartition(oti);
        if ((long) partition.symbolsInBlock(0) + repair - 1 > BlockEncoder.MAX_ESI) {
            throw new InvalidParameterException("block " + index + " needs ESIs up to "
                    + ((long) partition.symbolsInBlock(0) + repair - 1) + ", above " + BlockEncoder.MAX_ESI
                    + ": lower the redundancy factor or the block size");
        }
        return new BlockSpec(index, offset, length, oti, repair);
    }

    /**
     * How many bytes of a stream of unknown length must be seen before its block size is fixed: the configured
     * block size, or with block size 0 the threshold S below which a file is one block (at S bytes or more the
     * block size no longer depends on the length); at least one byte.
     */
    public long blockSizeHorizon() {
        return settings.blockSize() > 0 ? settings.blockSize() : Math.max(1, autoThreshold());
    }

    /**
     * The original library's {@code get_recommended_block_size(file_size)}: 0 (do not split) when the file is
     * smaller than S = layout memory / 1.5, else floor((S / 4) / symbol_size) * symbol_size, at least one
     * symbol_size. Like the original it ignores a configured block size; {@link #blockSizeFor} gives the size an
     * encode uses.
     */
    public long recommendedBlockSize(long fileSize) {
        long s = autoThreshold();
        if (fileSize < s) {
            return 0;
        }
        long ss = settings.symbolSize();
        return Math.max(1, s / 4 / ss) * ss;
    }

    private long autoThreshold() {
        return (long) (settings.layoutMemoryBytes() / 1.5);
    }

    /**
     * R for a block of {@code length} bytes, the original's rule: rf when the block fits in one configured
     * symbol, else ceil(length * (rf - 1) / symbol_size), which is 0 for rf 0 or 1 (the original clamps the
     * negative value of rf 0 to 0); every source block of the block gets this many.
     */
    public int repairSymbols(long length) {
        int rf = settings.redundancyFactor();
        long ss = settings.symbolSize();
        if (length <= ss) {
            return rf;
        }
        if (rf <= 1) {
            return 0;
        }
        // rf <= 255, so the product cannot overflow below this length (no Math.multiplyHigh: TeaVM lacks it)
        long r = length <= Long.MAX_VALUE / 256
                ? (length * (rf - 1) + ss - 1) / ss
                : Long.MAX_VALUE;
        if (r > BlockEncoder.MAX_ESI) {
            throw new InvalidParameterException("block of " + length + " bytes with redundancy factor " + rf
                    + " needs " + r + " repair symbols, more than ESIs allow");
        }
        return (int) r;
    }
}
