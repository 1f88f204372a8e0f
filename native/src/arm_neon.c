/*
 * ARM64 NEON routines: multiplication by a constant through two 16-entry nibble tables and tbl
 * (vqtbl1q_u8). NEON (Advanced SIMD) is part of every ARMv8-A core, so no runtime check is needed.
 */
#if defined(__aarch64__)
#include <arm_neon.h>

#include "rqk_internal.h"

/* c * x for 16 bytes: lo[x & 15] ^ hi[x >> 4] */
static inline uint8x16_t mul16(uint8x16_t x, uint8x16_t lo, uint8x16_t hi, uint8x16_t mask) {
    return veorq_u8(vqtbl1q_u8(lo, vandq_u8(x, mask)), vqtbl1q_u8(hi, vshrq_n_u8(x, 4)));
}

static void xor_neon(uint8_t *restrict dst, const uint8_t *restrict src, size_t len) {
    size_t i = 0;
    /* reference: for (i = 0; i < len; i++) dst[i] ^= src[i]; */
    for (; i + 64 <= len; i += 64) {
        uint8x16_t a = veorq_u8(vld1q_u8(dst + i), vld1q_u8(src + i));
        uint8x16_t b = veorq_u8(vld1q_u8(dst + i + 16), vld1q_u8(src + i + 16));
        uint8x16_t c = veorq_u8(vld1q_u8(dst + i + 32), vld1q_u8(src + i + 32));
        uint8x16_t d = veorq_u8(vld1q_u8(dst + i + 48), vld1q_u8(src + i + 48));
        vst1q_u8(dst + i, a);
        vst1q_u8(dst + i + 16, b);
        vst1q_u8(dst + i + 32, c);
        vst1q_u8(dst + i + 48, d);
    }
    for (; i + 16 <= len; i += 16) {
        vst1q_u8(dst + i, veorq_u8(vld1q_u8(dst + i), vld1q_u8(src + i)));
    }
    rqk_xor_base(dst + i, src + i, len - i);
}

static void mul_add_neon(uint8_t *restrict dst, const uint8_t *restrict src, uint8_t c, size_t len) {
    if (c <= 1) {
        if (c == 1) {
            xor_neon(dst, src, len);
        }
        return;
    }
    const uint8x16_t lo = vld1q_u8(rqk_nibble[c]), hi = vld1q_u8(rqk_nibble[c] + 16), mask = vdupq_n_u8(0x0F);
    size_t i = 0;
    /* reference: for (i = 0; i < len; i++) dst[i] ^= lo[src[i] & 15] ^ hi[src[i] >> 4]; */
    for (; i + 32 <= len; i += 32) {
        uint8x16_t a = veorq_u8(vld1q_u8(dst + i), mul16(vld1q_u8(src + i), lo, hi, mask));
        uint8x16_t b = veorq_u8(vld1q_u8(dst + i + 16), mul16(vld1q_u8(src + i + 16), lo, hi, mask));
        vst1q_u8(dst + i, a);
        vst1q_u8(dst + i + 16, b);
    }
    for (; i + 16 <= len; i += 16) {
        vst1q_u8(dst + i, veorq_u8(vld1q_u8(dst + i), mul16(vld1q_u8(src + i), lo, hi, mask)));
    }
    rqk_mul_add_base(dst + i, src + i, c, len - i);
}

static void scale_neon(uint8_t *restrict dst, uint8_t c, size_t len) {
    if (c <= 1) {
        rqk_scale_base(dst, c, len);
        return;
    }
    const uint8x16_t lo = vld1q_u8(rqk_nibble[c]), hi = vld1q_u8(rqk_nibble[c] + 16), mask = vdupq_n_u8(0x0F);
    size_t i = 0;
    /* reference: for (i = 0; i < len; i++) dst[i] = lo[dst[i] & 15] ^ hi[dst[i] >> 4]; */
    for (; i + 16 <= len; i += 16) {
        vst1q_u8(dst + i, mul16(vld1q_u8(dst + i), lo, hi, mask));
    }
    rqk_scale_base(dst + i, c, len - i);
}

/* The starting value of a fused destination: itself (1), zero (0, not read) or scaled by dst_coef. */
static inline uint8x16_t start16(const uint8_t *p, uint8_t dst_coef, uint8x16_t lo0, uint8x16_t hi0,
                                 uint8x16_t mask) {
    if (dst_coef == 1) {
        return vld1q_u8(p);
    }
    return dst_coef == 0 ? vdupq_n_u8(0) : mul16(vld1q_u8(p), lo0, hi0, mask);
}

static void mul_add_multi_neon(uint8_t *restrict dst, uint8_t dst_coef, const uint8_t *const *srcs,
                               const uint8_t *coefs, int count, size_t len) {
    const uint8x16_t mask = vdupq_n_u8(0x0F);
    const uint8x16_t lo0 = vld1q_u8(rqk_nibble[dst_coef]), hi0 = vld1q_u8(rqk_nibble[dst_coef] + 16);
    size_t i = 0;
    /*
     * reference: scale(dst, dst_coef); for (k = 0; k < count; k++) for (i = 0; i < len; i++)
     *                dst[i] ^= coefs[k] * srcs[k][i];
     * The destination stays in four registers while every term is added (not loaded when overwritten).
     */
    for (; i + 64 <= len; i += 64) {
        uint8x16_t a = start16(dst + i, dst_coef, lo0, hi0, mask), b = start16(dst + i + 16, dst_coef, lo0, hi0, mask);
        uint8x16_t e = start16(dst + i + 32, dst_coef, lo0, hi0, mask);
        uint8x16_t d = start16(dst + i + 48, dst_coef, lo0, hi0, mask);
        for (int k = 0; k < count; k++) {
            const uint8_t *s = srcs[k] + i;
            const uint8x16_t lo = vld1q_u8(rqk_nibble[coefs[k]]), hi = vld1q_u8(rqk_nibble[coefs[k]] + 16);
            a = veorq_u8(a, mul16(vld1q_u8(s), lo, hi, mask));
            b = veorq_u8(b, mul16(vld1q_u8(s + 16), lo, hi, mask));
            e = veorq_u8(e, mul16(vld1q_u8(s + 32), lo, hi, mask));
            d = veorq_u8(d, mul16(vld1q_u8(s + 48), lo, hi, mask));
        }
        vst1q_u8(dst + i, a);
        vst1q_u8(dst + i + 16, b);
        vst1q_u8(dst + i + 32, e);
        vst1q_u8(dst + i + 48, d);
    }
    scale_neon(dst + i, dst_coef, len - i);
    for (int k = 0; k < count; k++) {
        mul_add_neon(dst + i, srcs[k] + i, coefs[k], len - i);
    }
}

static void mul_add_spread_neon(uint8_t *const *dsts, const uint8_t *coefs, int count, const uint8_t *src,
                                size_t len) {
    const uint8x16_t mask = vdupq_n_u8(0x0F);
    size_t i = 0;
    /*
     * reference: for (k = 0; k < count; k++) for (i = 0; i < len; i++) dsts[k][i] ^= coefs[k] * src[i];
     * The source stays in four registers while it is added to every destination.
     */
    for (; i + 64 <= len; i += 64) {
        const uint8x16_t a = vld1q_u8(src + i), b = vld1q_u8(src + i + 16);
        const uint8x16_t e = vld1q_u8(src + i + 32), d = vld1q_u8(src + i + 48);
        for (int k = 0; k < count; k++) {
            uint8_t *t = dsts[k] + i;
            const uint8x16_t lo = vld1q_u8(rqk_nibble[coefs[k]]), hi = vld1q_u8(rqk_nibble[coefs[k]] + 16);
            vst1q_u8(t, veorq_u8(vld1q_u8(t), mul16(a, lo, hi, mask)));
            vst1q_u8(t + 16, veorq_u8(vld1q_u8(t + 16), mul16(b, lo, hi, mask)));
            vst1q_u8(t + 32, veorq_u8(vld1q_u8(t + 32), mul16(e, lo, hi, mask)));
            vst1q_u8(t + 48, veorq_u8(vld1q_u8(t + 48), mul16(d, lo, hi, mask)));
        }
    }
    for (int k = 0; k < count; k++) {
        mul_add_neon(dsts[k] + i, src + i, coefs[k], len - i);
    }
}

const rqk_ops rqk_ops_neon = {
    xor_neon,
    mul_add_neon,
    scale_neon,
    mul_add_multi_neon,
    mul_add_spread_neon,
};
#else
/* keeps the translation unit non-empty on other architectures (ISO C) */
typedef int rqk_neon_not_built;
#endif
