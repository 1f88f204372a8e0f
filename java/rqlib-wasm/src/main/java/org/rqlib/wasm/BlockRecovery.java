package org.rqlib.wasm;

import java.nio.ByteBuffer;
import org.rqlib.InvalidPacketException;
import org.rqlib.codec.Codec;
import org.rqlib.codec.EncodingPacket;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.Oti;
import org.rqlib.codec.SourceBlockDecoder;

/**
 * Decodes one block from the symbol files given to it, in any order: each file goes to its source block's
 * decoder; {@link #finish} recovers the block's bytes or throws {@code NotEnoughSymbolsException} naming the
 * source block. Not thread-safe.
 */
final class BlockRecovery implements AutoCloseable {
    private final ObjectPartition partition;
    private final SourceBlockDecoder[] decoders;
    private final int fileSize;

    BlockRecovery(Codec codec, Oti oti, String blockName) {
        if (oti.transferLength() > Integer.MAX_VALUE) {
            throw new org.rqlib.InvalidParameterException(blockName + " of " + oti.transferLength()
                    + " bytes is larger than the browser build decodes at once (2 GiB)");
        }
        this.partition = new ObjectPartition(oti);
        this.decoders = new SourceBlockDecoder[partition.sourceBlockCount()];
        this.fileSize = EncodingPacket.HEADER_BYTES + oti.symbolSize();
        try {
            for (int sbn = 0; sbn < decoders.length; sbn++) {
                decoders[sbn] = new SourceBlockDecoder(codec, partition, sbn);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Adds symbol files laid back to back; returns how many were new. */
    int add(byte[] files) {
        if (files.length % fileSize != 0) {
            throw new InvalidPacketException("symbol files of " + files.length + " bytes are not a whole number of "
                    + fileSize + "-byte files");
        }
        ByteBuffer buffer = ByteBuffer.wrap(files);
        int added = 0;
        for (int at = 0; at < files.length; at += fileSize) {
            int sbn = files[at] & 0xFF;
            int esi = ((files[at + 1] & 0xFF) << 16) | ((files[at + 2] & 0xFF) << 8) | (files[at + 3] & 0xFF);
            EncodingPacket.checkFits(sbn, partition.oti());
            if (decoders[sbn].addSymbol(esi, buffer, at + EncodingPacket.HEADER_BYTES)) {
                added++;
            }
        }
        return added;
    }

    byte[] finish() {
        byte[] out = new byte[(int) partition.oti().transferLength()];
        ByteBuffer target = ByteBuffer.wrap(out);
        for (int sbn = 0; sbn < decoders.length; sbn++) {
            decoders[sbn].decode(target, (int) partition.blockOffset(sbn));
        }
        return out;
    }

    @Override
    public void close() {
        for (SourceBlockDecoder decoder : decoders) {
            if (decoder != null) {
                decoder.close();
            }
        }
    }
}
