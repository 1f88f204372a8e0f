/* Portable GF(256) routines: correct on every target, the reference the SIMD routines are tested against. */
#include <string.h>

#include "rqk_internal.h"

void rqk_xor_base(uint8_t *restrict dst, const uint8_t *restrict src, size_t len) {
    size_t i = 0;
    /* eight bytes at a time through memcpy: no alignment assumption, compiled to plain loads and stores */
    for (; i + 8 <= len; i += 8) {
        uint64_t d, s;
        memcpy(&d, dst + i, 8);
        memcpy(&s, src + i, 8);
        d ^= s;
        memcpy(dst + i, &d, 8);
    }
    for (; i < len; i++) {
        dst[i] ^= src[i];
    }
}

void rqk_mul_add_base(uint8_t *restrict dst, const uint8_t *restrict src, uint8_t c, size_t len) {
    if (c == 0) {
        return;
    }
    if (c == 1) {
        rqk_xor_base(dst, src, len);
        return;
    }
    const uint8_t *lo = rqk_nibble[c], *hi = rqk_nibble[c] + 16;
    for (size_t i = 0; i < len; i++) {
        dst[i] ^= (uint8_t)(lo[src[i] & 15] ^ hi[src[i] >> 4]);
    }
}

void rqk_scale_base(uint8_t *restrict dst, uint8_t c, size_t len) {
    if (c == 1) {
        return;
    }
    if (c == 0) {
        memset(dst, 0, len);
        return;
    }
    const uint8_t *lo = rqk_nibble[c], *hi = rqk_nibble[c] + 16;
    for (size_t i = 0; i < len; i++) {
        dst[i] = (uint8_t)(lo[dst[i] & 15] ^ hi[dst[i] >> 4]);
    }
}

void rqk_mul_add_multi_base(uint8_t *restrict dst, uint8_t dst_coef, const uint8_t *const *srcs,
                            const uint8_t *coefs, int count, size_t len) {
    /* scale (0: clear) first; then xor is associative and commutative: the terms one by one give the sum */
    rqk_scale_base(dst, dst_coef, len);
    for (int k = 0; k < count; k++) {
        rqk_mul_add_base(dst, srcs[k], coefs[k], len);
    }
}

void rqk_mul_add_spread_base(uint8_t *const *dsts, const uint8_t *coefs, int count, const uint8_t *src, size_t len) {
    for (int k = 0; k < count; k++) {
        rqk_mul_add_base(dsts[k], src, coefs[k], len);
    }
}

const rqk_ops rqk_ops_base = {
    rqk_xor_base,
    rqk_mul_add_base,
    rqk_scale_base,
    rqk_mul_add_multi_base,
    rqk_mul_add_spread_base,
};
