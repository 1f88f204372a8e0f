package org.rqlib.codec;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.rqlib.InvalidPacketException;
import org.rqlib.kernel.DirectBuffers;

/**
 * Decodes one RFC 6330 source block in memory from encoding packets in any order, sub-blocks included. All
 * sub-blocks see the same symbol ids, so they reach full rank together. Owns off-heap memory; close it. Not
 * thread-safe.
 */
public final class SourceBlockDecoder implements AutoCloseable {
    private final ObjectPartition partition;
    private final int sbn;
    private final int k;
    private final BlockDecoder[] subBlocks;
    private ByteBuffer piece;

    public SourceBlockDecoder(Codec codec, ObjectPartition partition, int sbn) {
        this.partition = partition;
        this.sbn = sbn;
        this.k = partition.symbolsInBlock(sbn);
        int n = partition.subBlockCount();
        this.subBlocks = new BlockDecoder[n];
        try {
            for (int i = 0; i < n; i++) {
                String label = n == 1 ? "source block " + sbn : "source block " + sbn + " sub-block " + i;
                subBlocks[i] = codec.decoder(k, partition.subSymbolSize(i), label);
            }
            this.piece = n == 1 ? null : DirectBuffers.allocate(partition.subSymbolSize(0));
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    public int sourceBlockNumber() {
        return sbn;
    }

    public int sourceSymbols() {
        return k;
    }

    public int receivedCount() {
        return subBlocks[0].receivedCount();
    }

    /** Adds a packet of this block; false when its ESI was already added. */
    public boolean addPacket(EncodingPacket packet) {
        if (packet.sourceBlockNumber() != sbn) {
            throw new InvalidPacketException("packet of source block " + packet.sourceBlockNumber()
                    + " given to the decoder of source block " + sbn);
        }
        return addSymbol(packet.encodingSymbolId(), ByteBuffer.wrap(packet.symbol()), 0);
    }

    /** Adds the T-byte symbol with id esi read from src at offset; false when that ESI was already added. */
    public boolean addSymbol(int esi, ByteBuffer src, int offset) {
        int t = partition.oti().symbolSize();
        Objects.checkFromIndexSize(offset, t, src.capacity());
        if (subBlocks.length == 1) {
            return subBlocks[0].addSymbol(esi, src, offset);
        }
        boolean added = false;
        for (int n = 0; n < subBlocks.length; n++) {
            int size = partition.subSymbolSize(n);
            piece.put(0, src, offset + partition.subSymbolOffset(n), size);
            added = subBlocks[n].addSymbol(esi, piece, 0);
        }
        return added;
    }

    /**
     * Writes the block's {@link ObjectPartition#blockLength} bytes (padding removed) into dst at dstOffset.
     *
     * @throws org.rqlib.NotEnoughSymbolsException when the packets received do not determine the block
     */
    public void decode(ByteBuffer dst, int dstOffset) {
        int t = partition.oti().symbolSize();
        int length = (int) partition.blockLength(sbn);
        Objects.checkFromIndexSize(dstOffset, length, dst.capacity());
        ByteBuffer symbols = DirectBuffers.allocate((long) k * t);
        try {
            for (int n = 0; n < subBlocks.length; n++) {
                subBlocks[n].decode(symbols, (int) SubBlockLayout.subBlockOffset(partition, k, n));
            }
            dst.put(dstOffset, symbols, 0, length);
        } finally {
            DirectBuffers.free(symbols);
        }
    }

    @Override
    public void close() {
        for (BlockDecoder decoder : subBlocks) {
            if (decoder != null) {
                decoder.close();
            }
        }
        ByteBuffer memory = piece;
        piece = null;
        DirectBuffers.free(memory);
    }
}
