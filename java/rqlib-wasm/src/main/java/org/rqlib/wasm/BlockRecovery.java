package org.rqlib.wasm;

import java.nio.ByteBuffer;
import org.rqlib.InvalidPacketException;
import org.rqlib.codec.Codec;
import org.rqlib.codec.EncodingPacket;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.Oti;
import org.rqlib.codec.SourceBlockDecoder;
import org.rqlib.io.Base58;
import org.rqlib.kernel.SymbolHasher;

/**
 * Decodes one block from the symbol files given to it, in any order: each file goes to its source block's
 * decoder; {@link #finish} recovers the block's bytes or throws {@code NotEnoughSymbolsException} naming the
 * source block. Not thread-safe.
 */
final class BlockRecovery implements AutoCloseable {
    private final ObjectPartition partition;
    private final SourceBlockDecoder[] decoders;
    private final int fileSize;
    private byte[] recovered;

    BlockRecovery(Codec codec, Oti oti, String blockName) {
        if (oti.transferLength() > Integer.MAX_VALUE - (1 << 17)) {
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
            // a source block already decoded by an earlier finish() needs nothing more
            if (decoders[sbn] != null && decoders[sbn].addSymbol(esi, buffer, at + EncodingPacket.HEADER_BYTES)) {
                added++;
            }
        }
        return added;
    }

    /**
     * The block's bytes followed by the last symbol's padding (zeros, less than one symbol): the caller keeps the
     * first {@link #length} bytes. Source blocks decode in place into this one array, and each one's decoder is
     * freed as soon as it has given its bytes, so the received symbols and the solve are gone before the caller
     * copies the result out; a finish that failed for want of symbols keeps what it decoded and may be retried
     * after adding more.
     */
    byte[] finish() {
        if (recovered == null) {
            int last = decoders.length - 1;
            recovered = new byte[(int) (partition.blockOffset(last)
                    + (long) partition.symbolsInBlock(last) * partition.oti().symbolSize())];
        }
        ByteBuffer target = ByteBuffer.wrap(recovered);
        for (int sbn = 0; sbn < decoders.length; sbn++) {
            if (decoders[sbn] != null) {
                decoders[sbn].decodePadded(target, (int) partition.blockOffset(sbn));
                decoders[sbn].close();
                decoders[sbn] = null;
            }
        }
        return recovered;
    }

    /** The base58 BLAKE3-256 of the bytes {@link #finish} recovered, to check against the layout's hash. */
    String recoveredHash(SymbolHasher hasher) {
        if (recovered == null || decoders.length > 0 && decoders[decoders.length - 1] != null) {
            throw new IllegalStateException("the block is not decoded yet");
        }
        SymbolHasher.Incremental incremental = hasher.newIncremental();
        incremental.update(recovered, 0, length());
        byte[] digest = new byte[SymbolHasher.DIGEST_BYTES];
        incremental.finish(digest, 0);
        return Base58.encode(digest);
    }

    /** The block's length in bytes, without padding. */
    int length() {
        return (int) partition.oti().transferLength();
    }

    @Override
    public void close() {
        for (int sbn = 0; sbn < decoders.length; sbn++) {
            if (decoders[sbn] != null) {
                decoders[sbn].close();
                decoders[sbn] = null;
            }
        }
        recovered = null;
    }
}
