package org.rqlib.io;

import java.nio.ByteBuffer;
import org.rqlib.kernel.SymbolHasher;
import org.rqlib.kernel.SymbolHashers;

/**
 * BLAKE3-256 as the original library uses it for symbol ids and block hashes. An instance hashes one stream of
 * bytes and is not thread-safe; {@link #id(ByteBuffer, int, int)} is a one-shot helper. The hashing is done by
 * the selected {@link SymbolHasher} (native where the native kernel is in use, else {@link Blake3Hasher}); all
 * of them are proven identical to BouncyCastle's {@code Blake3Digest} by the tests.
 */
public final class Blake3 {
    /** Bytes of a BLAKE3-256 digest. */
    public static final int DIGEST_BYTES = SymbolHasher.DIGEST_BYTES;

    private final SymbolHasher.Incremental hasher = SymbolHashers.selected().newIncremental();

    /** Adds {@code length} bytes of {@code src} from absolute index {@code offset}, without moving its position. */
    public void update(ByteBuffer src, int offset, int length) {
        hasher.update(src, offset, length);
    }

    public void update(byte[] src, int offset, int length) {
        hasher.update(src, offset, length);
    }

    /** The digest of everything added so far; resets this hasher. */
    public byte[] finish() {
        byte[] digest = new byte[DIGEST_BYTES];
        hasher.finish(digest, 0);
        return digest;
    }

    /** Base58 of the digest; resets this hasher. */
    public String finishBase58() {
        return Base58.encode(finish());
    }

    /** Base58 BLAKE3-256 of {@code length} bytes of {@code src} from {@code offset}. */
    public static String id(ByteBuffer src, int offset, int length) {
        byte[] digest = new byte[DIGEST_BYTES];
        SymbolHashers.selected().digestMany(src, offset, 0, length, 1, null, 0, digest, 0);
        return Base58.encode(digest);
    }
}
