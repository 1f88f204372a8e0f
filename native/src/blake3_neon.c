/*
 * BLAKE3 with NEON (AArch64 Advanced SIMD, always present): 4 lanes side by side, one 32-bit word of each lane
 * per vector element (the transposed layout of BLAKE3 spec 5.3). Rotation by 16 swaps half-words; the others
 * are a shift and a shift-insert.
 */
#include "blake3_internal.h"

#ifdef RQK_B3_HAVE_NEON
#include <arm_neon.h>

#define B3_INLINE static inline __attribute__((always_inline))

B3_INLINE uint32x4_t rot16(uint32x4_t x) {
    return vreinterpretq_u32_u16(vrev32q_u16(vreinterpretq_u16_u32(x)));
}

B3_INLINE uint32x4_t rot12(uint32x4_t x) {
    return vsriq_n_u32(vshlq_n_u32(x, 20), x, 12);
}

B3_INLINE uint32x4_t rot8(uint32x4_t x) {
    return vsriq_n_u32(vshlq_n_u32(x, 24), x, 8);
}

B3_INLINE uint32x4_t rot7(uint32x4_t x) {
    return vsriq_n_u32(vshlq_n_u32(x, 25), x, 7);
}

/*
 * Scalar reference of one G, per lane (see rqk_b3_compress):
 *   a += b + x; d = rotr(d ^ a, 16); c += d; b = rotr(b ^ c, 12);
 *   a += b + y; d = rotr(d ^ a, 8);  c += d; b = rotr(b ^ c, 7);
 */
B3_INLINE void g4(uint32x4_t v[16], int a, int b, int c, int d, uint32x4_t x, uint32x4_t y) {
    v[a] = vaddq_u32(vaddq_u32(v[a], v[b]), x);
    v[d] = rot16(veorq_u32(v[d], v[a]));
    v[c] = vaddq_u32(v[c], v[d]);
    v[b] = rot12(veorq_u32(v[b], v[c]));
    v[a] = vaddq_u32(vaddq_u32(v[a], v[b]), y);
    v[d] = rot8(veorq_u32(v[d], v[a]));
    v[c] = vaddq_u32(v[c], v[d]);
    v[b] = rot7(veorq_u32(v[b], v[c]));
}

B3_INLINE void round4(uint32x4_t v[16], const uint32x4_t m[16], int r) {
    const uint8_t *s = rqk_b3_schedule[r];
    g4(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
    g4(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
    g4(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
    g4(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
    g4(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
    g4(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
    g4(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
    g4(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
}

/* In place, x[r] element c becomes x[c] element r (a 4x4 matrix of words). */
B3_INLINE void transpose4(uint32x4_t x[4]) {
    const uint32x4x2_t a = vtrnq_u32(x[0], x[1]), b = vtrnq_u32(x[2], x[3]);
    x[0] = vcombine_u32(vget_low_u32(a.val[0]), vget_low_u32(b.val[0]));
    x[1] = vcombine_u32(vget_low_u32(a.val[1]), vget_low_u32(b.val[1]));
    x[2] = vcombine_u32(vget_high_u32(a.val[0]), vget_high_u32(b.val[0]));
    x[3] = vcombine_u32(vget_high_u32(a.val[1]), vget_high_u32(b.val[1]));
}

static void group4(const uint8_t *const *inputs, size_t blocks, const uint8_t *cv_in, uint64_t counter,
                   int increment, uint8_t flags, uint8_t flags_start, uint8_t flags_end, unsigned last_len,
                   uint8_t *restrict out) {
    uint32x4_t h[8], m[16], v[16];
    if (cv_in != NULL) {
        for (int l = 0; l < 4; l++) {
            h[l] = vreinterpretq_u32_u8(vld1q_u8(cv_in + B3_CV * l));
            h[4 + l] = vreinterpretq_u32_u8(vld1q_u8(cv_in + B3_CV * l + 16));
        }
        transpose4(h);
        transpose4(h + 4);
    } else {
        for (int w = 0; w < 8; w++) {
            h[w] = vdupq_n_u32(rqk_b3_iv[w]);
        }
    }
    uint32_t lo[4], hi[4];
    for (int l = 0; l < 4; l++) {
        const uint64_t c = counter + (increment ? (uint64_t)l : 0);
        lo[l] = (uint32_t)c;
        hi[l] = (uint32_t)(c >> 32);
    }
    const uint32x4_t counter_lo = vld1q_u32(lo), counter_hi = vld1q_u32(hi);
    for (size_t b = 0; b < blocks; b++) {
        const int last = b + 1 == blocks;
        /* m[4 q + l] holds quarter q of lane l's block, then each quarter is transposed across the lanes */
        for (int q = 0; q < 4; q++) {
            for (int l = 0; l < 4; l++) {
                m[4 * q + l] = vreinterpretq_u32_u8(vld1q_u8(inputs[l] + B3_BLOCK * b + 16 * q));
            }
            transpose4(m + 4 * q);
        }
        for (int w = 0; w < 8; w++) {
            v[w] = h[w];
        }
        v[8] = vdupq_n_u32(rqk_b3_iv[0]);
        v[9] = vdupq_n_u32(rqk_b3_iv[1]);
        v[10] = vdupq_n_u32(rqk_b3_iv[2]);
        v[11] = vdupq_n_u32(rqk_b3_iv[3]);
        v[12] = counter_lo;
        v[13] = counter_hi;
        v[14] = vdupq_n_u32(last ? last_len : B3_BLOCK);
        v[15] = vdupq_n_u32((uint32_t)(flags | (b == 0 ? flags_start : 0) | (last ? flags_end : 0)));
        round4(v, m, 0);
        round4(v, m, 1);
        round4(v, m, 2);
        round4(v, m, 3);
        round4(v, m, 4);
        round4(v, m, 5);
        round4(v, m, 6);
        for (int w = 0; w < 8; w++) {
            h[w] = veorq_u32(v[w], v[w + 8]);
        }
    }
    transpose4(h);
    transpose4(h + 4);
    for (int l = 0; l < 4; l++) {
        vst1q_u8(out + B3_CV * l, vreinterpretq_u8_u32(h[l]));
        vst1q_u8(out + B3_CV * l + 16, vreinterpretq_u8_u32(h[4 + l]));
    }
}

static void lanes_neon(const uint8_t *const *inputs, size_t n, size_t blocks, const uint8_t *cv_in,
                       uint64_t counter, int increment, uint8_t flags, uint8_t flags_start, uint8_t flags_end,
                       unsigned last_len, uint8_t *restrict out) {
    rqk_b3_lanes_grouped(group4, 4, inputs, n, blocks, cv_in, counter, increment, flags, flags_start, flags_end,
                         last_len, out);
}

const rqk_b3_ops rqk_b3_ops_neon = {lanes_neon, 4};
#else
/* keeps the translation unit non-empty on other architectures (ISO C) */
typedef int rqk_b3_neon_not_built;
#endif
