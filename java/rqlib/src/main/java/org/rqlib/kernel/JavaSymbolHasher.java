package org.rqlib.kernel;

import java.nio.ByteBuffer;
import org.rqlib.io.Blake3Hasher;

/**
 * The pure-Java {@link SymbolHasher}: {@link Blake3Hasher}, proven identical to BouncyCastle's {@code Blake3Digest}
 * by the tests. Runs everywhere; the fallback of every native hasher. Stateless and thread-safe.
 */
public final class JavaSymbolHasher implements SymbolHasher {
    public static final JavaSymbolHasher INSTANCE = new JavaSymbolHasher();

    private JavaSymbolHasher() {
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public void digestMany(ByteBuffer data, int offset, int stride, int length, int count, byte[] prefixes,
            int prefixLength, byte[] out, int outOffset) {
        SymbolHasher.checkMany(data, offset, stride, length, count, prefixes, prefixLength, out, outOffset);
        // checked against the capacity, like the native hasher: read through a view whose limit is the capacity
        ByteBuffer whole = data.duplicate().clear();
        Blake3Hasher hasher = new Blake3Hasher();
        for (int i = 0; i < count; i++) {
            if (prefixLength > 0) {
                hasher.update(prefixes, i * prefixLength, prefixLength);
            }
            hasher.update(whole, offset + i * stride, length);
            hasher.finish(out, outOffset + i * DIGEST_BYTES);
        }
    }

    @Override
    public Incremental newIncremental() {
        Blake3Hasher hasher = new Blake3Hasher();
        return new Incremental() {
            @Override
            public void update(ByteBuffer src, int offset, int length) {
                hasher.update(src.isDirect() ? src.duplicate().clear() : src, offset, length);
            }

            @Override
            public void update(byte[] src, int offset, int length) {
                hasher.update(src, offset, length);
            }

            @Override
            public void finish(byte[] out, int offset) {
                hasher.finish(out, offset);
            }
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
