/*
 * Raw kernel throughput, no JNI: GB/s (10^9 bytes of destination per second) of xor and mul_add at 1280 B
 * and 64 KiB for every instruction set this CPU runs, and of a fused plan row (16 terms into one destination).
 * Each figure is the best of 5 timed repetitions of about 50 ms; buffers stay in cache, as in a block solve.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rqk.h"

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

enum { KIND_XOR, KIND_MUL_ADD, KIND_PLAN_ROW };

/* Bytes per second of one kind of operation at one length. */
static double measure(int isa, int kind, size_t len, unsigned char *dst, unsigned char *src, int *code) {
    const int terms = 16;
    long long iterations = 1;
    double best = 0;
    for (int rep = 0; rep < 7; rep++) {
        const double start = now_seconds();
        for (long long n = 0; n < iterations; n++) {
            switch (kind) {
            case KIND_XOR: rqk_xor(isa, dst, src, (long long)len); break;
            case KIND_MUL_ADD: rqk_mul_add(isa, dst, src, 0x53 + (int)(n & 7), (long long)len); break;
            default: rqk_run_plan(isa, code, terms, dst, (long long)len); break;
            }
        }
        const double elapsed = now_seconds() - start;
        const double bytes = (double)iterations * (double)len * (kind == KIND_PLAN_ROW ? terms : 1);
        if (rep >= 2 && bytes / elapsed > best) {
            best = bytes / elapsed;
        }
        if (elapsed < 0.05) {
            iterations = (long long)((double)iterations * (0.05 / (elapsed > 1e-6 ? elapsed : 1e-6))) + 1;
        }
    }
    return best / 1e9;
}

int main(void) {
    static const size_t lengths[] = {1280, 65536};
    const size_t max = 65536 * 17;
    unsigned char *dst = aligned_alloc(64, max), *src = aligned_alloc(64, max);
    memset(dst, 0x5A, max);
    for (size_t i = 0; i < max; i++) {
        src[i] = (unsigned char)(i * 131 + 7);
    }
    /* one destination slot (0) and 16 sources (1..16), coefficients 2..17: a row of a dense solve */
    int code[16 * 3];
    for (int k = 0; k < 16; k++) {
        code[k * 3] = 1 | (k + 2) << 8;
        code[k * 3 + 1] = 0;
        code[k * 3 + 2] = k + 1;
    }
    printf("%-11s %8s %12s %12s %16s\n", "isa", "bytes", "xor GB/s", "mulAdd GB/s", "plan-row GB/s");
    for (int isa = 0; isa < RQK_ISA_COUNT; isa++) {
        if (!rqk_isa_supported(isa)) {
            continue;
        }
        for (size_t li = 0; li < sizeof lengths / sizeof lengths[0]; li++) {
            const size_t len = lengths[li];
            const double x = measure(isa, KIND_XOR, len, dst, src + 4096, code);
            const double m = measure(isa, KIND_MUL_ADD, len, dst, src + 4096, code);
            const double p = measure(isa, KIND_PLAN_ROW, len, dst, src, code);
            printf("%-11s %8zu %12.1f %12.1f %16.1f\n", rqk_isa_name(isa), len, x, m, p);
        }
    }
    free(dst);
    free(src);
    return 0;
}
