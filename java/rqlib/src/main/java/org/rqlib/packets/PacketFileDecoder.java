package org.rqlib.packets;

import java.util.Objects;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.rqlib.InvalidPacketException;
import org.rqlib.NotEnoughSymbolsException;
import org.rqlib.ResourceLimitException;
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
 *
 * <p>Memory follows the file, not the OTI: a first pass counts the packets of each source block, so a block with
 * fewer packets than K is refused before anything is allocated, and each decoder reserves room for the packets
 * its block really has. A block keeps at most {@link #SPARE_SYMBOLS} symbols beyond K (the rest cannot change the
 * result in practice), so a block of many more distinct packets than fit in 2 GiB still decodes; blocks are
 * written one sub-block at a time, so a source block over 2 GiB decodes when its sub-blocks fit.
 */
public final class PacketFileDecoder {
    /** Symbols kept beyond K per block: decoding fails with K + 2 with probability about 10^-7 (RFC 6330 5.3). */
    public static final int SPARE_SYMBOLS = 32;

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
     * @throws ResourceLimitException when the packets received need more direct memory than the JVM has
     */
    public void decode(Oti oti, Path packets, Path output) throws IOException {
        Objects.requireNonNull(oti, "oti");
        Objects.requireNonNull(packets, "packets");
        Objects.requireNonNull(output, "output");
        ObjectPartition partition = new ObjectPartition(oti);
        SourceBlockDecoder[] decoders = new SourceBlockDecoder[partition.sourceBlockCount()];
        try (FileChannel in = FileChannel.open(packets, StandardOpenOption.READ)) {
            long[] perBlock = new long[partition.sourceBlockCount()];
            scan(oti, packets, in, (sbn, esi, buffer, at, position) -> perBlock[sbn]++);
            for (int sbn = 0; sbn < perBlock.length; sbn++) {
                int k = partition.symbolsInBlock(sbn);
                if (perBlock[sbn] < k) {
                    // not even counting duplicates there are too few: refuse before reserving anything
                    throw new NotEnoughSymbolsException("source block " + sbn, (int) perBlock[sbn],
                            (int) (k - perBlock[sbn]));
                }
            }
            scan(oti, packets, in, (sbn, esi, buffer, at, position) -> {
                SourceBlockDecoder decoder = decoders[sbn];
                if (decoder == null) {
                    int k = partition.symbolsInBlock(sbn);
                    int expected = (int) Math.min(perBlock[sbn], (long) k + SPARE_SYMBOLS);
                    decoder = decoders[sbn] = new SourceBlockDecoder(codec, partition, sbn, expected);
                }
                if (decoder.receivedCount() < decoder.sourceSymbols() + SPARE_SYMBOLS) {
                    decoder.addSymbol(esi, buffer, at + EncodingPacket.HEADER_BYTES);
                }
            });
            try (AtomicOutput out = new AtomicOutput(output)) {
                for (int sbn = 0; sbn < decoders.length; sbn++) {
                    decoders[sbn].decodeTo(out.channel(), partition.blockOffset(sbn));
                    decoders[sbn].close();
                    decoders[sbn] = null;
                }
                out.commit();
            }
        } catch (OutOfMemoryError e) {
            // direct memory for the symbols received: a limit of this JVM, reported like the governor's limits
            throw new ResourceLimitException("decoding " + packets + " needs more memory than this JVM has ("
                    + e.getMessage() + "): give it more direct memory (-XX:MaxDirectMemorySize) or fewer packets");
        } finally {
            for (SourceBlockDecoder decoder : decoders) {
                if (decoder != null) {
                    decoder.close();
                }
            }
        }
    }

    /** What a pass over the packets does with each one, already checked against the OTI. */
    private interface PacketVisitor {
        void visit(int sbn, int esi, ByteBuffer buffer, int at, long filePosition);
    }

    private static void scan(Oti oti, Path packets, FileChannel in, PacketVisitor visitor) throws IOException {
        int packetSize = EncodingPacket.HEADER_BYTES + oti.symbolSize();
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
                    int sbn = buffer.get(at) & 0xFF;
                    int esi = ((buffer.get(at + 1) & 0xFF) << 16) | ((buffer.get(at + 2) & 0xFF) << 8)
                            | (buffer.get(at + 3) & 0xFF);
                    try {
                        EncodingPacket.checkFits(sbn, oti);
                    } catch (InvalidPacketException e) {
                        throw new InvalidPacketException("packet at byte " + (position + at) + ": " + e.getMessage());
                    }
                    visitor.visit(sbn, esi, buffer, at, position + at);
                }
                position += buffer.limit();
            }
        } finally {
            DirectBuffers.free(buffer);
        }
    }
}
