/*
 * C tests of the kernel: every SIMD routine against the base routine for all 256 coefficients and every length
 * 0 .. 4 x vector width + 1, with each buffer ending at a guard page so that an over-read or over-write
 * faults; the tables against bitwise field multiplication; whole plans against a one-op-at-a-time interpreter.
 * Exit status 0 when everything matches. Seeded (RQK_TEST_SEED), so a failure can be replayed.
 */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <windows.h> /* VirtualAlloc/VirtualProtect: the guard page on Windows (run under wine64 by CI) */
#else
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "rqk.h"
#include "rqk_internal.h"

static uint64_t rng_state;
static int failures;

/* xorshift64*: small, seedable, identical on every target */
static uint8_t next_byte(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint8_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 56);
}

static void fill(uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        p[i] = next_byte();
    }
}

#define CHECK(cond, ...)                                                                                          \
    do {                                                                                                          \
        if (!(cond)) {                                                                                            \
            if (failures++ < 20) {                                                                                \
                fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                                              \
                fprintf(stderr, __VA_ARGS__);                                                                     \
                fputc('\n', stderr);                                                                              \
            }                                                                                                     \
        }                                                                                                         \
    } while (0)

/* A region of `size` usable bytes that ends exactly where a PROT_NONE page begins. */
typedef struct guarded {
    uint8_t *map;
    size_t map_size;
    uint8_t *end;
} guarded;

static guarded guarded_alloc(size_t size) {
#ifdef _WIN32
    SYSTEM_INFO info;
    GetSystemInfo(&info);
    const size_t page = (size_t)info.dwPageSize;
#else
    const size_t page = (size_t)sysconf(_SC_PAGESIZE);
#endif
    const size_t usable = (size + page - 1) / page * page;
    guarded g;
    g.map_size = usable + page;
#ifdef _WIN32
    DWORD old_protect;
    g.map = VirtualAlloc(NULL, g.map_size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    if (g.map == NULL || !VirtualProtect(g.map + usable, page, PAGE_NOACCESS, &old_protect)) {
        fprintf(stderr, "VirtualAlloc/VirtualProtect failed\n");
        exit(2);
    }
#else
    g.map = mmap(NULL, g.map_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (g.map == MAP_FAILED || mprotect(g.map + usable, page, PROT_NONE) != 0) {
        perror("mmap/mprotect");
        exit(2);
    }
#endif
    g.end = g.map + usable;
    return g;
}

static void guarded_free(guarded *g) {
#ifdef _WIN32
    VirtualFree(g->map, 0, MEM_RELEASE);
#else
    munmap(g->map, g->map_size);
#endif
}

/* The last `len` bytes before the guard page. */
static uint8_t *at_end(const guarded *g, size_t len) {
    return g->end - len;
}

static void test_tables(void) {
    CHECK(rqk_gf_mul(2, 0x80) == 0x1D, "x * x^7 must reduce by 0x11D");
    for (int c = 0; c < 256; c++) {
        for (int x = 0; x < 256; x++) {
            const uint8_t want = rqk_gf_mul((uint8_t)c, (uint8_t)x);
            const uint8_t nib = rqk_nibble[c][x & 15] ^ rqk_nibble[c][16 + (x >> 4)];
            CHECK(nib == want, "nibble table c=%d x=%d: %d != %d", c, x, nib, want);
            /* evaluate the GFNI matrix as vgf2p8affineqb does: bit i = parity(matrix byte 7-i & x) */
            uint8_t affine = 0;
            for (int i = 0; i < 8; i++) {
                const unsigned row = (unsigned)(rqk_gfni[c] >> (8 * (7 - i))) & 0xFF;
                affine |= (uint8_t)((__builtin_popcount(row & (unsigned)x) & 1) << i);
            }
            CHECK(affine == want, "gfni matrix c=%d x=%d: %d != %d", c, x, affine, want);
        }
        if (c > 0) {
            int inverse_found = 0;
            for (int y = 1; y < 256; y++) {
                inverse_found |= rqk_gf_mul((uint8_t)c, (uint8_t)y) == 1;
            }
            CHECK(inverse_found, "c=%d has no inverse: not a field", c);
        }
    }
}

static int vector_width(int isa) {
    switch (isa) {
    case RQK_ISA_AVX512GFNI:
        return 64;
    case RQK_ISA_AVX2:
        return 32;
    case RQK_ISA_NEON:
        return 16;
    default:
        return 8;
    }
}

/* Each routine of one isa against base: all coefficients, every length 0 .. 4 * width + 1, at the guard page. */
static void test_routines(int isa) {
    const rqk_ops *ops = rqk_ops_for(isa);
    const size_t max_len = 4 * (size_t)vector_width(isa) + 1;
    guarded gd = guarded_alloc(max_len), gs = guarded_alloc(max_len);
    uint8_t *want = malloc(max_len + 1), *src_copy = malloc(max_len + 1);
    for (int c = 0; c < 256; c++) {
        for (size_t len = 0; len <= max_len; len++) {
            uint8_t *dst = at_end(&gd, len), *src = at_end(&gs, len);
            fill(dst, len);
            fill(src, len);
            memcpy(src_copy, src, len);

            memcpy(want, dst, len);
            rqk_mul_add_base(want, src, (uint8_t)c, len);
            ops->mul_add(dst, src, (uint8_t)c, len);
            CHECK(memcmp(dst, want, len) == 0, "%s mul_add c=%d len=%zu", rqk_isa_name(isa), c, len);
            CHECK(memcmp(src, src_copy, len) == 0, "%s mul_add wrote its source", rqk_isa_name(isa));

            memcpy(want, dst, len);
            rqk_scale_base(want, (uint8_t)c, len);
            ops->scale(dst, (uint8_t)c, len);
            CHECK(memcmp(dst, want, len) == 0, "%s scale c=%d len=%zu", rqk_isa_name(isa), c, len);

            if (c == 0) {
                fill(dst, len);
                memcpy(want, dst, len);
                rqk_xor_base(want, src, len);
                ops->xor_into(dst, src, len);
                CHECK(memcmp(dst, want, len) == 0, "%s xor len=%zu", rqk_isa_name(isa), len);
            }
        }
    }
    free(want);
    free(src_copy);
    guarded_free(&gd);
    guarded_free(&gs);
}

/*
 * The fused routines against base for every term count, random coefficients (1 included), every length, and
 * every way a fused destination starts (added to, overwritten, scaled).
 */
static void test_fused(int isa) {
    const rqk_ops *ops = rqk_ops_for(isa);
    const size_t max_len = 4 * (size_t)(vector_width(isa) < 64 ? 64 : vector_width(isa)) + 1;
    guarded gd = guarded_alloc(max_len);
    guarded gs[RQK_FUSE_MAX];
    for (int k = 0; k < RQK_FUSE_MAX; k++) {
        gs[k] = guarded_alloc(max_len);
    }
    uint8_t *want = malloc(max_len + 1);
    for (int count = 1; count <= RQK_FUSE_MAX; count++) {
        for (size_t len = 0; len <= max_len; len++) {
            const uint8_t *srcs[RQK_FUSE_MAX];
            uint8_t coefs[RQK_FUSE_MAX];
            for (int k = 0; k < count; k++) {
                uint8_t *s = at_end(&gs[k], len);
                fill(s, len);
                srcs[k] = s;
                coefs[k] = (k % 3 == 0) ? 1 : next_byte();
            }
            const uint8_t dst_coef = count % 3 == 0 ? 1 : count % 3 == 1 ? 0 : next_byte();
            uint8_t *dst = at_end(&gd, len);
            fill(dst, len);
            memcpy(want, dst, len);
            rqk_mul_add_multi_base(want, dst_coef, srcs, coefs, count, len);
            ops->mul_add_multi(dst, dst_coef, srcs, coefs, count, len);
            CHECK(memcmp(dst, want, len) == 0, "%s fused count=%d dst_coef=%d len=%zu", rqk_isa_name(isa), count,
                  dst_coef, len);

            /* one source into count destinations (the guarded buffers), the last one twice when count > 1 */
            uint8_t *src = at_end(&gd, len);
            uint8_t *dsts[RQK_FUSE_MAX];
            uint8_t *wants[RQK_FUSE_MAX];
            for (int k = 0; k < count; k++) {
                dsts[k] = (uint8_t *)srcs[k];
                wants[k] = malloc(len + 1);
                memcpy(wants[k], dsts[k], len);
            }
            if (count > 2) {
                free(wants[count - 1]);
                dsts[count - 1] = dsts[count - 2];
                wants[count - 1] = wants[count - 2];
            }
            for (int k = 0; k < count; k++) {
                rqk_mul_add_base(wants[k], src, coefs[k], len);
            }
            ops->mul_add_spread(dsts, coefs, count, src, len);
            for (int k = 0; k < count; k++) {
                CHECK(memcmp(dsts[k], wants[k], len) == 0, "%s spread count=%d k=%d len=%zu", rqk_isa_name(isa),
                      count, k, len);
            }
            for (int k = 0; k < (count > 2 ? count - 1 : count); k++) {
                free(wants[k]);
            }
        }
    }
    free(want);
    guarded_free(&gd);
    for (int k = 0; k < RQK_FUSE_MAX; k++) {
        guarded_free(&gs[k]);
    }
}

/* The meaning of a plan, one operation at a time with the base routines (no fusion). */
static void interpret(const int *code, int op_count, uint8_t *slab, size_t t) {
    for (int op = 0; op < op_count; op++) {
        const int opcode = code[op * 3] & 0xFF;
        const uint8_t c = (uint8_t)(code[op * 3] >> 8);
        uint8_t *dst = slab + (size_t)code[op * 3 + 1] * t;
        uint8_t *src = slab + (size_t)code[op * 3 + 2] * t;
        switch (opcode) {
        case RQK_OP_XOR: rqk_xor_base(dst, src, t); break;
        case RQK_OP_MUL_ADD: rqk_mul_add_base(dst, src, c, t); break;
        case RQK_OP_SCALE: rqk_scale_base(dst, c, t); break;
        case RQK_OP_COPY: memmove(dst, src, t); break;
        case RQK_OP_ZERO: memset(dst, 0, t); break;
        default: break;
        }
    }
}

/*
 * Random plans, with long same-destination runs so that fusion (and its splitting) is exercised. With many
 * slots of large symbols the slab overflows the cache budget and the plan runs in columns of bytes: the odd
 * sizes make the last column a partial one.
 */
static void test_plans_with(int isa, const int slots, const size_t *sizes, size_t size_count) {
    enum { OPS = 400 };
    int code[OPS * 3];
    for (size_t si = 0; si < size_count; si++) {
        const size_t t = sizes[si];
        guarded g = guarded_alloc(slots * t);
        uint8_t *slab = at_end(&g, slots * t);
        uint8_t *want = malloc(slots * t);
        for (int round = 0; round < 8; round++) {
            int dst = 0;
            int src = 1;
            for (int op = 0; op < OPS; op++) {
                /* odd rounds keep one source over several destinations, even rounds one destination */
                const int spread_round = round % 2 == 1;
                if (next_byte() < 40) {
                    if (spread_round) {
                        src = next_byte() % slots;
                    } else {
                        dst = next_byte() % slots;
                    }
                }
                if (spread_round) {
                    dst = next_byte() % slots;
                } else {
                    src = next_byte() % slots;
                }
                if (src == dst) {
                    dst = (dst + 1) % slots;
                }
                const int kind = next_byte() % 16;
                const int opcode = kind < 6 ? RQK_OP_XOR : kind < 13 ? RQK_OP_MUL_ADD
                                 : kind == 13 ? RQK_OP_SCALE : kind == 14 ? RQK_OP_COPY : RQK_OP_ZERO;
                const int c = opcode == RQK_OP_MUL_ADD || opcode == RQK_OP_SCALE ? 1 + next_byte() % 255 : 1;
                code[op * 3] = opcode | c << 8;
                code[op * 3 + 1] = dst;
                code[op * 3 + 2] = src;
            }
            fill(slab, slots * t);
            memcpy(want, slab, slots * t);
            interpret(code, OPS, want, t);
            const int status = rqk_run_plan(isa, code, OPS, slab, (long long)t);
            CHECK(status == 0, "%s plan status %d", rqk_isa_name(isa), status);
            CHECK(memcmp(slab, want, slots * t) == 0, "%s plan t=%zu round=%d", rqk_isa_name(isa), t, round);
        }
        code[0] = 9;
        CHECK(rqk_run_plan(isa, code, 1, slab, (long long)t) == 1, "unknown opcode must be reported");
        free(want);
        guarded_free(&g);
    }
}

static void test_plans(int isa) {
    static const size_t small[] = {1, 7, 64, 200, 1280, 1283};
    test_plans_with(isa, 24, small, sizeof small / sizeof small[0]);
    static const size_t columns[] = {1283, 4099, 30011}; /* 700 x 30011 bytes exceeds the packing threshold */
    test_plans_with(isa, 700, columns, sizeof columns / sizeof columns[0]);
}

int main(void) {
    const char *seed_text = getenv("RQK_TEST_SEED");
    const uint64_t seed = seed_text != NULL ? strtoull(seed_text, NULL, 10) : 20240611u;
    rng_state = seed | 1;
    const int best = rqk_isa_best();
    printf("rqk C tests: seed %llu, best isa %s\n", (unsigned long long)seed, rqk_isa_name(best));

    test_tables();
    CHECK(rqk_isa_supported(RQK_ISA_BASE), "base must always run");
    CHECK(rqk_isa_select("auto") == best, "auto must select the best isa");
    CHECK(rqk_isa_select("base") == RQK_ISA_BASE, "base must be selectable");
    CHECK(rqk_isa_select("no-such-isa") == -1, "an unknown name must be refused");
    int tested = 0;
    for (int isa = 0; isa < RQK_ISA_COUNT; isa++) {
        if (!rqk_isa_supported(isa)) {
            printf("  %-10s not supported here, skipped\n", rqk_isa_name(isa));
            continue;
        }
        CHECK(rqk_isa_select(rqk_isa_name(isa)) == isa, "%s must be selectable by name", rqk_isa_name(isa));
        const int before = failures;
        test_routines(isa);
        test_fused(isa);
        test_plans(isa);
        printf("  %-10s %s\n", rqk_isa_name(isa), failures == before ? "ok" : "FAILED");
        tested++;
    }
    CHECK(tested >= 1, "no isa tested");
    if (failures != 0) {
        fprintf(stderr, "%d check(s) failed (seed %llu)\n", failures, (unsigned long long)seed);
        return 1;
    }
    printf("all checks passed (%d isa)\n", tested);
    return 0;
}
