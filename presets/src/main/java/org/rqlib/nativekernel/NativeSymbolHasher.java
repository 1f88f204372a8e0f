package org.rqlib.nativekernel;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.rqlib.kernel.DirectBuffers;
import org.rqlib.kernel.JavaSymbolHasher;
import org.rqlib.kernel.SymbolHasher;

/**
 * BLAKE3 of the C library at one instruction set (native/include/rqk_blake3.h): {@link #digestMany} hashes a
 * whole band of symbol files in one JNI call, side by side in SIMD lanes, and an {@link Incremental} keeps its
 * state in direct memory so that a block hash of gigabytes takes one call per piece. Heap buffers go to the Java
 * hasher (or through a direct copy), which gives the same bytes. Every range is checked here before a call
 * reaches C. Stateless and thread-safe; each {@link Incremental} is not.
 */
final class NativeSymbolHasher implements SymbolHasher {
    /** Heap input is copied to direct memory in pieces of this many bytes. */
    private static final int COPY_PIECE = 1 << 16;

    private final int isa;
    private final String name;

    NativeSymbolHasher(int isa, String isaName) {
        this.isa = isa;
        this.name = "native-" + isaName;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void digestMany(ByteBuffer data, int offset, int stride, int length, int count, byte[] prefixes,
            int prefixLength, byte[] out, int outOffset) {
        SymbolHasher.checkMany(data, offset, stride, length, count, prefixes, prefixLength, out, outOffset);
        if (count == 0) {
            return;
        }
        if (!data.isDirect()) {
            JavaSymbolHasher.INSTANCE.digestMany(data, offset, stride, length, count, prefixes, prefixLength, out,
                    outOffset);
            return;
        }
        // JavaCPP passes a buffer as its address plus its position; subtracting the position keeps offsets absolute
        int status = Rqk.blake3Many(isa, data, (long) offset - data.position(), stride, length, count,
                prefixLength > 0 ? prefixes : null, prefixLength, out, outOffset);
        if (status != 0) {
            // every argument was checked above, so this means the two sides disagree on the contract
            throw new IllegalStateException("native BLAKE3 rejected " + count + " messages of " + length + " bytes");
        }
    }

    @Override
    public Incremental newIncremental() {
        return new NativeIncremental();
    }

    @Override
    public String toString() {
        return name;
    }

    /** One message; its state (chunk in progress, stack of chaining values) lives in direct memory. */
    private final class NativeIncremental implements Incremental {
        private final ByteBuffer state = DirectBuffers.allocateUnowned(Rqk.blake3StateBytes());
        private ByteBuffer copy;

        NativeIncremental() {
            Rqk.blake3Init(state, 0);
        }

        @Override
        public void update(ByteBuffer src, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, src.capacity());
            if (length == 0) {
                return;
            }
            if (src.isDirect()) {
                Rqk.blake3Update(isa, state, 0, src, (long) offset - src.position(), length);
                return;
            }
            ByteBuffer heap = src.duplicate().clear();
            for (int done = 0; done < length; ) {
                int n = Math.min(COPY_PIECE, length - done);
                ByteBuffer direct = copyBuffer();
                direct.put(0, heap, offset + done, n);
                Rqk.blake3Update(isa, state, 0, direct, 0, n);
                done += n;
            }
        }

        @Override
        public void update(byte[] src, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, src.length);
            for (int done = 0; done < length; ) {
                int n = Math.min(COPY_PIECE, length - done);
                ByteBuffer direct = copyBuffer();
                direct.put(0, src, offset + done, n);
                Rqk.blake3Update(isa, state, 0, direct, 0, n);
                done += n;
            }
        }

        @Override
        public void finish(byte[] out, int offset) {
            Objects.checkFromIndexSize(offset, DIGEST_BYTES, out.length);
            byte[] digest = new byte[DIGEST_BYTES];
            Rqk.blake3Final(state, 0, digest);
            System.arraycopy(digest, 0, out, offset, DIGEST_BYTES);
        }

        private ByteBuffer copyBuffer() {
            if (copy == null) {
                copy = DirectBuffers.allocateUnowned(COPY_PIECE);
            }
            return copy;
        }
    }
}
