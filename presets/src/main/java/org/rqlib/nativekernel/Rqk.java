package org.rqlib.nativekernel;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * The JavaCPP binding of the C kernel (native/include/rqk.h): JavaCPP generates and compiles the JNI code
 * for this class into {@code libjniRqk}, statically linked with {@code librqk.a}, so the library depends on
 * nothing but the C runtime. The BLAKE3 entry points are those of native/include/rqk_blake3.h. Deliberately no static initialiser: {@link NativeLibrary} loads the library and
 * keeps the failure instead of throwing. Callers must check every range first (see NativeSymbolKernel).
 */
@Platform(include = {"rqk.h", "rqk_blake3.h", "rqk_jni.h"}, link = "rqk")
final class Rqk {
    /** Instruction set ids of rqk.h. */
    static final int ISA_BASE = 0;
    static final int ISA_AVX2 = 1;
    static final int ISA_AVX512GFNI = 2;
    static final int ISA_NEON = 3;

    private Rqk() {
    }

    @Name("rqk_isa_best")
    static native int bestIsa();

    @Name("rqk_isa_supported")
    static native int isaSupported(int isa);

    /** The id for a name such as "avx2" or "auto"; -1 when unknown or not runnable on this CPU. */
    @Name("rqk_isa_select")
    static native int selectIsa(String name);

    @Name("rqk_isa_name")
    static native String isaName(int isa);

    @Name("rqk_jni_xor")
    static native void xor(int isa, @Cast("unsigned char*") ByteBuffer dst, long dstOffset,
            @Cast("const unsigned char*") ByteBuffer src, long srcOffset, long length);

    @Name("rqk_jni_mul_add")
    static native void mulAdd(int isa, @Cast("unsigned char*") ByteBuffer dst, long dstOffset,
            @Cast("const unsigned char*") ByteBuffer src, long srcOffset, int c, long length);

    @Name("rqk_jni_scale")
    static native void scale(int isa, @Cast("unsigned char*") ByteBuffer dst, long dstOffset, int c, long length);

    @Name("rqk_jni_run_plan")
    static native int runPlan(int isa, @Cast("const int*") IntBuffer code, long codeOffset, int opCount,
            @Cast("unsigned char*") ByteBuffer slab, long slabOffset, long symbolSize);

    /** Bytes of the streaming BLAKE3 state (RQK_BLAKE3_STATE_BYTES). */
    @Name("rqk_blake3_state_bytes")
    static native int blake3StateBytes();

    /** rqk_blake3_many: 0, or -1 when an argument is out of range. Digests go to out from outOffset. */
    @Name("rqk_jni_blake3_many")
    static native int blake3Many(int isa, @Cast("const unsigned char*") ByteBuffer data, long dataOffset,
            long stride, long length, long count, @Cast("const unsigned char*") byte[] prefixes, int prefixLength,
            @Cast("unsigned char*") byte[] out, long outOffset);

    @Name("rqk_jni_blake3_init")
    static native void blake3Init(@Cast("void*") ByteBuffer state, long stateOffset);

    @Name("rqk_jni_blake3_update")
    static native void blake3Update(int isa, @Cast("void*") ByteBuffer state, long stateOffset,
            @Cast("const unsigned char*") ByteBuffer data, long dataOffset, long length);

    @Name("rqk_jni_blake3_final")
    static native void blake3Final(@Cast("void*") ByteBuffer state, long stateOffset,
            @Cast("unsigned char*") byte[] out);
}
