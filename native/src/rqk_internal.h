/* Internal interface shared by the per-ISA routine files, the dispatcher and the plan runner. */
#ifndef RQK_INTERNAL_H
#define RQK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* The most consecutive same-destination operations the plan runner fuses into one pass over the destination. */
#define RQK_FUSE_MAX 16

/*
 * One instruction set's routines. Every ISA fills all five; mul_add and the fused routines never see c == 0
 * from the plan runner, but must handle it (it adds nothing).
 */
typedef struct rqk_ops {
    void (*xor_into)(uint8_t *restrict dst, const uint8_t *restrict src, size_t len);
    void (*mul_add)(uint8_t *restrict dst, const uint8_t *restrict src, uint8_t c, size_t len);
    void (*scale)(uint8_t *restrict dst, uint8_t c, size_t len);
    /*
     * dst = dst_coef * dst ^ sum over k of coefs[k] * srcs[k]; count in [0, RQK_FUSE_MAX]; no source aliases
     * dst. dst_coef 1 adds to dst, 0 overwrites it without reading it (a copy or zero fused with the terms after
     * it), any other value scales it first (a scale fused with the terms after it).
     */
    void (*mul_add_multi)(uint8_t *restrict dst, uint8_t dst_coef, const uint8_t *const *srcs, const uint8_t *coefs,
                          int count, size_t len);
    /*
     * dsts[k] ^= coefs[k] * src for k = 0 .. count-1 in order; count in [1, RQK_FUSE_MAX]; no destination aliases
     * src (destinations may repeat): one source added to several rows, read once.
     */
    void (*mul_add_spread)(uint8_t *const *dsts, const uint8_t *coefs, int count, const uint8_t *src, size_t len);
} rqk_ops;

/* Portable routines: the reference for every SIMD routine and the tail after its bulk. */
void rqk_xor_base(uint8_t *restrict dst, const uint8_t *restrict src, size_t len);
void rqk_mul_add_base(uint8_t *restrict dst, const uint8_t *restrict src, uint8_t c, size_t len);
void rqk_scale_base(uint8_t *restrict dst, uint8_t c, size_t len);
void rqk_mul_add_multi_base(uint8_t *restrict dst, uint8_t dst_coef, const uint8_t *const *srcs,
                            const uint8_t *coefs, int count, size_t len);
void rqk_mul_add_spread_base(uint8_t *const *dsts, const uint8_t *coefs, int count, const uint8_t *src, size_t len);

/* a * b in GF(256) mod 0x11D, bit by bit: only for building tables, never per symbol byte. */
uint8_t rqk_gf_mul(uint8_t a, uint8_t b);

/* lo[i] = c * i and hi[i] = c * (i << 4), so c * x = lo[x & 15] ^ hi[x >> 4] (multiplication is linear). */
void rqk_nibble_tables(uint8_t c, uint8_t lo[16], uint8_t hi[16]);

/*
 * The 8x8 bit matrix for gf2p8affineqb that multiplies a byte by c in the 0x11D field: byte 7 - i of the
 * matrix holds, at bit j, bit i of c * x^j (Intel SDM, GF2P8AFFINEQB).
 */
uint64_t rqk_gfni_matrix(uint8_t c);

/*
 * Precomputed per coefficient (src/gf_tables.c, made by tools/gen_tables.c and checked by the C tests):
 * rqk_nibble[c] = the 16 lo then the 16 hi entries of rqk_nibble_tables(c); rqk_gfni[c] = rqk_gfni_matrix(c).
 * Computing them per call would cost more than a 1 KiB multiply-add.
 */
extern const uint8_t rqk_nibble[256][32];
extern const uint64_t rqk_gfni[256];

#if defined(__x86_64__) || defined(_M_X64)
extern const rqk_ops rqk_ops_avx2;
extern const rqk_ops rqk_ops_avx512gfni;
#endif
#if defined(__aarch64__)
extern const rqk_ops rqk_ops_neon;
#endif
extern const rqk_ops rqk_ops_base;

/* The routines of a supported isa id (checked by the caller). */
const rqk_ops *rqk_ops_for(int isa);

#endif
