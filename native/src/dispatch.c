/*
 * CPU dispatch: the one place per architecture that decides which instruction sets may run. The best one is
 * detected once (an atomic cache) and callers may always ask for a lower one (rqlib.native.isa on the Java side).
 */
#include <stdatomic.h>
#include <string.h>

#include "rqk.h"
#include "blake3_internal.h"
#include "rqk_internal.h"

#if defined(__x86_64__) || defined(_M_X64)
#include <cpuid.h>

/* XCR0: which register states the OS saves on a context switch (SSE, AVX upper halves, AVX-512 state). */
static uint64_t read_xcr0(void) {
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
}

/* x86_64, best first: AVX-512BW + GFNI, then AVX2, then base. The OS must save the wide registers too. */
static int detect_best(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        return RQK_ISA_BASE;
    }
    const int osxsave = (ecx >> 27) & 1, avx = (ecx >> 28) & 1;
    if (!osxsave || !avx) {
        return RQK_ISA_BASE;
    }
    const uint64_t xcr0 = read_xcr0();
    const int os_avx = (xcr0 & 0x6) == 0x6;      /* XMM and YMM state */
    const int os_avx512 = (xcr0 & 0xE6) == 0xE6; /* plus opmask, ZMM_Hi256, Hi16_ZMM */
    if (!os_avx || !__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
        return RQK_ISA_BASE;
    }
    const int avx2 = (ebx >> 5) & 1, avx512f = (ebx >> 16) & 1, avx512bw = (ebx >> 30) & 1;
    const int gfni = (ecx >> 8) & 1;
    if (os_avx512 && avx512f && avx512bw && gfni) {
        return RQK_ISA_AVX512GFNI;
    }
    return avx2 ? RQK_ISA_AVX2 : RQK_ISA_BASE;
}

/* Every lower x86 level is a subset of a higher one, so a level runs when it is at or below the best. */
static int runs_here(int isa, int best) {
    switch (isa) {
    case RQK_ISA_BASE:
        return 1;
    case RQK_ISA_AVX2:
        return best == RQK_ISA_AVX2 || best == RQK_ISA_AVX512GFNI;
    case RQK_ISA_AVX512GFNI:
        return best == RQK_ISA_AVX512GFNI;
    default:
        return 0;
    }
}

const rqk_ops *rqk_ops_for(int isa) {
    switch (isa) {
    case RQK_ISA_AVX512GFNI:
        return &rqk_ops_avx512gfni;
    case RQK_ISA_AVX2:
        return &rqk_ops_avx2;
    default:
        return &rqk_ops_base;
    }
}

/* BLAKE3 at the same levels: the AVX-512 level implies AVX-512F, all the 16-lane BLAKE3 routine needs. */
const rqk_b3_ops *rqk_b3_ops_for(int isa) {
    switch (isa) {
    case RQK_ISA_AVX512GFNI:
        return &rqk_b3_ops_avx512;
    case RQK_ISA_AVX2:
        return &rqk_b3_ops_avx2;
    default:
        return &rqk_b3_ops_base;
    }
}

#elif defined(__aarch64__)

/* AArch64: Advanced SIMD is mandatory in ARMv8-A, so NEON is always the best. */
static int detect_best(void) {
    return RQK_ISA_NEON;
}

static int runs_here(int isa, int best) {
    (void)best;
    return isa == RQK_ISA_BASE || isa == RQK_ISA_NEON;
}

const rqk_ops *rqk_ops_for(int isa) {
    return isa == RQK_ISA_NEON ? &rqk_ops_neon : &rqk_ops_base;
}

const rqk_b3_ops *rqk_b3_ops_for(int isa) {
#ifdef RQK_B3_HAVE_NEON
    return isa == RQK_ISA_NEON ? &rqk_b3_ops_neon : &rqk_b3_ops_base;
#else
    (void)isa;
    return &rqk_b3_ops_base;
#endif
}

#else

/* Any other architecture: the portable routines only. */
static int detect_best(void) {
    return RQK_ISA_BASE;
}

static int runs_here(int isa, int best) {
    (void)best;
    return isa == RQK_ISA_BASE;
}

const rqk_ops *rqk_ops_for(int isa) {
    (void)isa;
    return &rqk_ops_base;
}

const rqk_b3_ops *rqk_b3_ops_for(int isa) {
    (void)isa;
    return &rqk_b3_ops_base;
}

#endif

static atomic_int best_isa = -1;

int rqk_isa_best(void) {
    int best = atomic_load_explicit(&best_isa, memory_order_relaxed);
    if (best < 0) {
        /* detection is idempotent, so two threads racing here store the same value */
        best = detect_best();
        atomic_store_explicit(&best_isa, best, memory_order_relaxed);
    }
    return best;
}

int rqk_isa_supported(int isa) {
    return isa >= 0 && isa < RQK_ISA_COUNT && runs_here(isa, rqk_isa_best());
}

static const char *const isa_names[RQK_ISA_COUNT] = {"base", "avx2", "avx512gfni", "neon"};

const char *rqk_isa_name(int isa) {
    return isa >= 0 && isa < RQK_ISA_COUNT ? isa_names[isa] : "unknown";
}

int rqk_isa_select(const char *name) {
    if (name == NULL || strcmp(name, "auto") == 0 || name[0] == '\0') {
        return rqk_isa_best();
    }
    for (int isa = 0; isa < RQK_ISA_COUNT; isa++) {
        if (strcmp(name, isa_names[isa]) == 0) {
            return rqk_isa_supported(isa) ? isa : -1;
        }
    }
    return -1;
}
