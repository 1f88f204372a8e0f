package org.rqlib.io;

import java.nio.ByteBuffer;

/**
 * BLAKE3-256 as the original library uses it for symbol ids and block hashes. An instance hashes one stream of
 * bytes and is not thread-safe; {@link #id(ByteBuffer, int, int)} is a one-shot helper. The hashing itself is
 * {@link Blake3Hasher}, proven identical to BouncyCastle's {@code Blake3Digest} by the tests.
 */
public final class Blake3 {
    /** Bytes of a BLAKE3-256 digest. */
    public static final int DIGEST_BYTES = Blake3Hasher.DIGEST_BYTES;

    private final Blake3Hasher hasher = new Blake3Hasher();

    /** Adds {@code length} bytes of {@code src} from {@code offset}, without moving its position. */
    public void update(ByteBuffer src, int offset, int length) {
        hasher.update(src, offset, length);
    }

    public void update(byte[] src, int offset, int length) {
        hasher.update(src, offset, length);
    }

    /** The digest of everything added so far; resets this hasher. */
    public byte[] finish() {
        return hasher.finish();
    }

    /** Base58 of the digest; resets this hasher. */
    public String finishBase58() {
        return Base58.encode(finish());
    }

    /** Base58 BLAKE3-256 of {@code length} bytes of {@code src} from {@code offset}. */
    public static String id(ByteBuffer src, int offset, int length) {
        Blake3Hasher hasher = new Blake3Hasher();
        hasher.update(src, offset, length);
        return Base58.encode(hasher.finish());
    }
}
