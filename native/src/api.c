/* The public entry points: pick the routines of the requested instruction set and run them. */
#include <stdlib.h>
#include <string.h>

#include "rqk.h"
#include "rqk_internal.h"

void rqk_xor(int isa, unsigned char *dst, const unsigned char *src, long long len) {
    if (len > 0) {
        rqk_ops_for(isa)->xor_into(dst, src, (size_t)len);
    }
}

void rqk_mul_add(int isa, unsigned char *dst, const unsigned char *src, int c, long long len) {
    if (len > 0 && c != 0) {
        rqk_ops_for(isa)->mul_add(dst, src, (uint8_t)c, (size_t)len);
    }
}

void rqk_scale(int isa, unsigned char *dst, int c, long long len) {
    if (len > 0) {
        rqk_ops_for(isa)->scale(dst, (uint8_t)c, (size_t)len);
    }
}

static int is_addition(int opcode) {
    return opcode == RQK_OP_XOR || opcode == RQK_OP_MUL_ADD;
}

/* Length (at most max) of the run of xor / mul_add operations from op on that all write slot dst. */
static int same_destination_run(const int *code, int op, int op_count, int dst, int max) {
    int end = op;
    while (end < op_count && end - op < max && is_addition(code[end * 3] & 0xFF) && code[end * 3 + 1] == dst
           && code[end * 3 + 2] != dst) {
        end++;
    }
    return end - op;
}

/* Length of the run of xor / mul_add operations from op on that all read the slot op reads (and never write it). */
static int same_source_run(const int *code, int op, int op_count) {
    const int src = code[op * 3 + 2];
    int end = op;
    while (end < op_count && end - op < RQK_FUSE_MAX && is_addition(code[end * 3] & 0xFF)
           && code[end * 3 + 2] == src && code[end * 3 + 1] != src) {
        end++;
    }
    return end - op;
}

static uint8_t term_coefficient(int word) {
    return (word & 0xFF) == RQK_OP_XOR ? 1 : (uint8_t)(word >> 8);
}

/*
 * Runs every operation on bytes [0, len) of each slot, where slot s starts at base + s * stride. The caller has
 * checked every opcode.
 *
 * Operations are fused where the plan allows, so that each symbol is read and written as few times as possible
 * (what a solver emits: rows built as sums, one source added to several rows):
 *  - consecutive additions into one destination run in one pass over it (mul_add_multi), and so does a scale,
 *    copy or zero of a destination with the additions into it that follow (a copy's source is the first term,
 *    and a copied or zeroed destination is not read);
 *  - consecutive additions of one source into several destinations read the source once (mul_add_spread).
 * Fusion never changes a result: the runs are cut where an operation would read what the run writes.
 */
static void run_range(const rqk_ops *ops, const int *code, int op_count, uint8_t *base, size_t stride,
                      size_t len) {
    const uint8_t *srcs[RQK_FUSE_MAX];
    uint8_t *dsts[RQK_FUSE_MAX];
    uint8_t coefs[RQK_FUSE_MAX];
    int op = 0;
    while (op < op_count) {
        const int word = code[op * 3];
        const int opcode = word & 0xFF;
        const uint8_t c = (uint8_t)(word >> 8);
        const int dst_slot = code[op * 3 + 1];
        const int src_slot = code[op * 3 + 2];
        uint8_t *dst = base + (size_t)dst_slot * stride;
        const uint8_t *src = base + (size_t)src_slot * stride;
        if (is_addition(opcode)) {
            const int run = same_destination_run(code, op, op_count, dst_slot, RQK_FUSE_MAX);
            if (run > 1) {
                for (int k = 0; k < run; k++) {
                    srcs[k] = base + (size_t)code[(op + k) * 3 + 2] * stride;
                    coefs[k] = term_coefficient(code[(op + k) * 3]);
                }
                ops->mul_add_multi(dst, 1, srcs, coefs, run, len);
                op += run;
                continue;
            }
            const int spread = same_source_run(code, op, op_count);
            if (spread > 1) {
                for (int k = 0; k < spread; k++) {
                    dsts[k] = base + (size_t)code[(op + k) * 3 + 1] * stride;
                    coefs[k] = term_coefficient(code[(op + k) * 3]);
                }
                ops->mul_add_spread(dsts, coefs, spread, src, len);
                op += spread;
                continue;
            }
            if (opcode == RQK_OP_XOR) {
                ops->xor_into(dst, src, len);
            } else {
                ops->mul_add(dst, src, c, len);
            }
            op++;
            continue;
        }
        if (opcode == RQK_OP_COPY && dst_slot == src_slot) {
            op++;
            continue;
        }
        /* a scale, copy or zero, fused with the additions into the same destination that follow */
        const int first = opcode == RQK_OP_COPY ? 1 : 0;
        const int run = same_destination_run(code, op + 1, op_count, dst_slot, RQK_FUSE_MAX - first);
        if (run > 0) {
            if (first) {
                srcs[0] = src;
                coefs[0] = 1;
            }
            for (int k = 0; k < run; k++) {
                srcs[first + k] = base + (size_t)code[(op + 1 + k) * 3 + 2] * stride;
                coefs[first + k] = term_coefficient(code[(op + 1 + k) * 3]);
            }
            ops->mul_add_multi(dst, opcode == RQK_OP_SCALE ? c : 0, srcs, coefs, first + run, len);
            op += 1 + run;
            continue;
        }
        if (opcode == RQK_OP_SCALE) {
            ops->scale(dst, c, len);
        } else if (opcode == RQK_OP_COPY) {
            memcpy(dst, src, len);
        } else {
            memset(dst, 0, len);
        }
        op++;
    }
}

/* Bytes of slots a pass may touch and still stay in a typical 1 MiB L2 cache with room to spare. */
#define RQK_CACHE_BUDGET (512 * 1024)

/* The budget, RQK_CACHE_BUDGET unless the environment variable of that name sets another (for benchmarks). */
static size_t cache_budget(void) {
    static size_t budget;
    if (budget == 0) {
        const char *text = getenv("RQK_CACHE_BUDGET");
        long long value = text == NULL ? 0 : atoll(text);
        budget = value > 0 ? (size_t)value : RQK_CACHE_BUDGET;
    }
    return budget;
}
/* Columns are multiples of a cache line, so SIMD loops keep full vectors. */
#define RQK_MIN_CHUNK 64
/* Slabs smaller than this run in place: they sit in L2/L3 well enough (measured: K=10000, T=1280 loses 3x). */
#define RQK_PACK_THRESHOLD (16u << 20)
/* Narrower columns than this spend more time dispatching operations than computing (measured at 64 B). */
#define RQK_MIN_PACKED_CHUNK 256

/* Copies bytes [offset, offset + len) of each of the first slots slots between the slab and a packed column. */
static void copy_column(uint8_t *column, uint8_t *slab, size_t slots, size_t stride, size_t offset, size_t len,
                       int to_column) {
    for (size_t s = 0; s < slots; s++) {
        if (to_column) {
            memcpy(column + s * len, slab + s * stride + offset, len);
        } else {
            memcpy(slab + s * stride + offset, column + s * len, len);
        }
    }
}

int rqk_run_plan(int isa, const int *code, int op_count, unsigned char *slab, long long symbol_size) {
    const rqk_ops *ops = rqk_ops_for(isa);
    const size_t t = (size_t)symbol_size;
    int max_slot = 0;
    for (int op = 0; op < op_count; op++) {
        const int opcode = code[op * 3] & 0xFF;
        if (opcode > RQK_OP_ZERO) {
            return op + 1;
        }
        max_slot = code[op * 3 + 1] > max_slot ? code[op * 3 + 1] : max_slot;
        max_slot = code[op * 3 + 2] > max_slot ? code[op * 3 + 2] : max_slot;
    }
    const size_t slots = (size_t)max_slot + 1;
    const size_t budget = cache_budget();
    size_t chunk = budget / slots / RQK_MIN_CHUNK * RQK_MIN_CHUNK;
    if (chunk < RQK_MIN_CHUNK) {
        chunk = RQK_MIN_CHUNK;
    }
    /*
     * Packing pays only when the slab is far beyond the caches and columns stay wide enough that the cost of
     * dispatching each operation once per column does not dominate: large symbols, as files use.
     */
    const int pack = slots * t > RQK_PACK_THRESHOLD && chunk >= RQK_MIN_PACKED_CHUNK && chunk < t;
    uint8_t *column = pack ? malloc(slots * chunk) : NULL;
    if (column == NULL) {
        run_range(ops, code, op_count, slab, t, t);
        return 0;
    }
    /*
     * The slots overflow the cache. Every operation works byte position by byte position, so the plan may run
     * on one column of bytes of every slot at a time: each column is packed into a buffer that fits in L2, the
     * whole plan runs there, and the column is copied back. Packing costs two copies of the slab, against one
     * pass over the slab per operation from memory (and, for large symbols, a TLB miss per slot touched).
     */
    for (size_t offset = 0; offset < t; offset += chunk) {
        const size_t len = t - offset < chunk ? t - offset : chunk;
        copy_column(column, slab, slots, t, offset, len, 1);
        run_range(ops, code, op_count, column, len, len);
        copy_column(column, slab, slots, t, offset, len, 0);
    }
    free(column);
    return 0;
}
