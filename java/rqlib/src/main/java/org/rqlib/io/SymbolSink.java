package org.rqlib.io;

import java.nio.ByteBuffer;
import org.rqlib.kernel.SymbolHasher;
import org.rqlib.kernel.SymbolHashers;

/**
 * Receives the encoding symbols of an encode and names each: the id is base58 BLAKE3-256 of the symbol file's
 * bytes (4-byte FEC payload id, then the T-byte symbol). Implementations are thread-safe.
 */
public interface SymbolSink {
    /**
     * Keeps symbol {@code esi} of source block {@code sbn} of block {@code block}, already named {@code id}:
     * {@code length} bytes of {@code symbol} from {@code offset}. The one method a sink implements; naming is
     * shared by {@link #accept} and {@link #acceptBand}.
     */
    void store(int block, int sbn, int esi, ByteBuffer symbol, int offset, int length, String id);

    /** Names symbol {@code esi} of source block {@code sbn} and {@link #store stores} it; returns its id. */
    default String accept(int block, int sbn, int esi, ByteBuffer symbol, int offset, int length) {
        String id = symbolId(sbn, esi, symbol, offset, length);
        store(block, sbn, esi, symbol, offset, length, id);
        return id;
    }

    /**
     * Takes {@code count} consecutive symbols of one band, symbol {@code firstEsi + j} at
     * {@code offset + j * length} of {@code band}: names the whole band in one call of the selected hasher, stores
     * each symbol, and puts their ids at {@code ids[idsOffset + j]}.
     */
    default void acceptBand(int block, int sbn, int firstEsi, int count, ByteBuffer band, int offset, int length,
            String[] ids, int idsOffset) {
        String[] named = symbolIds(sbn, firstEsi, count, band, offset, length);
        for (int j = 0; j < count; j++) {
            store(block, sbn, firstEsi + j, band, offset + j * length, length, named[j]);
            ids[idsOffset + j] = named[j];
        }
    }

    /** The 4-byte FEC payload id of RFC 6330 3.2: SBN, then the ESI as 24-bit big-endian. */
    static int payloadId(int sbn, int esi) {
        return (sbn << 24) | esi;
    }

    /** Hashes a symbol file's header and symbol bytes into its id. */
    static String symbolId(int sbn, int esi, ByteBuffer symbol, int offset, int length) {
        return symbolIds(sbn, esi, 1, symbol, offset, length)[0];
    }

    /**
     * The ids of {@code count} consecutive symbols of one band (symbol {@code firstEsi + j} at
     * {@code offset + j * length}), hashed in one call of the selected {@link SymbolHasher}: each file's 4-byte
     * header is the prefix of its message.
     */
    static String[] symbolIds(int sbn, int firstEsi, int count, ByteBuffer band, int offset, int length) {
        ByteBuffer headers = ByteBuffer.allocate(4 * count);
        for (int j = 0; j < count; j++) {
            headers.putInt(4 * j, payloadId(sbn, firstEsi + j));
        }
        byte[] digests = new byte[SymbolHasher.DIGEST_BYTES * count];
        SymbolHashers.selected().digestMany(band, offset, length, length, count, headers.array(), 4, digests, 0);
        String[] ids = new String[count];
        byte[] digest = new byte[SymbolHasher.DIGEST_BYTES];
        for (int j = 0; j < count; j++) {
            System.arraycopy(digests, SymbolHasher.DIGEST_BYTES * j, digest, 0, SymbolHasher.DIGEST_BYTES);
            ids[j] = Base58.encode(digest);
        }
        return ids;
    }
}
