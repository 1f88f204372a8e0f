package org.rqlib.layout;

import java.util.List;
import java.util.Objects;
import org.rqlib.codec.Oti;

/**
 * One entry of {@code _raptorq_layout.json}. Immutable.
 *
 * @param blockId the block's id; its symbols live in {@code block_<blockId>}
 * @param oti the block's OTI ({@code encoder_parameters})
 * @param originalOffset where the block starts in the file
 * @param size the block's unpadded length
 * @param symbols symbol ids, per source block the source ESIs 0..K-1 then the repair ESIs K..K+R-1; held as
 *     digests in the heap ({@link SymbolIds}) or in a job's spill file ({@link BlockIds}), read as Base58 text
 * @param hash base58 BLAKE3-256 of the block's bytes
 */
public record LayoutBlock(int blockId, Oti oti, long originalOffset, long size, BlockIds symbols, String hash) {
    public LayoutBlock {
        Objects.requireNonNull(oti, "oti");
        Objects.requireNonNull(symbols, "symbols");
        Objects.requireNonNull(hash, "hash");
    }

    /** A block from Base58 ids; each must be the Base58 form of a 32-byte digest. */
    public LayoutBlock(int blockId, Oti oti, long originalOffset, long size, List<String> symbols, String hash) {
        this(blockId, oti, originalOffset, size, SymbolIds.of(symbols), hash);
    }

    /** This block with its ids kept in {@code symbols} (the same ids, held elsewhere). */
    public LayoutBlock withSymbols(BlockIds symbols) {
        if (symbols.size() != this.symbols.size()) {
            throw new IllegalArgumentException(directoryName() + " has " + this.symbols.size() + " ids, not "
                    + symbols.size());
        }
        return new LayoutBlock(blockId, oti, originalOffset, size, symbols, hash);
    }

    /** R: repair symbols per source block, from the symbol count (the same for every source block). */
    public int repairPerSourceBlock() {
        return (int) ((symbols.size() - oti.totalSymbols()) / oti.sourceBlocks());
    }

    public String directoryName() {
        return "block_" + blockId;
    }
}
