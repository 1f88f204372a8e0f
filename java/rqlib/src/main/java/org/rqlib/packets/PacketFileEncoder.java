package org.rqlib.packets;

import java.util.Objects;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.rqlib.InvalidParameterException;
import org.rqlib.codec.BlockEncoder;
import org.rqlib.codec.Codec;
import org.rqlib.codec.EncodingPacket;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.Oti;
import org.rqlib.codec.SourceBlockEncoder;
import org.rqlib.kernel.DirectBuffers;

/**
 * Writes an object's encoding packets to one file, the format of the conformance vectors: per source block in
 * SBN order, packets ESI 0..K-1 then K..K+R-1, each the 4-byte FEC Payload ID and T bytes. One source block is
 * in memory at a time. Thread-safe (stateless apart from the codec, which is).
 */
public final class PacketFileEncoder {
    private static final int PACKETS_PER_WRITE = 64;

    private final Codec codec;

    public PacketFileEncoder(Codec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Encodes {@code data} (exactly F bytes) with {@code repairPerBlock} repair packets per source block into
     * {@code packets}, replacing it atomically.
     */
    public void encode(Oti oti, Path data, Path packets, int repairPerBlock) throws IOException {
        Objects.requireNonNull(oti, "oti");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(packets, "packets");
        if (repairPerBlock < 0) {
            throw new InvalidParameterException("repair packet count " + repairPerBlock + " must be >= 0");
        }
        ObjectPartition partition = new ObjectPartition(oti);
        try (FileChannel in = FileChannel.open(data, StandardOpenOption.READ);
                AtomicOutput out = new AtomicOutput(packets)) {
            long size = in.size();
            if (size != oti.transferLength()) {
                throw new InvalidParameterException("data file " + data + " has " + size
                        + " bytes but the OTI says F=" + oti.transferLength());
            }
            for (int sbn = 0; sbn < partition.sourceBlockCount(); sbn++) {
                int k = partition.symbolsInBlock(sbn);
                if ((long) k + repairPerBlock - 1 > BlockEncoder.MAX_ESI) {
                    throw new InvalidParameterException("K=" + k + " plus " + repairPerBlock
                            + " repair packets exceeds the largest ESI " + BlockEncoder.MAX_ESI);
                }
                ByteBuffer block = readBlock(in, partition, sbn);
                try (SourceBlockEncoder encoder = SourceBlockEncoder.encode(codec, partition, sbn, block, 0)) {
                    writePackets(encoder, k + repairPerBlock, out.channel(), oti.symbolSize());
                } finally {
                    DirectBuffers.free(block);
                }
            }
            out.commit();
        }
    }

    private static ByteBuffer readBlock(FileChannel in, ObjectPartition partition, int sbn) throws IOException {
        long length = partition.blockLength(sbn);
        ByteBuffer block = DirectBuffers.allocate(length);
        long position = partition.blockOffset(sbn);
        while (block.hasRemaining()) {
            if (in.read(block, position + block.position()) < 0) {
                throw new IOException("data file ended early while reading source block " + sbn);
            }
        }
        return block;
    }

    private static void writePackets(SourceBlockEncoder encoder, int count, FileChannel out, int t)
            throws IOException {
        int packetSize = EncodingPacket.HEADER_BYTES + t;
        ByteBuffer symbols = DirectBuffers.allocate((long) PACKETS_PER_WRITE * t);
        ByteBuffer packets = DirectBuffers.allocate((long) PACKETS_PER_WRITE * packetSize);
        try {
            for (int esi = 0; esi < count; ) {
                int n = Math.min(PACKETS_PER_WRITE, count - esi);
                encoder.writeSymbols(esi, n, symbols, 0);
                for (int i = 0; i < n; i++) {
                    EncodingPacket.writeHeader(packets, i * packetSize, encoder.sourceBlockNumber(), esi + i);
                    packets.put(i * packetSize + EncodingPacket.HEADER_BYTES, symbols, i * t, t);
                }
                packets.limit(n * packetSize).position(0);
                while (packets.hasRemaining()) {
                    out.write(packets);
                }
                packets.clear();
                esi += n;
            }
        } finally {
            DirectBuffers.free(symbols);
            DirectBuffers.free(packets);
        }
    }
}
