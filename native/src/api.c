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

/* Length of the run of xor / mul_add operations starting at op that all write the same slot. */
static int same_destination_run(const int *code, int op, int op_count) {
    const int dst = code[op * 3 + 1];
    int end = op;
    while (end < op_count && end - op < RQK_FUSE_MAX) {
        const int opcode = code[end * 3] & 0xFF;
        if ((opcode != RQK_OP_XOR && opcode != RQK_OP_MUL_ADD) || code[end * 3 + 1] != dst) {
            break;
        }
        end++;
    }
    return end - op;
}

/*
 * Runs every operation on bytes [0, len) of each slot, where slot s starts at base + s * stride. The caller has
 * checked every opcode.
 */
static void run_range(const rqk_ops *ops, const int *code, int op_count, uint8_t *base, size_t stride,
                      size_t len) {
    int op = 0;
    while (op < op_count) {
        const int word = code[op * 3];
        const int opcode = word & 0xFF;
        const uint8_t c = (uint8_t)(word >> 8);
        uint8_t *dst = base + (size_t)code[op * 3 + 1] * stride;
        const uint8_t *src = base + (size_t)code[op * 3 + 2] * stride;
        if (opcode == RQK_OP_XOR || opcode == RQK_OP_MUL_ADD) {
            /*
             * Consecutive terms for one destination (a matrix row times the symbols) are added in one pass,
             * so the destination is read and written once per run instead of once per term. Sources never
             * alias the destination (OperationPlan rejects dst == src for these opcodes).
             */
            const int run = same_destination_run(code, op, op_count);
            if (run > 1) {
                const uint8_t *srcs[RQK_FUSE_MAX];
                uint8_t coefs[RQK_FUSE_MAX];
                for (int k = 0; k < run; k++) {
                    const int w = code[(op + k) * 3];
                    srcs[k] = base + (size_t)code[(op + k) * 3 + 2] * stride;
                    coefs[k] = (w & 0xFF) == RQK_OP_XOR ? 1 : (uint8_t)(w >> 8);
                }
                ops->mul_add_multi(dst, srcs, coefs, run, len);
                op += run;
                continue;
            }
            if (opcode == RQK_OP_XOR) {
                ops->xor_into(dst, src, len);
            } else {
                ops->mul_add(dst, src, c, len);
            }
        } else if (opcode == RQK_OP_SCALE) {
            ops->scale(dst, c, len);
        } else if (opcode == RQK_OP_COPY) {
            if (dst != src) {
                memcpy(dst, src, len);
            }
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
