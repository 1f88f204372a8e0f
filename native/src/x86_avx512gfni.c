/*
 * x86_64 AVX-512BW + GFNI routines: multiplication by a constant is one vgf2p8affineqb with that constant's
 * 8x8 bit matrix (rqk_gfni). vgf2p8mulb would be shorter but reduces by 0x11B, not RFC 6330's 0x11D.
 * Per-function target attributes keep the rest of the library at the default -march.
 */
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>

#include "rqk_internal.h"

#define AVX512GFNI __attribute__((target("avx512f,avx512bw,gfni")))

static inline AVX512GFNI __m512i load(const uint8_t *p) {
    return _mm512_loadu_si512((const void *)p);
}

static inline AVX512GFNI void store(uint8_t *p, __m512i v) {
    _mm512_storeu_si512((void *)p, v);
}

/* c * x for 64 bytes, with m = the broadcast matrix of c */
static inline AVX512GFNI __m512i mul64(__m512i x, __m512i m) {
    return _mm512_gf2p8affine_epi64_epi8(x, m, 0);
}

static AVX512GFNI void xor_avx512(uint8_t *restrict dst, const uint8_t *restrict src, size_t len) {
    size_t i = 0;
    /* reference: for (i = 0; i < len; i++) dst[i] ^= src[i]; */
    for (; i + 256 <= len; i += 256) {
        __m512i a = _mm512_xor_si512(load(dst + i), load(src + i));
        __m512i b = _mm512_xor_si512(load(dst + i + 64), load(src + i + 64));
        __m512i c = _mm512_xor_si512(load(dst + i + 128), load(src + i + 128));
        __m512i d = _mm512_xor_si512(load(dst + i + 192), load(src + i + 192));
        store(dst + i, a);
        store(dst + i + 64, b);
        store(dst + i + 128, c);
        store(dst + i + 192, d);
    }
    for (; i + 64 <= len; i += 64) {
        store(dst + i, _mm512_xor_si512(load(dst + i), load(src + i)));
    }
    rqk_xor_base(dst + i, src + i, len - i);
}

static AVX512GFNI void mul_add_avx512(uint8_t *restrict dst, const uint8_t *restrict src, uint8_t c, size_t len) {
    if (c <= 1) {
        if (c == 1) {
            xor_avx512(dst, src, len);
        }
        return;
    }
    const __m512i m = _mm512_set1_epi64((long long)rqk_gfni[c]);
    size_t i = 0;
    /* reference: for (i = 0; i < len; i++) dst[i] ^= gf_mul(c, src[i]); */
    for (; i + 256 <= len; i += 256) {
        __m512i a = _mm512_xor_si512(load(dst + i), mul64(load(src + i), m));
        __m512i b = _mm512_xor_si512(load(dst + i + 64), mul64(load(src + i + 64), m));
        __m512i e = _mm512_xor_si512(load(dst + i + 128), mul64(load(src + i + 128), m));
        __m512i d = _mm512_xor_si512(load(dst + i + 192), mul64(load(src + i + 192), m));
        store(dst + i, a);
        store(dst + i + 64, b);
        store(dst + i + 128, e);
        store(dst + i + 192, d);
    }
    for (; i + 64 <= len; i += 64) {
        store(dst + i, _mm512_xor_si512(load(dst + i), mul64(load(src + i), m)));
    }
    rqk_mul_add_base(dst + i, src + i, c, len - i);
}

static AVX512GFNI void scale_avx512(uint8_t *restrict dst, uint8_t c, size_t len) {
    if (c <= 1) {
        rqk_scale_base(dst, c, len);
        return;
    }
    const __m512i m = _mm512_set1_epi64((long long)rqk_gfni[c]);
    size_t i = 0;
    /* reference: for (i = 0; i < len; i++) dst[i] = gf_mul(c, dst[i]); */
    for (; i + 256 <= len; i += 256) {
        __m512i a = mul64(load(dst + i), m);
        __m512i b = mul64(load(dst + i + 64), m);
        __m512i e = mul64(load(dst + i + 128), m);
        __m512i d = mul64(load(dst + i + 192), m);
        store(dst + i, a);
        store(dst + i + 64, b);
        store(dst + i + 128, e);
        store(dst + i + 192, d);
    }
    for (; i + 64 <= len; i += 64) {
        store(dst + i, mul64(load(dst + i), m));
    }
    rqk_scale_base(dst + i, c, len - i);
}

/* The starting value of a fused destination: itself (1), zero (0, not read) or scaled by dst_coef. */
static inline AVX512GFNI __m512i start64(const uint8_t *p, uint8_t dst_coef, __m512i m0) {
    if (dst_coef == 1) {
        return load(p);
    }
    return dst_coef == 0 ? _mm512_setzero_si512() : mul64(load(p), m0);
}

static AVX512GFNI void mul_add_multi_avx512(uint8_t *restrict dst, uint8_t dst_coef, const uint8_t *const *srcs,
                                            const uint8_t *coefs, int count, size_t len) {
    const __m512i m0 = _mm512_set1_epi64((long long)rqk_gfni[dst_coef]);
    size_t i = 0;
    /*
     * reference: scale(dst, dst_coef); for (k = 0; k < count; k++) for (i = 0; i < len; i++)
     *                dst[i] ^= gf_mul(coefs[k], srcs[k][i]);
     * The destination stays in four registers while every term is added: one load and store of it per
     * 256 bytes instead of one per term (and no load when it is overwritten). A coefficient of 1 is a plain xor.
     */
    for (; i + 256 <= len; i += 256) {
        __m512i a = start64(dst + i, dst_coef, m0), b = start64(dst + i + 64, dst_coef, m0);
        __m512i e = start64(dst + i + 128, dst_coef, m0), d = start64(dst + i + 192, dst_coef, m0);
        for (int k = 0; k < count; k++) {
            const uint8_t *s = srcs[k] + i;
            if (coefs[k] == 1) {
                a = _mm512_xor_si512(a, load(s));
                b = _mm512_xor_si512(b, load(s + 64));
                e = _mm512_xor_si512(e, load(s + 128));
                d = _mm512_xor_si512(d, load(s + 192));
            } else {
                const __m512i m = _mm512_set1_epi64((long long)rqk_gfni[coefs[k]]);
                a = _mm512_xor_si512(a, mul64(load(s), m));
                b = _mm512_xor_si512(b, mul64(load(s + 64), m));
                e = _mm512_xor_si512(e, mul64(load(s + 128), m));
                d = _mm512_xor_si512(d, mul64(load(s + 192), m));
            }
        }
        store(dst + i, a);
        store(dst + i + 64, b);
        store(dst + i + 128, e);
        store(dst + i + 192, d);
    }
    scale_avx512(dst + i, dst_coef, len - i);
    for (int k = 0; k < count; k++) {
        mul_add_avx512(dst + i, srcs[k] + i, coefs[k], len - i);
    }
}

static AVX512GFNI void mul_add_spread_avx512(uint8_t *const *dsts, const uint8_t *coefs, int count, const uint8_t *src,
                                             size_t len) {
    size_t i = 0;
    /*
     * reference: for (k = 0; k < count; k++) for (i = 0; i < len; i++) dsts[k][i] ^= gf_mul(coefs[k], src[i]);
     * The source stays in four registers while it is added to every destination.
     */
    for (; i + 256 <= len; i += 256) {
        const __m512i a = load(src + i), b = load(src + i + 64), e = load(src + i + 128), d = load(src + i + 192);
        for (int k = 0; k < count; k++) {
            uint8_t *t = dsts[k] + i;
            if (coefs[k] == 1) {
                store(t, _mm512_xor_si512(load(t), a));
                store(t + 64, _mm512_xor_si512(load(t + 64), b));
                store(t + 128, _mm512_xor_si512(load(t + 128), e));
                store(t + 192, _mm512_xor_si512(load(t + 192), d));
            } else {
                const __m512i m = _mm512_set1_epi64((long long)rqk_gfni[coefs[k]]);
                store(t, _mm512_xor_si512(load(t), mul64(a, m)));
                store(t + 64, _mm512_xor_si512(load(t + 64), mul64(b, m)));
                store(t + 128, _mm512_xor_si512(load(t + 128), mul64(e, m)));
                store(t + 192, _mm512_xor_si512(load(t + 192), mul64(d, m)));
            }
        }
    }
    for (int k = 0; k < count; k++) {
        mul_add_avx512(dsts[k] + i, src + i, coefs[k], len - i);
    }
}

const rqk_ops rqk_ops_avx512gfni = {
    xor_avx512,
    mul_add_avx512,
    scale_avx512,
    mul_add_multi_avx512,
    mul_add_spread_avx512,
};
#else
/* keeps the translation unit non-empty on other architectures (ISO C) */
typedef int rqk_avx512gfni_not_built;
#endif
