/* Field arithmetic for building and checking tables: bit by bit, never used per symbol byte. */
#include "rqk_internal.h"

/* Multiplication by x modulo x^8 + x^4 + x^3 + x^2 + 1 (RFC 6330 5.7): shift, then reduce by 0x1D. */
static uint8_t times_x(uint8_t a) {
    return (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1D : 0));
}

uint8_t rqk_gf_mul(uint8_t a, uint8_t b) {
    uint8_t product = 0;
    while (b != 0) {
        if (b & 1) {
            product ^= a;
        }
        a = times_x(a);
        b >>= 1;
    }
    return product;
}

void rqk_nibble_tables(uint8_t c, uint8_t lo[16], uint8_t hi[16]) {
    for (int i = 0; i < 16; i++) {
        lo[i] = rqk_gf_mul(c, (uint8_t)i);
        hi[i] = rqk_gf_mul(c, (uint8_t)(i << 4));
    }
}

uint64_t rqk_gfni_matrix(uint8_t c) {
    uint64_t matrix = 0;
    for (int i = 0; i < 8; i++) {
        uint64_t row = 0;
        for (int j = 0; j < 8; j++) {
            row |= (uint64_t)((rqk_gf_mul(c, (uint8_t)(1u << j)) >> i) & 1u) << j;
        }
        matrix |= row << (8 * (7 - i));
    }
    return matrix;
}
