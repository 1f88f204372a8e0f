package org.rqlib.io;

import java.nio.ByteBuffer;
import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * BLAKE3-256 as the original library uses it for symbol ids and block hashes. An instance hashes one stream of
 * bytes and is not thread-safe; {@link #id(ByteBuffer, int, int)} is a one-shot helper.
 */
public final class Blake3 {
    /** Bytes of a BLAKE3-256 digest. */
    public static final int DIGEST_BYTES = 32;
    private static final int CHUNK = 16 * 1024;

    private final Blake3Digest digest = new Blake3Digest(DIGEST_BYTES * 8);
    private final byte[] chunk = new byte[CHUNK];

    /** Adds {@code length} bytes of {@code src} from {@code offset}, without moving its position. */
    public void update(ByteBuffer src, int offset, int length) {
        if (src.hasArray()) {
            digest.update(src.array(), src.arrayOffset() + offset, length);
            return;
        }
        int done = 0;
        while (done < length) {
            int n = Math.min(CHUNK, length - done);
            src.get(offset + done, chunk, 0, n);
            digest.update(chunk, 0, n);
            done += n;
        }
    }

    public void update(byte[] src, int offset, int length) {
        digest.update(src, offset, length);
    }

    /** The digest of everything added so far; resets this hasher. */
    public byte[] finish() {
        byte[] out = new byte[DIGEST_BYTES];
        digest.doFinal(out, 0);
        return out;
    }

    /** Base58 of the digest; resets this hasher. */
    public String finishBase58() {
        return Base58.encode(finish());
    }

    /** Base58 BLAKE3-256 of {@code length} bytes of {@code src} from {@code offset}. */
    public static String id(ByteBuffer src, int offset, int length) {
        Blake3 hasher = new Blake3();
        hasher.update(src, offset, length);
        return hasher.finishBase58();
    }
}
