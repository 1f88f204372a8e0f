package org.rqlib.wasm;

import java.nio.ByteBuffer;
import org.rqlib.InvalidParameterException;
import org.rqlib.chunking.BlockSpec;
import org.rqlib.codec.Codec;
import org.rqlib.codec.EncodingPacket;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.SourceBlockEncoder;
import org.rqlib.io.Base58;
import org.rqlib.kernel.SymbolHasher;

/**
 * The symbol files of one block in the layout's order (per source block: source ESIs 0..K-1, then repair ESIs
 * K..K+R-1), handed out a batch at a time. The block's bytes arrive in pieces ({@link #append}) into one array
 * padded to whole symbols, which the encoders read in place ({@link SourceBlockEncoder#encodePadded}); only one
 * source block's encoder is alive at once, so the working set is the block plus one source block's intermediate
 * symbols. Not thread-safe.
 */
final class BlockSymbolStream implements AutoCloseable {
    private final Codec codec;
    private final byte[] padded;
    private final int length;
    private final ObjectPartition partition;
    private final int repair;
    private final int fileSize;
    private int filled;
    private int sbn = -1;
    private int nextEsi;
    private int endEsi;
    private SourceBlockEncoder encoder;

    BlockSymbolStream(Codec codec, BlockSpec spec) {
        this.codec = codec;
        this.partition = spec.partition();
        this.repair = spec.repairPerSourceBlock();
        this.fileSize = EncodingPacket.HEADER_BYTES + spec.oti().symbolSize();
        int last = partition.sourceBlockCount() - 1;
        long paddedLength = partition.blockOffset(last)
                + (long) partition.symbolsInBlock(last) * spec.oti().symbolSize();
        if (paddedLength > Integer.MAX_VALUE - 8) {
            throw new InvalidParameterException("block " + spec.index() + " of " + spec.length()
                    + " bytes is larger than the browser build encodes at once (2 GiB)");
        }
        this.length = (int) spec.length();
        this.padded = new byte[(int) paddedLength];
    }

    /** The block's next bytes, in order; all {@code length} of them before the first {@link #next}. */
    void append(byte[] piece) {
        if (piece.length > length - filled) {
            throw new InvalidParameterException("block bytes overflow: " + (filled + (long) piece.length)
                    + " given for a block of " + length);
        }
        System.arraycopy(piece, 0, padded, filled, piece.length);
        filled += piece.length;
    }

    /**
     * The base58 BLAKE3-256 of the block's bytes (the layout's hash), from the copy the encoder already holds, so
     * JavaScript need not hand the block over a second time.
     */
    String blockHash(SymbolHasher hasher) {
        requireFilled();
        SymbolHasher.Incremental incremental = hasher.newIncremental();
        incremental.update(padded, 0, length);
        byte[] digest = new byte[SymbolHasher.DIGEST_BYTES];
        incremental.finish(digest, 0);
        return Base58.encode(digest);
    }

    /** The next at most {@code maxFiles} symbol files, back to back; empty when the block is done. */
    byte[] next(int maxFiles) {
        requireFilled();
        if (encoder == null || nextEsi == endEsi) {
            if (!openNextSourceBlock()) {
                return new byte[0];
            }
        }
        int count = Math.min(maxFiles, endEsi - nextEsi);
        int t = fileSize - EncodingPacket.HEADER_BYTES;
        ByteBuffer symbols = ByteBuffer.allocate(count * t);
        encoder.writeSymbols(nextEsi, count, symbols, 0);
        ByteBuffer files = ByteBuffer.allocate(count * fileSize);
        for (int i = 0; i < count; i++) {
            EncodingPacket.writeHeader(files, i * fileSize, sbn, nextEsi + i);
            files.put(i * fileSize + EncodingPacket.HEADER_BYTES, symbols, i * t, t);
        }
        nextEsi += count;
        return files.array();
    }

    private void requireFilled() {
        if (filled != length) {
            throw new InvalidParameterException("block has " + filled + " of its " + length + " bytes");
        }
    }

    private boolean openNextSourceBlock() {
        close();
        if (sbn + 1 >= partition.sourceBlockCount()) {
            return false;
        }
        sbn++;
        encoder = SourceBlockEncoder.encodePadded(codec, partition, sbn, ByteBuffer.wrap(padded),
                (int) partition.blockOffset(sbn));
        nextEsi = 0;
        endEsi = partition.symbolsInBlock(sbn) + repair;
        return true;
    }

    @Override
    public void close() {
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
    }
}
