/*
 * Raw BLAKE3 throughput, no JNI: GB/s (10^9 message bytes per second) for every instruction set this CPU runs:
 * one 64 KiB message at a time, 64 symbol files at once (4-byte header + 65535-byte symbol, as rqlib names
 * them), 64 small symbol files (4 + 1280 bytes) at once, and a 16 MiB message streamed in 1 MiB pieces. Each
 * figure is the best of 5 timed repetitions of about 50 ms, one thread, timed in the thread's own CPU time so
 * that a busy machine slows the run down but does not change the figures much.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rqk.h"
#include "rqk_blake3.h"

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

enum { ONE_64K, MANY_SYMBOLS, MANY_SMALL, STREAM };

static _Alignas(8) unsigned char state[RQK_BLAKE3_STATE_BYTES];

static double run_once(int isa, int kind, const unsigned char *data, const unsigned char *prefixes,
                       unsigned char *out) {
    switch (kind) {
    case ONE_64K:
        rqk_blake3_many(isa, data, 0, 65536, 1, NULL, 0, out);
        return 65536;
    case MANY_SYMBOLS:
        rqk_blake3_many(isa, data, 65535, 65535, 64, prefixes, 4, out);
        return 64.0 * 65539;
    case MANY_SMALL:
        rqk_blake3_many(isa, data, 1280, 1280, 64, prefixes, 4, out);
        return 64.0 * 1284;
    default:
        rqk_blake3_init(state);
        for (int piece = 0; piece < 16; piece++) {
            rqk_blake3_update(isa, state, data + ((size_t)piece << 20), 1 << 20);
        }
        rqk_blake3_final(state, out);
        return 16.0 * (1 << 20);
    }
}

static double measure(int isa, int kind, const unsigned char *data, const unsigned char *prefixes,
                      unsigned char *out) {
    long long iterations = 1;
    double best = 0;
    for (int rep = 0; rep < 7; rep++) {
        double bytes = 0;
        const double start = now_seconds();
        for (long long n = 0; n < iterations; n++) {
            bytes += run_once(isa, kind, data, prefixes, out);
        }
        const double elapsed = now_seconds() - start;
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
    const size_t size = 16u << 20;
    unsigned char *data = malloc(size), prefixes[64 * 4], out[64 * 32];
    for (size_t i = 0; i < size; i++) {
        data[i] = (unsigned char)(i * 131 + 7);
    }
    memset(prefixes, 7, sizeof prefixes);
    printf("| isa | 64 KiB, one message | 64 x (4 + 65535) B | 64 x (4 + 1280) B | 16 MiB streamed |\n");
    printf("|---|---|---|---|---|\n");
    for (int isa = 0; isa < RQK_ISA_COUNT; isa++) {
        if (!rqk_isa_supported(isa)) {
            continue;
        }
        printf("| %s", rqk_isa_name(isa));
        for (int kind = ONE_64K; kind <= STREAM; kind++) {
            printf(" | %.2f", measure(isa, kind, data, prefixes, out));
        }
        printf(" |\n");
    }
    free(data);
    return 0;
}
