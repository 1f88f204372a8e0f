/* The public entry points: pick the routines of the requested instruction set and run them. */
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

int rqk_run_plan(int isa, const int *code, int op_count, unsigned char *slab, long long symbol_size) {
    const rqk_ops *ops = rqk_ops_for(isa);
    const size_t t = (size_t)symbol_size;
    int op = 0;
    while (op < op_count) {
        const int word = code[op * 3];
        const int opcode = word & 0xFF;
        const uint8_t c = (uint8_t)(word >> 8);
        uint8_t *dst = slab + (size_t)code[op * 3 + 1] * t;
        const uint8_t *src = slab + (size_t)code[op * 3 + 2] * t;
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
                    srcs[k] = slab + (size_t)code[(op + k) * 3 + 2] * t;
                    coefs[k] = (w & 0xFF) == RQK_OP_XOR ? 1 : (uint8_t)(w >> 8);
                }
                ops->mul_add_multi(dst, srcs, coefs, run, t);
                op += run;
                continue;
            }
            if (opcode == RQK_OP_XOR) {
                ops->xor_into(dst, src, t);
            } else {
                ops->mul_add(dst, src, c, t);
            }
        } else if (opcode == RQK_OP_SCALE) {
            ops->scale(dst, c, t);
        } else if (opcode == RQK_OP_COPY) {
            if (dst != src) {
                memcpy(dst, src, t);
            }
        } else if (opcode == RQK_OP_ZERO) {
            memset(dst, 0, t);
        } else {
            return op + 1;
        }
        op++;
    }
    return 0;
}
