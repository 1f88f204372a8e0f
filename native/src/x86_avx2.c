/*
 * x86_64 AVX2 routines: multiplication by a constant through two 16-entry nibble tables and vpshufb.
 * Compiled with per-function target attributes, so the file builds with the default -march=x86-64 and these
 * functions only run after the dispatcher has seen AVX2.
 */
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>

#include "rqk_internal.h"

#define AVX2 __attribute__((target("avx2")))

/* Both 128-bit lanes hold the same 16-entry table, because vpshufb looks up within each lane. */
static inline AVX2 __m256i table_lo(uint8_t c) {
    return _mm256_broadcastsi128_si256(_mm_load_si128((const __m128i *)rqk_nibble[c]));
}

static inline AVX2 __m256i table_hi(uint8_t c) {
    return _mm256_broadcastsi128_si256(_mm_load_si128((const __m128i *)(rqk_nibble[c] + 16)));
}

/* c * x for 32 bytes: lo[x & 15] ^ hi[x >> 4]; the shift is on 64-bit lanes, so mask after it. */
static inline AVX2 __m256i mul32(__m256i x, __m256i lo, __m256i hi, __m256i mask) {
    __m256i low = _mm256_and_si256(x, mask);
    __m256i high = _mm256_and_si256(_mm256_srli_epi64(x, 4), mask);
    return _mm256_xor_si256(_mm256_shuffle_epi8(lo, low), _mm256_shuffle_epi8(hi, high));
}

static inline AVX2 __m256i load(const uint8_t *p) {
    return _mm256_loadu_si256((const __m256i *)p);
}

static inline AVX2 void store(uint8_t *p, __m256i v) {
    _mm256_storeu_si256((__m256i *)p, v);
}

static AVX2 void xor_avx2(uint8_t *restrict dst, const uint8_t *restrict src, size_t len) {
    size_t i = 0;
    /* reference: for (i = 0; i < len; i++) dst[i] ^= src[i]; */
    for (; i + 128 <= len; i += 128) {
        __m256i a = _mm256_xor_si256(load(dst + i), load(src + i));
        __m256i b = _mm256_xor_si256(load(dst + i + 32), load(src + i + 32));
        __m256i c = _mm256_xor_si256(load(dst + i + 64), load(src + i + 64));
        __m256i d = _mm256_xor_si256(load(dst + i + 96), load(src + i + 96));
        store(dst + i, a);
        store(dst + i + 32, b);
        store(dst + i + 64, c);
        store(dst + i + 96, d);
    }
    for (; i + 32 <= len; i += 32) {
        store(dst + i, _mm256_xor_si256(load(dst + i), load(src + i)));
    }
    rqk_xor_base(dst + i, src + i, len - i);
}

static AVX2 void mul_add_avx2(uint8_t *restrict dst, const uint8_t *restrict src, uint8_t c, size_t len) {
    if (c <= 1) {
        if (c == 1) {
            xor_avx2(dst, src, len);
        }
        return;
    }
    const __m256i lo = table_lo(c), hi = table_hi(c), mask = _mm256_set1_epi8(0x0F);
    size_t i = 0;
    /* reference: for (i = 0; i < len; i++) dst[i] ^= lo[src[i] & 15] ^ hi[src[i] >> 4]; */
    for (; i + 64 <= len; i += 64) {
        __m256i a = _mm256_xor_si256(load(dst + i), mul32(load(src + i), lo, hi, mask));
        __m256i b = _mm256_xor_si256(load(dst + i + 32), mul32(load(src + i + 32), lo, hi, mask));
        store(dst + i, a);
        store(dst + i + 32, b);
    }
    for (; i + 32 <= len; i += 32) {
        store(dst + i, _mm256_xor_si256(load(dst + i), mul32(load(src + i), lo, hi, mask)));
    }
    rqk_mul_add_base(dst + i, src + i, c, len - i);
}

static AVX2 void scale_avx2(uint8_t *restrict dst, uint8_t c, size_t len) {
    if (c <= 1) {
        rqk_scale_base(dst, c, len);
        return;
    }
    const __m256i lo = table_lo(c), hi = table_hi(c), mask = _mm256_set1_epi8(0x0F);
    size_t i = 0;
    /* reference: for (i = 0; i < len; i++) dst[i] = lo[dst[i] & 15] ^ hi[dst[i] >> 4]; */
    for (; i + 64 <= len; i += 64) {
        __m256i a = mul32(load(dst + i), lo, hi, mask);
        __m256i b = mul32(load(dst + i + 32), lo, hi, mask);
        store(dst + i, a);
        store(dst + i + 32, b);
    }
    for (; i + 32 <= len; i += 32) {
        store(dst + i, mul32(load(dst + i), lo, hi, mask));
    }
    rqk_scale_base(dst + i, c, len - i);
}

/* The starting value of a fused destination: itself (1), zero (0, not read) or scaled by dst_coef. */
static inline AVX2 __m256i start32(const uint8_t *p, uint8_t dst_coef, __m256i lo0, __m256i hi0, __m256i mask) {
    if (dst_coef == 1) {
        return load(p);
    }
    return dst_coef == 0 ? _mm256_setzero_si256() : mul32(load(p), lo0, hi0, mask);
}

static AVX2 void mul_add_multi_avx2(uint8_t *restrict dst, uint8_t dst_coef, const uint8_t *const *srcs,
                                    const uint8_t *coefs, int count, size_t len) {
    const __m256i mask = _mm256_set1_epi8(0x0F);
    const __m256i lo0 = table_lo(dst_coef), hi0 = table_hi(dst_coef);
    size_t i = 0;
    /*
     * reference: scale(dst, dst_coef); for (k = 0; k < count; k++) for (i = 0; i < len; i++)
     *                dst[i] ^= coefs[k] * srcs[k][i];
     * Here the destination stays in four registers while every term is added, so it is loaded and stored
     * once per 128 bytes instead of once per term (and not loaded when it is overwritten).
     */
    for (; i + 128 <= len; i += 128) {
        __m256i a = start32(dst + i, dst_coef, lo0, hi0, mask), b = start32(dst + i + 32, dst_coef, lo0, hi0, mask);
        __m256i c = start32(dst + i + 64, dst_coef, lo0, hi0, mask);
        __m256i d = start32(dst + i + 96, dst_coef, lo0, hi0, mask);
        for (int k = 0; k < count; k++) {
            const uint8_t *s = srcs[k] + i;
            if (coefs[k] == 1) {
                a = _mm256_xor_si256(a, load(s));
                b = _mm256_xor_si256(b, load(s + 32));
                c = _mm256_xor_si256(c, load(s + 64));
                d = _mm256_xor_si256(d, load(s + 96));
            } else {
                const __m256i lo = table_lo(coefs[k]), hi = table_hi(coefs[k]);
                a = _mm256_xor_si256(a, mul32(load(s), lo, hi, mask));
                b = _mm256_xor_si256(b, mul32(load(s + 32), lo, hi, mask));
                c = _mm256_xor_si256(c, mul32(load(s + 64), lo, hi, mask));
                d = _mm256_xor_si256(d, mul32(load(s + 96), lo, hi, mask));
            }
        }
        store(dst + i, a);
        store(dst + i + 32, b);
        store(dst + i + 64, c);
        store(dst + i + 96, d);
    }
    scale_avx2(dst + i, dst_coef, len - i);
    for (int k = 0; k < count; k++) {
        mul_add_avx2(dst + i, srcs[k] + i, coefs[k], len - i);
    }
}

static AVX2 void mul_add_spread_avx2(uint8_t *const *dsts, const uint8_t *coefs, int count, const uint8_t *src,
                                     size_t len) {
    const __m256i mask = _mm256_set1_epi8(0x0F);
    size_t i = 0;
    /*
     * reference: for (k = 0; k < count; k++) for (i = 0; i < len; i++) dsts[k][i] ^= coefs[k] * src[i];
     * The source stays in four registers while it is added to every destination.
     */
    for (; i + 128 <= len; i += 128) {
        const __m256i a = load(src + i), b = load(src + i + 32), c = load(src + i + 64), d = load(src + i + 96);
        for (int k = 0; k < count; k++) {
            uint8_t *t = dsts[k] + i;
            if (coefs[k] == 1) {
                store(t, _mm256_xor_si256(load(t), a));
                store(t + 32, _mm256_xor_si256(load(t + 32), b));
                store(t + 64, _mm256_xor_si256(load(t + 64), c));
                store(t + 96, _mm256_xor_si256(load(t + 96), d));
            } else {
                const __m256i lo = table_lo(coefs[k]), hi = table_hi(coefs[k]);
                store(t, _mm256_xor_si256(load(t), mul32(a, lo, hi, mask)));
                store(t + 32, _mm256_xor_si256(load(t + 32), mul32(b, lo, hi, mask)));
                store(t + 64, _mm256_xor_si256(load(t + 64), mul32(c, lo, hi, mask)));
                store(t + 96, _mm256_xor_si256(load(t + 96), mul32(d, lo, hi, mask)));
            }
        }
    }
    for (int k = 0; k < count; k++) {
        mul_add_avx2(dsts[k] + i, src + i, coefs[k], len - i);
    }
}

const rqk_ops rqk_ops_avx2 = {
    xor_avx2,
    mul_add_avx2,
    scale_avx2,
    mul_add_multi_avx2,
    mul_add_spread_avx2,
};
#else
/* keeps the translation unit non-empty on other architectures (ISO C) */
typedef int rqk_avx2_not_built;
#endif
