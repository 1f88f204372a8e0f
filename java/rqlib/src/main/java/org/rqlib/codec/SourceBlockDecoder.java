package org.rqlib.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import org.rqlib.InvalidPacketException;
import org.rqlib.kernel.SymbolBufferAllocator;

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
    private final SymbolBufferAllocator allocator;

    public SourceBlockDecoder(Codec codec, ObjectPartition partition, int sbn) {
        this(codec, partition, sbn, Integer.MAX_VALUE);
    }

    /**
     * A decoder whose sub-block decoders first reserve room for {@code expectedSymbols} symbols (at most K + 2)
     * and grow as more arrive.
     */
    public SourceBlockDecoder(Codec codec, ObjectPartition partition, int sbn, int expectedSymbols) {
        this.allocator = Objects.requireNonNull(codec, "codec").allocator();
        this.partition = Objects.requireNonNull(partition, "partition");
        this.sbn = sbn;
        this.k = partition.symbolsInBlock(sbn);
        int n = partition.subBlockCount();
        this.subBlocks = new BlockDecoder[n];
        try {
            for (int i = 0; i < n; i++) {
                String label = n == 1 ? "source block " + sbn : "source block " + sbn + " sub-block " + i;
                subBlocks[i] = codec.decoder(k, partition.subSymbolSize(i), label, expectedSymbols);
            }
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

    /**
     * Adds a packet of this block; false when its ESI was already added.
     *
     * @throws InvalidPacketException when the packet belongs to another block or its symbol is not T bytes
     */
    public boolean addPacket(EncodingPacket packet) {
        Objects.requireNonNull(packet, "packet");
        if (packet.sourceBlockNumber() != sbn) {
            throw new InvalidPacketException("packet of source block " + packet.sourceBlockNumber()
                    + " given to the decoder of source block " + sbn);
        }
        if (packet.symbolSize() != partition.oti().symbolSize()) {
            throw new InvalidPacketException("packet " + packet.encodingSymbolId() + " of source block " + sbn
                    + " has a symbol of " + packet.symbolSize() + " bytes, expected T=" + partition.oti().symbolSize());
        }
        return addSymbol(packet.encodingSymbolId(), ByteBuffer.wrap(packet.symbol()), 0);
    }

    /**
     * Adds the T-byte symbol with id esi read from src at offset; false when that ESI was already added.
     *
     * @throws InvalidPacketException when the ESI is outside [0, 2^24) or src does not hold T bytes at offset
     */
    public boolean addSymbol(int esi, ByteBuffer src, int offset) {
        BlockDecoder.checkSymbolFits(src, offset, partition.oti().symbolSize(), "source block " + sbn);
        if (subBlocks.length == 1) {
            return subBlocks[0].addSymbol(esi, src, offset);
        }
        // each sub-block decoder copies its own sub-symbol, which sits at subSymbolOffset(n) inside the symbol
        boolean added = false;
        for (int n = 0; n < subBlocks.length; n++) {
            added = subBlocks[n].addSymbol(esi, src, offset + partition.subSymbolOffset(n));
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
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(dstOffset, length, dst.capacity());
        ByteBuffer symbols = allocator.allocate((long) k * t);
        try {
            for (int n = 0; n < subBlocks.length; n++) {
                subBlocks[n].decode(symbols, (int) SubBlockLayout.subBlockOffset(partition, k, n));
            }
            dst.put(dstOffset, symbols, 0, length);
        } finally {
            allocator.free(symbols);
        }
    }

    /**
     * Writes the source block padded to K * T bytes (zeros after its {@link ObjectPartition#blockLength} bytes)
     * into dst at dstOffset, decoding each sub-block in place: no copy of the block is made here, for callers that
     * hold the whole block anyway (the browser build).
     *
     * @throws org.rqlib.NotEnoughSymbolsException when the packets received do not determine the block
     */
    public void decodePadded(ByteBuffer dst, int dstOffset) {
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(dstOffset, (int) Math.min(Integer.MAX_VALUE,
                (long) k * partition.oti().symbolSize()), dst.capacity());
        for (int n = 0; n < subBlocks.length; n++) {
            subBlocks[n].decode(dst, dstOffset + (int) SubBlockLayout.subBlockOffset(partition, k, n));
        }
    }

    /**
     * Writes the block's {@link ObjectPartition#blockLength} bytes into {@code out} at {@code position}, one
     * sub-block at a time (each is a contiguous range of the block, RFC 6330 4.4.1.2): memory for one sub-block,
     * so a source block over 2 GiB decodes as long as each of its sub-blocks fits.
     *
     * @throws org.rqlib.NotEnoughSymbolsException when the packets received do not determine the block
     */
    public void decodeTo(FileChannel out, long position) throws IOException {
        long length = partition.blockLength(sbn);
        for (int n = 0; n < subBlocks.length; n++) {
            long start = SubBlockLayout.subBlockOffset(partition, k, n);
            if (start >= length) {
                break;   // only padding from here on; the sub-block still decodes (same ids) but is not written
            }
            ByteBuffer piece = allocator.allocate((long) k * partition.subSymbolSize(n));
            try {
                subBlocks[n].decode(piece, 0);
                piece.limit((int) Math.min(piece.capacity(), length - start));
                while (piece.hasRemaining()) {
                    out.write(piece, position + start + piece.position());
                }
            } finally {
                allocator.free(piece);
            }
        }
    }

    @Override
    public void close() {
        for (BlockDecoder decoder : subBlocks) {
            if (decoder != null) {
                decoder.close();
            }
        }
    }
}
