/* Internal interface of BLAKE3: constants of the spec, the per-ISA lane routine, and the portable reference. */
#ifndef RQK_BLAKE3_INTERNAL_H
#define RQK_BLAKE3_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define B3_BLOCK 64
#define B3_CHUNK 1024
#define B3_CV 32
/* 2^64 input bytes are 2^54 chunks: never more chaining values than this wait on the stack, plus one. */
#define B3_MAX_DEPTH 54

/* Domain flags (BLAKE3 spec 2.1). */
enum { B3_CHUNK_START = 1, B3_CHUNK_END = 2, B3_PARENT = 4, B3_ROOT = 8 };

extern const uint32_t rqk_b3_iv[8];

/*
 * Message word order per round (spec 2.2: the permutation applied round after round). Static in every file
 * so that, with the rounds unrolled, each index is a constant and the message vectors stay in registers.
 */
static const uint8_t rqk_b3_schedule[7][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},  {2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8},
    {3, 4, 10, 12, 13, 2, 7, 14, 6, 5, 9, 0, 11, 15, 8, 1},  {10, 7, 12, 9, 14, 3, 13, 15, 4, 0, 11, 2, 5, 8, 1, 6},
    {12, 13, 9, 11, 15, 10, 14, 8, 7, 2, 5, 3, 0, 1, 6, 4},  {9, 14, 11, 5, 8, 12, 15, 1, 13, 3, 0, 10, 2, 6, 4, 7},
    {11, 15, 5, 0, 1, 9, 8, 6, 14, 10, 2, 12, 3, 4, 7, 13},
};

/*
 * The lane routine, what each instruction set accelerates. For each lane i < n, independently:
 *   cv = cv_in ? cv_in[32 i .. 32 i + 32) : IV            (little-endian words)
 *   for b in [0, blocks):
 *     cv = compress(cv, inputs[i] + 64 b, counter + (increment ? i : 0),
 *                   block_len = b == blocks - 1 ? last_len : 64,
 *                   flags | (b == 0 ? flags_start : 0) | (b == blocks - 1 ? flags_end : 0))
 *   out[32 i .. 32 i + 32) = cv
 * blocks >= 1; every block is 64 readable bytes (a short last block is zero-padded by the caller). The
 * first 32 bytes of a ROOT compression's output are its chaining value, so roots come out of here too.
 * out may not overlap the inputs or cv_in.
 */
typedef void (*rqk_b3_lanes_fn)(const uint8_t *const *inputs, size_t n, size_t blocks, const uint8_t *cv_in,
                                uint64_t counter, int increment, uint8_t flags, uint8_t flags_start,
                                uint8_t flags_end, unsigned last_len, uint8_t *restrict out);

/* The same for exactly `degree` lanes (one SIMD group); the lanes routine drives it over n. */
typedef void (*rqk_b3_group_fn)(const uint8_t *const *inputs, size_t blocks, const uint8_t *cv_in,
                                uint64_t counter, int increment, uint8_t flags, uint8_t flags_start,
                                uint8_t flags_end, unsigned last_len, uint8_t *restrict out);

typedef struct rqk_b3_ops {
    rqk_b3_lanes_fn lanes;
    /* Lanes hashed side by side: messages or chunks handled best in groups of this many. */
    size_t degree;
} rqk_b3_ops;

static inline uint32_t b3_load32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void b3_store32(uint8_t *p, uint32_t w) {
    p[0] = (uint8_t)w;
    p[1] = (uint8_t)(w >> 8);
    p[2] = (uint8_t)(w >> 16);
    p[3] = (uint8_t)(w >> 24);
}

/* The compression function (spec 2.2), portable: cv = first half of compress(cv, block, ...). */
void rqk_b3_compress(uint32_t cv[8], const uint8_t block[B3_BLOCK], unsigned block_len, uint64_t counter,
                     uint8_t flags);

/* The portable lane routine: one lane after the other. The reference for every SIMD one. */
void rqk_b3_lanes_base(const uint8_t *const *inputs, size_t n, size_t blocks, const uint8_t *cv_in,
                       uint64_t counter, int increment, uint8_t flags, uint8_t flags_start, uint8_t flags_end,
                       unsigned last_len, uint8_t *restrict out);

/*
 * Runs n lanes as whole groups of `degree` through `group`, and the rest through one padded group (unused lanes
 * repeat lane 0 and their results are dropped) or, when only a few remain, through the portable routine.
 */
void rqk_b3_lanes_grouped(rqk_b3_group_fn group, size_t degree, const uint8_t *const *inputs, size_t n,
                          size_t blocks, const uint8_t *cv_in, uint64_t counter, int increment, uint8_t flags,
                          uint8_t flags_start, uint8_t flags_end, unsigned last_len, uint8_t *restrict out);

#if defined(__x86_64__) || defined(_M_X64)
extern const rqk_b3_ops rqk_b3_ops_avx2;
extern const rqk_b3_ops rqk_b3_ops_avx512;
#endif
#if defined(__aarch64__) && defined(__ARM_NEON) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define RQK_B3_HAVE_NEON 1
extern const rqk_b3_ops rqk_b3_ops_neon;
#endif
extern const rqk_b3_ops rqk_b3_ops_base;

/* The BLAKE3 routines of a supported isa id (checked by the caller); defined in dispatch.c beside rqk_ops_for. */
const rqk_b3_ops *rqk_b3_ops_for(int isa);

#endif
