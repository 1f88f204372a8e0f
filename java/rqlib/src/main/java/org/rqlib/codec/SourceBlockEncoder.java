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
    /** The caller's padded source block when the encoder reads source symbols from it, else null. */
    private final ByteBuffer paddedSource;
    private final int paddedOffset;

    private SourceBlockEncoder(Codec codec, ObjectPartition partition, int sbn, BlockEncoder[] subBlocks) {
        this(codec, partition, sbn, subBlocks, null, 0);
    }

    private SourceBlockEncoder(Codec codec, ObjectPartition partition, int sbn, BlockEncoder[] subBlocks,
            ByteBuffer paddedSource, int paddedOffset) {
        this.paddedSource = paddedSource;
        this.paddedOffset = paddedOffset;
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

    /**
     * Like {@link #encode}, for a caller that already holds source block {@code sbn} padded to K * T bytes from
     * {@code offset} (zeros after its last byte): no copy of the source is made, here or in the sub-block encoders,
     * and source symbols are read back from {@code padded}, which must stay unchanged until this encoder is closed.
     * About one source block less memory than {@link #encode}; for the browser build, which holds whole blocks.
     */
    public static SourceBlockEncoder encodePadded(Codec codec, ObjectPartition partition, int sbn,
            ByteBuffer padded, int offset) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(padded, "padded");
        int k = partition.symbolsInBlock(sbn);
        long bytes = (long) k * partition.oti().symbolSize();
        if (bytes > Integer.MAX_VALUE) {
            throw new InvalidParameterException("source block " + sbn + " of " + bytes
                    + " bytes is too large to encode in memory; use the file API");
        }
        Objects.checkFromIndexSize(offset, (int) bytes, padded.capacity());
        BlockEncoder[] encoders = new BlockEncoder[partition.subBlockCount()];
        try {
            for (int i = 0; i < encoders.length; i++) {
                int subBlockOffset = offset + (int) SubBlockLayout.subBlockOffset(partition, k, i);
                encoders[i] = codec.encode(k, partition.subSymbolSize(i), padded, subBlockOffset, false);
            }
            return new SourceBlockEncoder(codec, partition, sbn, encoders, padded, offset);
        } catch (RuntimeException | Error e) {
            for (BlockEncoder encoder : encoders) {
                if (encoder != null) {
                    encoder.close();
                }
            }
            throw e;
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
        if (paddedSource != null) {
            // source symbols from the caller's block: sub-symbol esi of each sub-block, side by side (4.4.1.2)
            for (; count > 0 && firstEsi < k; firstEsi++, count--, dstOffset += t) {
                for (int n = 0; n < subBlocks.length; n++) {
                    int size = partition.subSymbolSize(n);
                    int from = paddedOffset + (int) SubBlockLayout.subBlockOffset(partition, k, n) + firstEsi * size;
                    dst.put(dstOffset + partition.subSymbolOffset(n), paddedSource, from, size);
                }
            }
        }
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
