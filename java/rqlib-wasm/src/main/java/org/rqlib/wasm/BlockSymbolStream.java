package org.rqlib.wasm;

import java.nio.ByteBuffer;
import org.rqlib.chunking.BlockSpec;
import org.rqlib.codec.Codec;
import org.rqlib.codec.EncodingPacket;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.SourceBlockEncoder;

/**
 * The symbol files of one block in the layout's order (per source block: source ESIs 0..K-1, then repair ESIs
 * K..K+R-1), handed out a batch at a time. Only one source block's encoder is alive at once, so the working set
 * is the block's bytes plus one source block's intermediate symbols. Not thread-safe.
 */
final class BlockSymbolStream implements AutoCloseable {
    private final Codec codec;
    private final ByteBuffer block;
    private final ObjectPartition partition;
    private final int repair;
    private final int fileSize;
    private int sbn = -1;
    private int nextEsi;
    private int endEsi;
    private SourceBlockEncoder encoder;

    BlockSymbolStream(Codec codec, byte[] blockBytes, BlockSpec spec) {
        this.codec = codec;
        this.block = ByteBuffer.wrap(blockBytes);
        this.partition = spec.partition();
        this.repair = spec.repairPerSourceBlock();
        this.fileSize = EncodingPacket.HEADER_BYTES + spec.oti().symbolSize();
    }

    /** Bytes of each symbol file: the 4-byte FEC Payload ID and T bytes. */
    int fileSize() {
        return fileSize;
    }

    /** The next at most {@code maxFiles} symbol files, back to back; empty when the block is done. */
    byte[] next(int maxFiles) {
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

    private boolean openNextSourceBlock() {
        close();
        if (sbn + 1 >= partition.sourceBlockCount()) {
            return false;
        }
        sbn++;
        encoder = SourceBlockEncoder.encode(codec, partition, sbn, block, (int) partition.blockOffset(sbn));
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
