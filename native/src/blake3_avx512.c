/*
 * BLAKE3 with AVX-512F: 16 lanes side by side, one 32-bit word of each lane per vector element, so each state
 * word is one zmm register and every step of G runs on 16 compressions at once (the transposed layout of
 * BLAKE3 spec 5.3). Rotations are single vprord instructions.
 */
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>

#include "blake3_internal.h"

#define B3_AVX512 __attribute__((target("avx512f")))
#define B3_INLINE static inline __attribute__((always_inline)) B3_AVX512

/*
 * Scalar reference of one G, per lane (see rqk_b3_compress):
 *   a += b + x; d = rotr(d ^ a, 16); c += d; b = rotr(b ^ c, 12);
 *   a += b + y; d = rotr(d ^ a, 8);  c += d; b = rotr(b ^ c, 7);
 */
B3_INLINE void g16(__m512i v[16], int a, int b, int c, int d, __m512i x, __m512i y) {
    v[a] = _mm512_add_epi32(_mm512_add_epi32(v[a], v[b]), x);
    v[d] = _mm512_ror_epi32(_mm512_xor_si512(v[d], v[a]), 16);
    v[c] = _mm512_add_epi32(v[c], v[d]);
    v[b] = _mm512_ror_epi32(_mm512_xor_si512(v[b], v[c]), 12);
    v[a] = _mm512_add_epi32(_mm512_add_epi32(v[a], v[b]), y);
    v[d] = _mm512_ror_epi32(_mm512_xor_si512(v[d], v[a]), 8);
    v[c] = _mm512_add_epi32(v[c], v[d]);
    v[b] = _mm512_ror_epi32(_mm512_xor_si512(v[b], v[c]), 7);
}

B3_INLINE void round16(__m512i v[16], const __m512i m[16], int r) {
    const uint8_t *s = rqk_b3_schedule[r];
    g16(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
    g16(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
    g16(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
    g16(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
    g16(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
    g16(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
    g16(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
    g16(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
}

/*
 * In place, x[r] element c becomes x[c] element r (a 16x16 matrix of words): 32-bit then 64-bit interleaves
 * inside each 128-bit quarter, then two rounds of quarter shuffles.
 */
B3_INLINE void transpose16(__m512i x[16]) {
    __m512i t[16], u[16];
    for (int p = 0; p < 8; p++) {
        t[2 * p] = _mm512_unpacklo_epi32(x[2 * p], x[2 * p + 1]);
        t[2 * p + 1] = _mm512_unpackhi_epi32(x[2 * p], x[2 * p + 1]);
    }
    /* u[4 g + j], quarter q: word 4 q + j of rows 4 g .. 4 g + 3 */
    for (int g = 0; g < 4; g++) {
        u[4 * g] = _mm512_unpacklo_epi64(t[4 * g], t[4 * g + 2]);
        u[4 * g + 1] = _mm512_unpackhi_epi64(t[4 * g], t[4 * g + 2]);
        u[4 * g + 2] = _mm512_unpacklo_epi64(t[4 * g + 1], t[4 * g + 3]);
        u[4 * g + 3] = _mm512_unpackhi_epi64(t[4 * g + 1], t[4 * g + 3]);
    }
    for (int j = 0; j < 4; j++) {
        const __m512i a = _mm512_shuffle_i32x4(u[j], u[4 + j], 0x44);
        const __m512i b = _mm512_shuffle_i32x4(u[j], u[4 + j], 0xEE);
        const __m512i c = _mm512_shuffle_i32x4(u[8 + j], u[12 + j], 0x44);
        const __m512i d = _mm512_shuffle_i32x4(u[8 + j], u[12 + j], 0xEE);
        x[j] = _mm512_shuffle_i32x4(a, c, 0x88);
        x[4 + j] = _mm512_shuffle_i32x4(a, c, 0xDD);
        x[8 + j] = _mm512_shuffle_i32x4(b, d, 0x88);
        x[12 + j] = _mm512_shuffle_i32x4(b, d, 0xDD);
    }
}

B3_AVX512 static void group16(const uint8_t *const *inputs, size_t blocks, const uint8_t *cv_in, uint64_t counter,
                              int increment, uint8_t flags, uint8_t flags_start, uint8_t flags_end,
                              unsigned last_len, uint8_t *restrict out) {
    __m512i h[16], m[16], v[16];
    if (cv_in != NULL) {
        for (int l = 0; l < 16; l++) {
            h[l] = _mm512_zextsi256_si512(_mm256_loadu_si256((const __m256i *)(cv_in + B3_CV * l)));
        }
        transpose16(h);
    } else {
        for (int w = 0; w < 8; w++) {
            h[w] = _mm512_set1_epi32((int)rqk_b3_iv[w]);
        }
    }
    uint32_t lo[16], hi[16];
    for (int l = 0; l < 16; l++) {
        const uint64_t c = counter + (increment ? (uint64_t)l : 0);
        lo[l] = (uint32_t)c;
        hi[l] = (uint32_t)(c >> 32);
    }
    const __m512i counter_lo = _mm512_loadu_si512(lo), counter_hi = _mm512_loadu_si512(hi);
    for (size_t b = 0; b < blocks; b++) {
        const int last = b + 1 == blocks;
        for (int l = 0; l < 16; l++) {
            m[l] = _mm512_loadu_si512(inputs[l] + B3_BLOCK * b);
        }
        transpose16(m);
        for (int w = 0; w < 8; w++) {
            v[w] = h[w];
        }
        v[8] = _mm512_set1_epi32((int)rqk_b3_iv[0]);
        v[9] = _mm512_set1_epi32((int)rqk_b3_iv[1]);
        v[10] = _mm512_set1_epi32((int)rqk_b3_iv[2]);
        v[11] = _mm512_set1_epi32((int)rqk_b3_iv[3]);
        v[12] = counter_lo;
        v[13] = counter_hi;
        v[14] = _mm512_set1_epi32((int)(last ? last_len : B3_BLOCK));
        v[15] = _mm512_set1_epi32(flags | (b == 0 ? flags_start : 0) | (last ? flags_end : 0));
        round16(v, m, 0);
        round16(v, m, 1);
        round16(v, m, 2);
        round16(v, m, 3);
        round16(v, m, 4);
        round16(v, m, 5);
        round16(v, m, 6);
        for (int w = 0; w < 8; w++) {
            h[w] = _mm512_xor_si512(v[w], v[w + 8]);
        }
    }
    for (int w = 8; w < 16; w++) {
        h[w] = _mm512_setzero_si512();
    }
    transpose16(h);
    for (int l = 0; l < 16; l++) {
        _mm256_storeu_si256((__m256i *)(out + B3_CV * l), _mm512_castsi512_si256(h[l]));
    }
}

static void lanes_avx512(const uint8_t *const *inputs, size_t n, size_t blocks, const uint8_t *cv_in,
                         uint64_t counter, int increment, uint8_t flags, uint8_t flags_start, uint8_t flags_end,
                         unsigned last_len, uint8_t *restrict out) {
    rqk_b3_lanes_grouped(group16, 16, inputs, n, blocks, cv_in, counter, increment, flags, flags_start, flags_end,
                         last_len, out);
}

const rqk_b3_ops rqk_b3_ops_avx512 = {lanes_avx512, 16};
#else
/* keeps the translation unit non-empty on other architectures (ISO C) */
typedef int rqk_b3_avx512_not_built;
#endif
