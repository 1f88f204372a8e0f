package org.rqlib.packets;

import java.util.Objects;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.rqlib.InvalidPacketException;
import org.rqlib.NotEnoughSymbolsException;
import org.rqlib.codec.Codec;
import org.rqlib.codec.EncodingPacket;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.Oti;
import org.rqlib.codec.SourceBlockDecoder;
import org.rqlib.kernel.DirectBuffers;

/**
 * Rebuilds an object from a file of encoding packets (any order, any subset) in the vectors' format. Every
 * packet is checked against the OTI before use. The output is written under a temporary name and renamed only
 * when every source block decoded, so a failure leaves nothing behind. Thread-safe.
 */
public final class PacketFileDecoder {
    private final Codec codec;

    public PacketFileDecoder(Codec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Decodes {@code packets} into {@code output} (F bytes).
     *
     * @throws NotEnoughSymbolsException naming the first source block that lacks symbols and how many more it
     *     needs
     * @throws InvalidPacketException when the file length is not a whole number of packets or a packet names a
     *     source block the object does not have
     */
    public void decode(Oti oti, Path packets, Path output) throws IOException {
        Objects.requireNonNull(oti, "oti");
        Objects.requireNonNull(packets, "packets");
        Objects.requireNonNull(output, "output");
        ObjectPartition partition = new ObjectPartition(oti);
        SourceBlockDecoder[] decoders = new SourceBlockDecoder[partition.sourceBlockCount()];
        try {
            readPackets(oti, partition, packets, decoders);
            try (AtomicOutput out = new AtomicOutput(output)) {
                for (int sbn = 0; sbn < decoders.length; sbn++) {
                    if (decoders[sbn] == null) {
                        throw new NotEnoughSymbolsException("source block " + sbn, 0, partition.symbolsInBlock(sbn));
                    }
                    writeBlock(decoders[sbn], partition, out.channel());
                    decoders[sbn].close();
                    decoders[sbn] = null;
                }
                out.commit();
            }
        } finally {
            for (SourceBlockDecoder decoder : decoders) {
                if (decoder != null) {
                    decoder.close();
                }
            }
        }
    }

    private void readPackets(Oti oti, ObjectPartition partition, Path packets, SourceBlockDecoder[] decoders)
            throws IOException {
        int packetSize = EncodingPacket.HEADER_BYTES + oti.symbolSize();
        try (FileChannel in = FileChannel.open(packets, StandardOpenOption.READ)) {
            long size = in.size();
            if (size % packetSize != 0) {
                throw new InvalidPacketException("packets file " + packets + " has " + size
                        + " bytes, not a multiple of the packet size " + packetSize + " (4 + T=" + oti.symbolSize() + ")");
            }
            int perRead = Math.max(1, (1 << 20) / packetSize);
            ByteBuffer buffer = DirectBuffers.allocate((long) perRead * packetSize);
            try {
                for (long position = 0; position < size; ) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), size - position));
                    while (buffer.hasRemaining()) {
                        if (in.read(buffer, position + buffer.position()) < 0) {
                            throw new IOException("packets file " + packets + " shrank while being read");
                        }
                    }
                    for (int at = 0; at < buffer.limit(); at += packetSize) {
                        addPacket(oti, partition, buffer, at, decoders, position + at);
                    }
                    position += buffer.limit();
                }
            } finally {
                DirectBuffers.free(buffer);
            }
        }
    }

    private void addPacket(Oti oti, ObjectPartition partition, ByteBuffer buffer, int at,
            SourceBlockDecoder[] decoders, long filePosition) {
        int sbn = buffer.get(at) & 0xFF;
        int esi = ((buffer.get(at + 1) & 0xFF) << 16) | ((buffer.get(at + 2) & 0xFF) << 8) | (buffer.get(at + 3) & 0xFF);
        try {
            EncodingPacket.checkFits(sbn, oti);
        } catch (InvalidPacketException e) {
            throw new InvalidPacketException("packet at byte " + filePosition + ": " + e.getMessage());
        }
        if (decoders[sbn] == null) {
            decoders[sbn] = new SourceBlockDecoder(codec, partition, sbn);
        }
        decoders[sbn].addSymbol(esi, buffer, at + EncodingPacket.HEADER_BYTES);
    }

    private static void writeBlock(SourceBlockDecoder decoder, ObjectPartition partition, FileChannel out)
            throws IOException {
        int sbn = decoder.sourceBlockNumber();
        ByteBuffer block = DirectBuffers.allocate(partition.blockLength(sbn));
        try {
            decoder.decode(block, 0);
            block.clear();
            long position = partition.blockOffset(sbn);
            while (block.hasRemaining()) {
                out.write(block, position + block.position());
            }
        } finally {
            DirectBuffers.free(block);
        }
    }
}
