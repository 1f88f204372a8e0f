/* Portable BLAKE3 compression and lane routine: correct on every target, the reference for the SIMD ones. */
#include "blake3_internal.h"

const uint32_t rqk_b3_iv[8] = {0x6A09E667u, 0xBB67AE85u, 0x3C6EF372u, 0xA54FF53Au,
                               0x510E527Fu, 0x9B05688Cu, 0x1F83D9ABu, 0x5BE0CD19u};


static inline uint32_t rotr(uint32_t x, int n) {
    return (x >> n) | (x << (32 - n));
}

/* G of spec 2.2 */
static inline void g(uint32_t v[16], int a, int b, int c, int d, uint32_t x, uint32_t y) {
    v[a] += v[b] + x;
    v[d] = rotr(v[d] ^ v[a], 16);
    v[c] += v[d];
    v[b] = rotr(v[b] ^ v[c], 12);
    v[a] += v[b] + y;
    v[d] = rotr(v[d] ^ v[a], 8);
    v[c] += v[d];
    v[b] = rotr(v[b] ^ v[c], 7);
}

void rqk_b3_compress(uint32_t cv[8], const uint8_t block[B3_BLOCK], unsigned block_len, uint64_t counter,
                     uint8_t flags) {
    uint32_t m[16], v[16];
    for (int i = 0; i < 16; i++) {
        m[i] = b3_load32(block + 4 * i);
    }
    for (int i = 0; i < 8; i++) {
        v[i] = cv[i];
    }
    v[8] = rqk_b3_iv[0];
    v[9] = rqk_b3_iv[1];
    v[10] = rqk_b3_iv[2];
    v[11] = rqk_b3_iv[3];
    v[12] = (uint32_t)counter;
    v[13] = (uint32_t)(counter >> 32);
    v[14] = block_len;
    v[15] = flags;
    for (int r = 0; r < 7; r++) {
        const uint8_t *s = rqk_b3_schedule[r];
        g(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
        g(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
        g(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
        g(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
        g(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
        g(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
        g(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
        g(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
    }
    for (int i = 0; i < 8; i++) {
        cv[i] = v[i] ^ v[i + 8];
    }
}

void rqk_b3_lanes_base(const uint8_t *const *inputs, size_t n, size_t blocks, const uint8_t *cv_in,
                       uint64_t counter, int increment, uint8_t flags, uint8_t flags_start, uint8_t flags_end,
                       unsigned last_len, uint8_t *restrict out) {
    for (size_t i = 0; i < n; i++) {
        uint32_t cv[8];
        for (int w = 0; w < 8; w++) {
            cv[w] = cv_in != NULL ? b3_load32(cv_in + B3_CV * i + 4 * w) : rqk_b3_iv[w];
        }
        const uint64_t lane_counter = counter + (increment ? i : 0);
        for (size_t b = 0; b < blocks; b++) {
            const int last = b + 1 == blocks;
            const uint8_t f = (uint8_t)(flags | (b == 0 ? flags_start : 0) | (last ? flags_end : 0));
            rqk_b3_compress(cv, inputs[i] + B3_BLOCK * b, last ? last_len : B3_BLOCK, lane_counter, f);
        }
        for (int w = 0; w < 8; w++) {
            b3_store32(out + B3_CV * i + 4 * w, cv[w]);
        }
    }
}

/* The widest SIMD group is 16 lanes (AVX-512). */
#define B3_MAX_DEGREE 16

void rqk_b3_lanes_grouped(rqk_b3_group_fn group, size_t degree, const uint8_t *const *inputs, size_t n,
                          size_t blocks, const uint8_t *cv_in, uint64_t counter, int increment, uint8_t flags,
                          uint8_t flags_start, uint8_t flags_end, unsigned last_len, uint8_t *restrict out) {
    size_t i = 0;
    for (; i + degree <= n; i += degree) {
        group(inputs + i, blocks, cv_in != NULL ? cv_in + B3_CV * i : NULL, counter + (increment ? i : 0),
              increment, flags, flags_start, flags_end, last_len, out + B3_CV * i);
    }
    const size_t rest = n - i;
    if (rest == 0) {
        return;
    }
    /* a padded group costs about as much as two or three lanes one at a time (measured on AVX2 and AVX-512) */
    if (rest <= 2) {
        rqk_b3_lanes_base(inputs + i, rest, blocks, cv_in != NULL ? cv_in + B3_CV * i : NULL,
                          counter + (increment ? i : 0), increment, flags, flags_start, flags_end, last_len,
                          out + B3_CV * i);
        return;
    }
    const uint8_t *padded[B3_MAX_DEGREE];
    uint8_t cvs[B3_MAX_DEGREE * B3_CV], outs[B3_MAX_DEGREE * B3_CV];
    for (size_t l = 0; l < degree; l++) {
        const size_t from = l < rest ? l : 0;
        padded[l] = inputs[i + from];
        if (cv_in != NULL) {
            memcpy(cvs + B3_CV * l, cv_in + B3_CV * (i + from), B3_CV);
        }
    }
    group(padded, blocks, cv_in != NULL ? cvs : NULL, counter + (increment ? i : 0), increment, flags, flags_start,
          flags_end, last_len, outs);
    memcpy(out + B3_CV * i, outs, B3_CV * rest);
}

const rqk_b3_ops rqk_b3_ops_base = {rqk_b3_lanes_base, 1};
