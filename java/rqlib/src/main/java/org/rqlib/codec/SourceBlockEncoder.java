package org.rqlib.codec;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.rqlib.InvalidParameterException;
import org.rqlib.kernel.SymbolBufferAllocator;

/**
 * Encodes one RFC 6330 source block held in memory, sub-blocks included: symbol ESI of the block is the
 * concatenation of symbol ESI of each sub-block (4.4.1.2). Owns off-heap memory; close it. Not thread-safe.
 */
public final class SourceBlockEncoder implements AutoCloseable {
    private final ObjectPartition partition;
    private final int sbn;
    private final int k;
    private final BlockEncoder[] subBlocks;
    private final SymbolBufferAllocator allocator;
    private ByteBuffer piece;

    private SourceBlockEncoder(Codec codec, ObjectPartition partition, int sbn, BlockEncoder[] subBlocks) {
        this.allocator = codec.allocator();
        this.partition = partition;
        this.sbn = sbn;
        this.k = partition.symbolsInBlock(sbn);
        this.subBlocks = subBlocks;
        this.piece = allocator.allocate((long) BlockEncoder.BATCH_SYMBOLS * maxSubSymbolSize(partition));
    }

    /**
     * Encodes source block {@code sbn} of the object described by {@code partition}; {@code block} holds the
     * block's {@link ObjectPartition#blockLength} bytes from {@code offset} (the padding is added here).
     */
    public static SourceBlockEncoder encode(Codec codec, ObjectPartition partition, int sbn, ByteBuffer block,
            int offset) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(block, "block");
        int k = partition.symbolsInBlock(sbn);
        int t = partition.oti().symbolSize();
        long padded = (long) k * t;
        if (padded > Integer.MAX_VALUE) {
            throw new InvalidParameterException("source block " + sbn + " of " + padded
                    + " bytes is too large to encode in memory; use the file API");
        }
        int length = (int) partition.blockLength(sbn);
        Objects.checkFromIndexSize(offset, length, block.capacity());
        int n = partition.subBlockCount();
        BlockEncoder[] encoders = new BlockEncoder[n];
        ByteBuffer symbols = codec.allocator().allocate(padded);
        try {
            symbols.put(0, block, offset, length);
            for (int i = 0; i < n; i++) {
                int subBlockOffset = (int) SubBlockLayout.subBlockOffset(partition, k, i);
                encoders[i] = codec.encode(k, partition.subSymbolSize(i), symbols, subBlockOffset);
            }
            return new SourceBlockEncoder(codec, partition, sbn, encoders);
        } catch (RuntimeException | Error e) {
            for (BlockEncoder encoder : encoders) {
                if (encoder != null) {
                    encoder.close();
                }
            }
            throw e;
        } finally {
            codec.allocator().free(symbols);
        }
    }

    private static int maxSubSymbolSize(ObjectPartition partition) {
        return partition.subSymbolSize(0);
    }

    public int sourceBlockNumber() {
        return sbn;
    }

    public int sourceSymbols() {
        return k;
    }

    public int symbolSize() {
        return partition.oti().symbolSize();
    }

    /** Writes the symbols with ids firstEsi .. firstEsi+count-1 (T bytes each, no headers) into dst. */
    public void writeSymbols(int firstEsi, int count, ByteBuffer dst, int dstOffset) {
        ByteBuffer scratch = open();
        Objects.requireNonNull(dst, "dst");
        int t = symbolSize();
        Objects.checkFromIndexSize(dstOffset, Math.multiplyExact(count, t), dst.capacity());
        if (subBlocks.length == 1) {
            subBlocks[0].writeSymbols(firstEsi, count, dst, dstOffset);
            return;
        }
        for (int done = 0; done < count; ) {
            int batch = Math.min(BlockEncoder.BATCH_SYMBOLS, count - done);
            for (int n = 0; n < subBlocks.length; n++) {
                int size = partition.subSymbolSize(n);
                int at = dstOffset + done * t + partition.subSymbolOffset(n);
                subBlocks[n].writeSymbols(firstEsi + done, batch, scratch, 0);
                for (int i = 0; i < batch; i++) {
                    dst.put(at + i * t, scratch, i * size, size);
                }
            }
            done += batch;
        }
    }

    /** The packet with id esi. */
    public EncodingPacket packet(int esi) {
        ByteBuffer symbol = ByteBuffer.allocate(symbolSize());
        writeSymbols(esi, 1, symbol, 0);
        return new EncodingPacket(sbn, esi, symbol.array());
    }

    private ByteBuffer open() {
        if (piece == null) {
            throw new IllegalStateException("encoder of source block " + sbn + " is closed");
        }
        return piece;
    }

    @Override
    public void close() {
        for (BlockEncoder encoder : subBlocks) {
            encoder.close();
        }
        ByteBuffer memory = piece;
        piece = null;
        allocator.free(memory);
    }
}
