/*
 * Binding shim included by the JavaCPP-generated JNI code: Java passes each direct buffer with a byte offset,
 * because JavaCPP turns a ByteBuffer into its address plus its position, while rqlib's kernel API addresses
 * buffers absolutely (positions are neither read nor changed). The Java side passes offset - position, and
 * this adds it back. Bounds were checked in Java (AbstractSymbolKernel) before any of these runs.
 */
#ifndef RQK_JNI_H
#define RQK_JNI_H

#include "rqk.h"
#include "rqk_blake3.h"

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

static inline int rqk_jni_blake3_many(int isa, const unsigned char *data, long long data_off, long long stride,
                                      long long len, long long count, const unsigned char *prefixes, int prefix_len,
                                      unsigned char *out, long long out_off) {
    return rqk_blake3_many(isa, data + data_off, stride, len, count, prefixes, prefix_len, out + out_off);
}

static inline void rqk_jni_blake3_init(void *state, long long state_off) {
    rqk_blake3_init((unsigned char *)state + state_off);
}

static inline void rqk_jni_blake3_update(int isa, void *state, long long state_off, const unsigned char *data,
                                         long long data_off, long long len) {
    rqk_blake3_update(isa, (unsigned char *)state + state_off, data + data_off, len);
}

static inline void rqk_jni_blake3_final(void *state, long long state_off, unsigned char *out) {
    rqk_blake3_final((unsigned char *)state + state_off, out);
}

#endif
