package org.rqlib.chunking;

import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.Oti;

/**
 * One block of a file: an independent RaptorQ object with its own OTI, written to {@code block_<index>}.
 *
 * @param index the block id
 * @param offset where the block starts in the file
 * @param length the block's unpadded length
 * @param oti its object transmission information
 * @param repairPerSourceBlock R, the repair symbols written for each of its source blocks
 */
public record BlockSpec(int index, long offset, long length, Oti oti, int repairPerSourceBlock) {
    public ObjectPartition partition() {
        return new ObjectPartition(oti);
    }

    public String directoryName() {
        return "block_" + index;
    }

    /** Symbols listed for this block in the layout: every source symbol plus R repair per source block. */
    public long symbolCount() {
        return oti.totalSymbols() + (long) oti.sourceBlocks() * repairPerSourceBlock;
    }
}
