package org.rqlib.io;

import java.nio.ByteBuffer;

/**
 * Receives the encoding symbols of an encode and names each: the id is base58 BLAKE3-256 of the symbol file's
 * bytes (4-byte FEC payload id, then the T-byte symbol). Implementations are thread-safe.
 */
public interface SymbolSink {
    /**
     * Takes symbol {@code esi} of source block {@code sbn} of block {@code block}: {@code length} bytes of
     * {@code symbol} from {@code offset}. Returns its id.
     */
    String accept(int block, int sbn, int esi, ByteBuffer symbol, int offset, int length);

    /** The 4-byte FEC payload id of RFC 6330 3.2: SBN, then the ESI as 24-bit big-endian. */
    static int payloadId(int sbn, int esi) {
        return (sbn << 24) | esi;
    }

    /** Hashes a symbol file's header and symbol bytes into its id. */
    static String symbolId(int sbn, int esi, ByteBuffer symbol, int offset, int length) {
        Blake3 hasher = new Blake3();
        byte[] header = new byte[4];
        ByteBuffer.wrap(header).putInt(payloadId(sbn, esi));
        hasher.update(header, 0, 4);
        hasher.update(symbol, offset, length);
        return hasher.finishBase58();
    }
}
