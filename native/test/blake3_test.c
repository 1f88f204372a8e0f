/*
 * C tests of BLAKE3 on every instruction set this CPU runs:
 *  - the official test vectors (input byte i = i % 251; first 32 bytes of each "hash" of test_vectors.json);
 *  - every length 0 .. 3000 and the tree boundaries 1024 * 2^k - 1, + 0, + 1 against a recursive reference
 *    written from the spec's tree definition, through rqk_blake3_many (1 .. 18 messages, prefixes of 0, 4 and
 *    37 bytes, messages ending at a guard page) and through the streaming state fed in random pieces;
 *  - each SIMD lane routine against the portable one (chunk counters across 2^32, chained inputs, short blocks).
 * Seeded (RQK_TEST_SEED), so a failure can be replayed. Exit status 0 when everything matches.
 */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "blake3_internal.h"
#include "rqk.h"
#include "rqk_blake3.h"

static uint64_t rng_state;
static int failures;

static uint64_t next_u64(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1DULL;
}

static void fill(uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        p[i] = (uint8_t)(next_u64() >> 56);
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

/* `size` usable bytes that end exactly where a PROT_NONE page begins: reading past them faults. */
static uint8_t *guarded_end(size_t size, uint8_t **map, size_t *map_size) {
    const size_t page = (size_t)sysconf(_SC_PAGESIZE);
    const size_t usable = (size + page - 1) / page * page;
    *map_size = usable + page;
    *map = mmap(NULL, *map_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (*map == MAP_FAILED || mprotect(*map + usable, page, PROT_NONE) != 0) {
        perror("mmap/mprotect");
        exit(2);
    }
    return *map + usable - size;
}

/* ---- the reference: the tree of spec 5.1 written recursively, on the portable compression ---- */

static void chunk_cv(const uint8_t *in, size_t len, uint64_t counter, uint8_t flags, uint32_t cv[8]) {
    memcpy(cv, rqk_b3_iv, 32);
    const size_t blocks = len == 0 ? 1 : (len + 63) / 64;
    for (size_t b = 0; b < blocks; b++) {
        uint8_t block[64] = {0};
        const size_t n = b + 1 < blocks ? 64 : len - 64 * b;
        memcpy(block, in + 64 * b, n);
        uint8_t f = (uint8_t)((b == 0 ? B3_CHUNK_START : 0) | (b + 1 == blocks ? B3_CHUNK_END | flags : 0));
        rqk_b3_compress(cv, block, (unsigned)n, counter, f);
    }
}

/* CV of the subtree over in[0, len) whose first chunk is `counter`; ROOT when it is the whole input. */
static void ref_cv(const uint8_t *in, size_t len, uint64_t counter, int root, uint32_t cv[8]) {
    if (len <= B3_CHUNK) {
        chunk_cv(in, len, counter, root ? B3_ROOT : 0, cv);
        return;
    }
    /* the left subtree holds the largest power of two of chunks that leaves at least one byte on the right */
    size_t left = B3_CHUNK;
    while (2 * left < len) {
        left *= 2;
    }
    uint32_t l[8], r[8];
    ref_cv(in, left, counter, 0, l);
    ref_cv(in + left, len - left, counter + left / B3_CHUNK, 0, r);
    uint8_t block[64];
    for (int w = 0; w < 8; w++) {
        b3_store32(block + 4 * w, l[w]);
        b3_store32(block + 32 + 4 * w, r[w]);
    }
    memcpy(cv, rqk_b3_iv, 32);
    rqk_b3_compress(cv, block, 64, 0, (uint8_t)(B3_PARENT | (root ? B3_ROOT : 0)));
}

static void ref_hash(const uint8_t *in, size_t len, uint8_t out[32]) {
    uint32_t cv[8];
    ref_cv(in, len, 0, 1, cv);
    for (int w = 0; w < 8; w++) {
        b3_store32(out + 4 * w, cv[w]);
    }
}

static void hex(const uint8_t *d, char out[65]) {
    for (int i = 0; i < 32; i++) {
        sprintf(out + 2 * i, "%02x", d[i]);
    }
}

/* ---- official vectors ---- */

static const struct {
    size_t len;
    const char *hash;
} official[] = {
    {0, "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"},
    {1, "2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213"},
    {1023, "10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11"},
    {1024, "42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7"},
    {1025, "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444"},
    {2048, "e776b6028c7cd22a4d0ba182a8bf62205d2ef576467e838ed6f2529b85fba24a"},
    {2049, "5f4d72f40d7a5f82b15ca2b2e44b1de3c2ef86c426c95c1af0b6879522563030"},
    {3072, "b98cb0ff3623be03326b373de6b9095218513e64f1ee2edd2525c7ad1e5cffd2"},
    {3073, "7124b49501012f81cc7f11ca069ec9226cecb8a2c850cfe644e327d22d3e1cd3"},
    {4096, "015094013f57a5277b59d8475c0501042c0b642e531b0a1c8f58d2163229e969"},
    {4097, "9b4052b38f1c5fc8b1f9ff7ac7b27cd242487b3d890d15c96a1c25b8aa0fb995"},
    {5120, "9cadc15fed8b5d854562b26a9536d9707cadeda9b143978f319ab34230535833"},
    {5121, "628bd2cb2004694adaab7bbd778a25df25c47b9d4155a55f8fbd79f2fe154cff"},
    {6144, "3e2e5b74e048f3add6d21faab3f83aa44d3b2278afb83b80b3c35164ebeca205"},
    {6145, "f1323a8631446cc50536a9f705ee5cb619424d46887f3c376c695b70e0f0507f"},
    {7168, "61da957ec2499a95d6b8023e2b0e604ec7f6b50e80a9678b89d2628e99ada77a"},
    {7169, "a003fc7a51754a9b3c7fae0367ab3d782dccf28855a03d435f8cfe74605e7817"},
    {8192, "aae792484c8efe4f19e2ca7d371d8c467ffb10748d8a5a1ae579948f718a2a63"},
    {8193, "bab6c09cb8ce8cf459261398d2e7aef35700bf488116ceb94a36d0f5f1b7bc3b"},
    {16384, "f875d6646de28985646f34ee13be9a576fd515f76b5b0a26bb324735041ddde4"},
    {31744, "62b6960e1a44bcc1eb1a611a8d6235b6b4b78f32e7abc4fb4c6cdcce94895c47"},
    {102400, "bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085"},
};

static _Alignas(8) uint8_t state[RQK_BLAKE3_STATE_BYTES];

/* Streams in[0, len) through the state in random pieces (some empty, some far larger than a chunk). */
static void stream_pieces(int isa, const uint8_t *in, size_t len, uint8_t out[32]) {
    rqk_blake3_init(state);
    size_t at = 0;
    while (at < len) {
        const uint64_t r = next_u64();
        size_t piece = (r & 3) == 0 ? (size_t)(r >> 8) % 70 : (size_t)(r >> 8) % (len + 1);
        piece = piece > len - at ? len - at : piece;
        rqk_blake3_update(isa, state, in + at, (long long)piece);
        at += piece;
    }
    rqk_blake3_final(state, out);
}

static void test_official(int isa) {
    static uint8_t in[102400];
    for (size_t i = 0; i < sizeof in; i++) {
        in[i] = (uint8_t)(i % 251);
    }
    for (size_t v = 0; v < sizeof official / sizeof official[0]; v++) {
        uint8_t out[32], ref[32];
        char text[65];
        const size_t len = official[v].len;
        ref_hash(in, len, ref);
        hex(ref, text);
        CHECK(strcmp(text, official[v].hash) == 0, "reference, official length %zu: %s", len, text);
        CHECK(rqk_blake3_many(isa, in, 0, (long long)len, 1, NULL, 0, out) == 0, "many rejected");
        hex(out, text);
        CHECK(strcmp(text, official[v].hash) == 0, "%s many, official length %zu: %s", rqk_isa_name(isa), len, text);
        rqk_blake3_init(state);
        rqk_blake3_update(isa, state, in, (long long)len);
        rqk_blake3_final(state, out);
        hex(out, text);
        CHECK(strcmp(text, official[v].hash) == 0, "%s stream, official length %zu: %s", rqk_isa_name(isa), len,
              text);
        stream_pieces(isa, in, len, out);
        hex(out, text);
        CHECK(strcmp(text, official[v].hash) == 0, "%s pieces, official length %zu: %s", rqk_isa_name(isa), len,
              text);
    }
}

/*
 * count messages of len bytes with prefixes of prefix_len bytes through rqk_blake3_many, the last message
 * ending at a guard page, against the reference of each prefix || message; and the first through the stream.
 */
static void test_many(int isa, size_t len, size_t count, size_t prefix_len) {
    const size_t stride = len + (next_u64() & 7); /* gaps between messages, and unaligned starts */
    const size_t span = stride * (count - 1) + len;
    uint8_t *map, *pmap, *omap;
    size_t map_size, pmap_size, omap_size;
    uint8_t *data = guarded_end(span, &map, &map_size);
    uint8_t *prefixes = guarded_end(prefix_len * count, &pmap, &pmap_size);
    uint8_t *out = guarded_end(32 * count, &omap, &omap_size);
    fill(data, span);
    fill(prefixes, prefix_len * count);
    CHECK(rqk_blake3_many(isa, data, (long long)stride, (long long)len, (long long)count,
                          prefix_len > 0 ? prefixes : NULL, (int)prefix_len, out) == 0,
          "many rejected");
    uint8_t *message = malloc(prefix_len + len + 1);
    for (size_t i = 0; i < count; i++) {
        memcpy(message, prefixes + prefix_len * i, prefix_len);
        memcpy(message + prefix_len, data + stride * i, len);
        uint8_t ref[32];
        ref_hash(message, prefix_len + len, ref);
        CHECK(memcmp(ref, out + 32 * i, 32) == 0, "%s many: length %zu, message %zu of %zu, prefix %zu",
              rqk_isa_name(isa), len, i, count, prefix_len);
        if (i == 0) {
            uint8_t streamed[32];
            stream_pieces(isa, message, prefix_len + len, streamed);
            CHECK(memcmp(ref, streamed, 32) == 0, "%s stream: length %zu", rqk_isa_name(isa), prefix_len + len);
        }
    }
    free(message);
    munmap(map, map_size);
    munmap(pmap, pmap_size);
    munmap(omap, omap_size);
}

static void test_lengths(int isa) {
    static const size_t prefixes[] = {0, 4, 37};
    for (size_t len = 0; len <= 3000; len++) {
        test_many(isa, len, 1 + len % 18, prefixes[len % 3]);
    }
    for (size_t chunks = 1; chunks <= 1024; chunks *= 2) {
        for (int d = -1; d <= 1; d++) {
            const size_t len = B3_CHUNK * chunks + (size_t)(long)d;
            test_many(isa, len, 1, 0);
            test_many(isa, len - 4, chunks <= 64 ? 17 : 3, 4); /* a symbol file: 4-byte header + symbol */
        }
    }
}

/* The lane routine of isa against the portable one, lane by lane, on the cases the drivers never produce. */
static void test_lanes(int isa) {
    const rqk_b3_ops *ops = rqk_b3_ops_for(isa);
    enum { MAX_N = 40, MAX_BLOCKS = 17 };
    static uint8_t inputs[MAX_N][MAX_BLOCKS * 64], cv_in[MAX_N * 32], want[MAX_N * 32], got[MAX_N * 32 + 1];
    const uint8_t *ptrs[MAX_N];
    for (int trial = 0; trial < 300; trial++) {
        const size_t n = 1 + next_u64() % MAX_N, blocks = 1 + next_u64() % MAX_BLOCKS;
        const uint64_t counter = (trial & 1) ? 0xFFFFFFFFull - next_u64() % 40 : next_u64() >> (next_u64() % 64);
        const int increment = (int)(next_u64() & 1), chained = (int)(next_u64() & 1);
        const uint8_t flags = (uint8_t)(next_u64() & 15), start = (uint8_t)(next_u64() & 15);
        const uint8_t end = (uint8_t)(next_u64() & 15);
        const unsigned last_len = (unsigned)(next_u64() % 65);
        for (size_t i = 0; i < n; i++) {
            fill(inputs[i], blocks * 64);
            ptrs[i] = inputs[i];
        }
        fill(cv_in, sizeof cv_in);
        rqk_b3_lanes_base(ptrs, n, blocks, chained ? cv_in : NULL, counter, increment, flags, start, end, last_len,
                          want);
        memset(got, 0xAA, sizeof got);
        ops->lanes(ptrs, n, blocks, chained ? cv_in : NULL, counter, increment, flags, start, end, last_len, got);
        CHECK(memcmp(want, got, 32 * n) == 0 && got[32 * n] == 0xAA,
              "%s lanes: n %zu, blocks %zu, counter %llx, increment %d, chained %d", rqk_isa_name(isa), n, blocks,
              (unsigned long long)counter, increment, chained);
    }
}

static void test_arguments(void) {
    uint8_t out[32], data[8] = {0};
    CHECK(rqk_blake3_many(RQK_ISA_BASE, data, 0, -1, 1, NULL, 0, out) == -1, "negative length accepted");
    CHECK(rqk_blake3_many(RQK_ISA_BASE, data, 0, 1, 1, NULL, 4, out) == -1, "missing prefixes accepted");
    CHECK(rqk_blake3_many(RQK_ISA_BASE, data, 0, 1, 1, data, RQK_BLAKE3_MAX_PREFIX + 1, out) == -1,
          "long prefix accepted");
    CHECK(rqk_blake3_many(RQK_ISA_COUNT, data, 0, 1, 1, NULL, 0, out) == -1, "unknown isa accepted");
    CHECK(rqk_blake3_many(RQK_ISA_BASE, data, 0, 1, 0, NULL, 0, NULL) == 0, "zero messages rejected");
    CHECK(rqk_blake3_state_bytes() == RQK_BLAKE3_STATE_BYTES, "state size");
}

int main(void) {
    const char *seed_text = getenv("RQK_TEST_SEED");
    const uint64_t seed = seed_text != NULL ? strtoull(seed_text, NULL, 0) : 0x5EEDB1A4E3ull;
    rng_state = seed;
    printf("blake3_test: seed 0x%llx, best isa %s\n", (unsigned long long)seed, rqk_isa_name(rqk_isa_best()));
    test_arguments();
    for (int isa = 0; isa < RQK_ISA_COUNT; isa++) {
        if (!rqk_isa_supported(isa)) {
            continue;
        }
        const int before = failures;
        test_official(isa);
        test_lanes(isa);
        test_lengths(isa);
        printf("  %-11s %s\n", rqk_isa_name(isa), failures == before ? "ok" : "FAILED");
    }
    if (failures > 0) {
        fprintf(stderr, "blake3_test: %d failure(s) (seed 0x%llx)\n", failures, (unsigned long long)seed);
        return 1;
    }
    printf("blake3_test: all passed\n");
    return 0;
}
