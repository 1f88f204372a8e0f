/*
 * BLAKE3 with AVX2: 8 lanes side by side, one 32-bit word of each lane per vector element (the transposed
 * layout of BLAKE3 spec 5.3). Rotations by 16 and 8 are byte shuffles; by 12 and 7, two shifts and an or.
 */
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>

#include "blake3_internal.h"

#define B3_AVX2 __attribute__((target("avx2")))
#define B3_INLINE static inline __attribute__((always_inline)) B3_AVX2

B3_INLINE __m256i rot16(__m256i x) {
    return _mm256_shuffle_epi8(x, _mm256_set_epi8(13, 12, 15, 14, 9, 8, 11, 10, 5, 4, 7, 6, 1, 0, 3, 2, 13, 12, 15,
                                                  14, 9, 8, 11, 10, 5, 4, 7, 6, 1, 0, 3, 2));
}

B3_INLINE __m256i rot8(__m256i x) {
    return _mm256_shuffle_epi8(x, _mm256_set_epi8(12, 15, 14, 13, 8, 11, 10, 9, 4, 7, 6, 5, 0, 3, 2, 1, 12, 15, 14,
                                                  13, 8, 11, 10, 9, 4, 7, 6, 5, 0, 3, 2, 1));
}

B3_INLINE __m256i rot12(__m256i x) {
    return _mm256_or_si256(_mm256_srli_epi32(x, 12), _mm256_slli_epi32(x, 20));
}

B3_INLINE __m256i rot7(__m256i x) {
    return _mm256_or_si256(_mm256_srli_epi32(x, 7), _mm256_slli_epi32(x, 25));
}

/*
 * Scalar reference of one G, per lane (see rqk_b3_compress):
 *   a += b + x; d = rotr(d ^ a, 16); c += d; b = rotr(b ^ c, 12);
 *   a += b + y; d = rotr(d ^ a, 8);  c += d; b = rotr(b ^ c, 7);
 */
B3_INLINE void g8(__m256i v[16], int a, int b, int c, int d, __m256i x, __m256i y) {
    v[a] = _mm256_add_epi32(_mm256_add_epi32(v[a], v[b]), x);
    v[d] = rot16(_mm256_xor_si256(v[d], v[a]));
    v[c] = _mm256_add_epi32(v[c], v[d]);
    v[b] = rot12(_mm256_xor_si256(v[b], v[c]));
    v[a] = _mm256_add_epi32(_mm256_add_epi32(v[a], v[b]), y);
    v[d] = rot8(_mm256_xor_si256(v[d], v[a]));
    v[c] = _mm256_add_epi32(v[c], v[d]);
    v[b] = rot7(_mm256_xor_si256(v[b], v[c]));
}

B3_INLINE void round8(__m256i v[16], const __m256i m[16], int r) {
    const uint8_t *s = rqk_b3_schedule[r];
    g8(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
    g8(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
    g8(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
    g8(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
    g8(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
    g8(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
    g8(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
    g8(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
}

/* In place, x[r] element c becomes x[c] element r (an 8x8 matrix of words). */
B3_INLINE void transpose8(__m256i x[8]) {
    __m256i t[8], u[8];
    for (int p = 0; p < 4; p++) {
        t[2 * p] = _mm256_unpacklo_epi32(x[2 * p], x[2 * p + 1]);
        t[2 * p + 1] = _mm256_unpackhi_epi32(x[2 * p], x[2 * p + 1]);
    }
    /* u[4 g + j]: words j (low half) and 4 + j (high half) of rows 4 g .. 4 g + 3 */
    for (int g = 0; g < 2; g++) {
        u[4 * g] = _mm256_unpacklo_epi64(t[4 * g], t[4 * g + 2]);
        u[4 * g + 1] = _mm256_unpackhi_epi64(t[4 * g], t[4 * g + 2]);
        u[4 * g + 2] = _mm256_unpacklo_epi64(t[4 * g + 1], t[4 * g + 3]);
        u[4 * g + 3] = _mm256_unpackhi_epi64(t[4 * g + 1], t[4 * g + 3]);
    }
    for (int j = 0; j < 4; j++) {
        x[j] = _mm256_permute2x128_si256(u[j], u[4 + j], 0x20);
        x[4 + j] = _mm256_permute2x128_si256(u[j], u[4 + j], 0x31);
    }
}

B3_AVX2 static void group8(const uint8_t *const *inputs, size_t blocks, const uint8_t *cv_in, uint64_t counter,
                           int increment, uint8_t flags, uint8_t flags_start, uint8_t flags_end, unsigned last_len,
                           uint8_t *restrict out) {
    __m256i h[8], m[16], v[16];
    if (cv_in != NULL) {
        for (int l = 0; l < 8; l++) {
            h[l] = _mm256_loadu_si256((const __m256i *)(cv_in + B3_CV * l));
        }
        transpose8(h);
    } else {
        for (int w = 0; w < 8; w++) {
            h[w] = _mm256_set1_epi32((int)rqk_b3_iv[w]);
        }
    }
    uint32_t lo[8], hi[8];
    for (int l = 0; l < 8; l++) {
        const uint64_t c = counter + (increment ? (uint64_t)l : 0);
        lo[l] = (uint32_t)c;
        hi[l] = (uint32_t)(c >> 32);
    }
    const __m256i counter_lo = _mm256_loadu_si256((const __m256i *)lo);
    const __m256i counter_hi = _mm256_loadu_si256((const __m256i *)hi);
    for (size_t b = 0; b < blocks; b++) {
        const int last = b + 1 == blocks;
        for (int l = 0; l < 8; l++) {
            m[l] = _mm256_loadu_si256((const __m256i *)(inputs[l] + B3_BLOCK * b));
            m[8 + l] = _mm256_loadu_si256((const __m256i *)(inputs[l] + B3_BLOCK * b + 32));
        }
        transpose8(m);
        transpose8(m + 8);
        for (int w = 0; w < 8; w++) {
            v[w] = h[w];
        }
        v[8] = _mm256_set1_epi32((int)rqk_b3_iv[0]);
        v[9] = _mm256_set1_epi32((int)rqk_b3_iv[1]);
        v[10] = _mm256_set1_epi32((int)rqk_b3_iv[2]);
        v[11] = _mm256_set1_epi32((int)rqk_b3_iv[3]);
        v[12] = counter_lo;
        v[13] = counter_hi;
        v[14] = _mm256_set1_epi32((int)(last ? last_len : B3_BLOCK));
        v[15] = _mm256_set1_epi32(flags | (b == 0 ? flags_start : 0) | (last ? flags_end : 0));
        round8(v, m, 0);
        round8(v, m, 1);
        round8(v, m, 2);
        round8(v, m, 3);
        round8(v, m, 4);
        round8(v, m, 5);
        round8(v, m, 6);
        for (int w = 0; w < 8; w++) {
            h[w] = _mm256_xor_si256(v[w], v[w + 8]);
        }
    }
    transpose8(h);
    for (int l = 0; l < 8; l++) {
        _mm256_storeu_si256((__m256i *)(out + B3_CV * l), h[l]);
    }
}

static void lanes_avx2(const uint8_t *const *inputs, size_t n, size_t blocks, const uint8_t *cv_in,
                       uint64_t counter, int increment, uint8_t flags, uint8_t flags_start, uint8_t flags_end,
                       unsigned last_len, uint8_t *restrict out) {
    rqk_b3_lanes_grouped(group8, 8, inputs, n, blocks, cv_in, counter, increment, flags, flags_start, flags_end,
                         last_len, out);
}

const rqk_b3_ops rqk_b3_ops_avx2 = {lanes_avx2, 8};
#else
/* keeps the translation unit non-empty on other architectures (ISO C) */
typedef int rqk_b3_avx2_not_built;
#endif
