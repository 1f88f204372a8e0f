/*
 * Binding shim included by the JavaCPP-generated JNI code: Java passes each direct buffer with a byte offset,
 * because JavaCPP turns a ByteBuffer into its address plus its position, while rqlib's kernel API addresses
 * buffers absolutely (positions are neither read nor changed). The Java side passes offset - position, and
 * this adds it back. Bounds were checked in Java (AbstractSymbolKernel) before any of these runs.
 */
#ifndef RQK_JNI_H
#define RQK_JNI_H

#include "rqk.h"

static inline void rqk_jni_xor(int isa, unsigned char *dst, long long dst_off, const unsigned char *src,
                               long long src_off, long long len) {
    rqk_xor(isa, dst + dst_off, src + src_off, len);
}

static inline void rqk_jni_mul_add(int isa, unsigned char *dst, long long dst_off, const unsigned char *src,
                                   long long src_off, int c, long long len) {
    rqk_mul_add(isa, dst + dst_off, src + src_off, c, len);
}

static inline void rqk_jni_scale(int isa, unsigned char *dst, long long dst_off, int c, long long len) {
    rqk_scale(isa, dst + dst_off, c, len);
}

static inline int rqk_jni_run_plan(int isa, const int *code, long long code_off, int op_count, unsigned char *slab,
                                   long long slab_off, long long symbol_size) {
    return rqk_run_plan(isa, code + code_off, op_count, slab + slab_off, symbol_size);
}

#endif
