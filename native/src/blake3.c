/*
 * BLAKE3-256 drivers over the lane routine of an instruction set (BLAKE3 spec 5.1 and 5.3):
 *  - whole subtrees of one message: its chunks side by side, then each level of parents side by side;
 *  - the streaming state: the chunk in progress block by block, whole chunks as aligned subtrees, and a
 *    stack of the chaining values of completed subtrees, merged lazily so that the root is made last;
 *  - many equal-length messages side by side, one per lane: they share their tree shape, so every chunk,
 *    parent and root compression of all of them is one lane call.
 */
#include <stdalign.h>

#include "blake3_internal.h"
#include "rqk.h"
#include "rqk_blake3.h"

/* Chunks hashed in one lane call when a subtree is built bottom-up; larger subtrees are split in halves. */
#define B3_SUBTREE_BATCH 256

typedef struct b3_state {
    uint32_t cv[8];          /* chaining value of the chunk in progress */
    uint64_t chunks;         /* chunks completed before the one in progress */
    uint8_t block[B3_BLOCK]; /* bytes not yet compressed: a full block waits until more input shows it is not last */
    uint32_t block_len;
    uint32_t blocks_done; /* blocks of the chunk in progress already compressed, 0 .. 15 */
    uint32_t depth;       /* chaining values on the stack */
    uint8_t stack[(B3_MAX_DEPTH + 1) * B3_CV];
} b3_state;

_Static_assert(sizeof(b3_state) <= RQK_BLAKE3_STATE_BYTES, "RQK_BLAKE3_STATE_BYTES is too small");

static void parent_cv(const uint8_t pair[2 * B3_CV], uint8_t flags, uint8_t out[B3_CV]) {
    uint32_t cv[8];
    memcpy(cv, rqk_b3_iv, sizeof cv);
    rqk_b3_compress(cv, pair, B3_BLOCK, 0, (uint8_t)(B3_PARENT | flags));
    for (int w = 0; w < 8; w++) {
        b3_store32(out + 4 * w, cv[w]);
    }
}

/* Chaining value of the complete subtree of n (a power of two, at most B3_SUBTREE_BATCH) chunks at input. */
static void subtree_batch(const rqk_b3_ops *ops, const uint8_t *input, size_t n, uint64_t counter,
                          uint8_t out[B3_CV]) {
    const uint8_t *inputs[B3_SUBTREE_BATCH] = {NULL}; /* all set below; the compiler cannot tell */
    alignas(64) uint8_t cvs[2][B3_SUBTREE_BATCH * B3_CV];
    for (size_t i = 0; i < n; i++) {
        inputs[i] = input + B3_CHUNK * i;
    }
    ops->lanes(inputs, n, B3_CHUNK / B3_BLOCK, NULL, counter, 1, 0, B3_CHUNK_START, B3_CHUNK_END, B3_BLOCK, cvs[0]);
    int from = 0;
    /* each level: pairs of neighbours are one 64-byte parent block where they lie */
    for (; n > 1; n /= 2, from ^= 1) {
        for (size_t i = 0; i < n / 2; i++) {
            inputs[i] = cvs[from] + 2 * B3_CV * i;
        }
        ops->lanes(inputs, n / 2, 1, NULL, 0, 0, B3_PARENT, 0, 0, B3_BLOCK, cvs[from ^ 1]);
    }
    memcpy(out, cvs[from], B3_CV);
}

/* Chaining value of the complete subtree of n (a power of two) chunks at input, whose first chunk is counter. */
static void subtree(const rqk_b3_ops *ops, const uint8_t *input, uint64_t n, uint64_t counter, uint8_t out[B3_CV]) {
    if (n <= B3_SUBTREE_BATCH) {
        subtree_batch(ops, input, (size_t)n, counter, out);
        return;
    }
    uint8_t pair[2 * B3_CV];
    subtree(ops, input, n / 2, counter, pair);
    subtree(ops, input + B3_CHUNK * (n / 2), n / 2, counter + n / 2, pair + B3_CV);
    parent_cv(pair, 0, out);
}

static int popcount64(uint64_t x) {
    int c = 0;
    for (; x != 0; x &= x - 1) {
        c++;
    }
    return c;
}

/*
 * Pushes the chaining value of the n chunks that follow the s->chunks already pushed (a subtree aligned on n).
 * Merging is lazy (spec 5.1.2): only the subtrees that the chunks before it complete are merged (one stays per
 * set bit of s->chunks), so the newest value waits unmerged: the parent it will be part of may be the root,
 * which only rqk_blake3_final can tell.
 */
static void merge_completed(b3_state *s) {
    const uint32_t keep = (uint32_t)popcount64(s->chunks);
    while (s->depth > keep) {
        s->depth--;
        uint8_t *left = s->stack + B3_CV * (s->depth - 1);
        parent_cv(left, 0, left);
    }
}

static void push_subtree(b3_state *s, const uint8_t cv[B3_CV], uint64_t n) {
    merge_completed(s);
    memcpy(s->stack + B3_CV * s->depth, cv, B3_CV);
    s->depth++;
    s->chunks += n;
}

/* Compresses the held-back full block, known not to be the last of the message. */
static void compress_held_block(b3_state *s) {
    uint8_t flags = s->blocks_done == 0 ? B3_CHUNK_START : 0;
    if (s->blocks_done + 1 == B3_CHUNK / B3_BLOCK) {
        flags |= B3_CHUNK_END;
    }
    rqk_b3_compress(s->cv, s->block, B3_BLOCK, s->chunks, flags);
    s->block_len = 0;
    if (flags & B3_CHUNK_END) {
        uint8_t cv[B3_CV];
        for (int w = 0; w < 8; w++) {
            b3_store32(cv + 4 * w, s->cv[w]);
        }
        push_subtree(s, cv, 1);
        memcpy(s->cv, rqk_b3_iv, sizeof s->cv);
        s->blocks_done = 0;
    } else {
        s->blocks_done++;
    }
}

void rqk_blake3_init(void *state) {
    b3_state *s = state;
    memcpy(s->cv, rqk_b3_iv, sizeof s->cv);
    s->chunks = 0;
    s->block_len = 0;
    s->blocks_done = 0;
    s->depth = 0;
}

int rqk_blake3_state_bytes(void) {
    return RQK_BLAKE3_STATE_BYTES;
}

static void update(const rqk_b3_ops *ops, b3_state *s, const uint8_t *data, size_t len) {
    while (len > 0) {
        if (s->block_len == B3_BLOCK) {
            compress_held_block(s);
        }
        if (s->block_len == 0 && s->blocks_done == 0 && len >= B3_CHUNK && (s->chunks > 0 || len > B3_CHUNK)) {
            /*
             * Whole chunks, none of which can be the root (a lone first chunk waits for more input): the largest
             * power of two that fits and keeps the subtree aligned on its size, as the tree's shape depends only
             * on chunk numbers. Its two halves are pushed, not their parent, which might be the root.
             */
            uint64_t n = 1;
            const uint64_t whole = len / B3_CHUNK;
            while (n * 2 <= whole) {
                n *= 2;
            }
            while (s->chunks & (n - 1)) {
                n /= 2;
            }
            uint8_t cv[B3_CV];
            if (n == 1) {
                subtree(ops, data, 1, s->chunks, cv);
                push_subtree(s, cv, 1);
            } else {
                subtree(ops, data, n / 2, s->chunks, cv);
                push_subtree(s, cv, n / 2);
                subtree(ops, data + B3_CHUNK * (n / 2), n / 2, s->chunks, cv);
                push_subtree(s, cv, n / 2);
            }
            data += B3_CHUNK * n;
            len -= B3_CHUNK * n;
            continue;
        }
        if (s->block_len == 0 && s->blocks_done == 0) {
            /* input goes on past every value on the stack: the subtrees they complete are not the root */
            merge_completed(s);
        }
        const size_t take = len < B3_BLOCK - s->block_len ? len : B3_BLOCK - s->block_len;
        memcpy(s->block + s->block_len, data, take);
        s->block_len += (uint32_t)take;
        data += take;
        len -= take;
    }
}

void rqk_blake3_update(int isa, void *state, const unsigned char *data, long long len) {
    if (len > 0) {
        update(rqk_b3_ops_for(isa), state, data, (size_t)len);
    }
}

void rqk_blake3_final(void *state, unsigned char *out) {
    b3_state *s = state;
    uint8_t cv[B3_CV];
    if (s->block_len > 0 || s->blocks_done > 0 || s->depth == 0) {
        /* the final chunk: its last block, ROOT when it is the only chunk */
        memset(s->block + s->block_len, 0, B3_BLOCK - s->block_len);
        uint8_t flags = B3_CHUNK_END | (s->blocks_done == 0 ? B3_CHUNK_START : 0) | (s->depth == 0 ? B3_ROOT : 0);
        rqk_b3_compress(s->cv, s->block, s->block_len, s->chunks, flags);
        for (int w = 0; w < 8; w++) {
            b3_store32(cv + 4 * w, s->cv[w]);
        }
    } else {
        /* the input ended on a chunk boundary after whole subtrees: at least two values wait on the stack */
        s->depth--;
        memcpy(cv, s->stack + B3_CV * s->depth, B3_CV);
    }
    /* the right edge of the tree, folded from the top: each parent's right child is the subtree just finished */
    while (s->depth > 0) {
        s->depth--;
        uint8_t *left = s->stack + B3_CV * s->depth;
        memcpy(left + B3_CV, cv, B3_CV);
        parent_cv(left, s->depth == 0 ? B3_ROOT : 0, cv);
    }
    memcpy(out, cv, B3_CV);
    rqk_blake3_init(state);
}

/* Messages hashed side by side by rqk_blake3_many: enough for every lane of the widest SIMD path. */
#define B3_GROUP 16

/*
 * Equal-length messages side by side: message i is prefix i then data + i * stride, total bytes each. Every
 * message has the same chunks and the same tree, so each compression of the tree is one lane call over all of
 * them. n <= B3_GROUP.
 */
static void many_side_by_side(const rqk_b3_ops *ops, const uint8_t *data, size_t stride, size_t len, size_t n,
                              const uint8_t *prefixes, size_t prefix_len, uint8_t *out) {
    const size_t total = prefix_len + len;
    const size_t last_chunk = total == 0 ? 0 : (total - 1) / B3_CHUNK; /* chunks before the final one */
    /* chunk 0 starts with the prefix: each message's is assembled here when there is one */
    alignas(64) uint8_t heads[B3_GROUP][B3_CHUNK];
    alignas(64) uint8_t stacks[B3_GROUP][(B3_MAX_DEPTH + 1) * B3_CV];
    alignas(64) uint8_t cvs[B3_GROUP * B3_CV], held[B3_GROUP * B3_CV], last_blocks[B3_GROUP][B3_BLOCK];
    const uint8_t *inputs[B3_GROUP];
    if (prefix_len > 0) {
        const size_t head = total < B3_CHUNK ? total : B3_CHUNK;
        for (size_t i = 0; i < n; i++) {
            memcpy(heads[i], prefixes + prefix_len * i, prefix_len);
            memcpy(heads[i] + prefix_len, data + stride * i, head - prefix_len);
        }
    }
    /* byte `at` of message i, as a pointer valid for the rest of its chunk */
#define B3_AT(i, at) (prefix_len > 0 && (at) < B3_CHUNK ? heads[i] + (at) : data + stride * (i) + (at)-prefix_len)
    size_t depth = 0;
    for (uint64_t c = 0; c < last_chunk; c++) {
        for (size_t i = 0; i < n; i++) {
            inputs[i] = B3_AT(i, B3_CHUNK * c);
        }
        ops->lanes(inputs, n, B3_CHUNK / B3_BLOCK, NULL, c, 0, 0, B3_CHUNK_START, B3_CHUNK_END, B3_BLOCK, cvs);
        for (size_t i = 0; i < n; i++) {
            memcpy(stacks[i] + B3_CV * depth, cvs + B3_CV * i, B3_CV);
        }
        depth++;
        /* the same merges as push_subtree, for all messages at once */
        while (depth > (size_t)popcount64(c + 1)) {
            depth--;
            for (size_t i = 0; i < n; i++) {
                inputs[i] = stacks[i] + B3_CV * (depth - 1);
            }
            ops->lanes(inputs, n, 1, NULL, 0, 0, B3_PARENT, 0, 0, B3_BLOCK, cvs);
            for (size_t i = 0; i < n; i++) {
                memcpy(stacks[i] + B3_CV * (depth - 1), cvs + B3_CV * i, B3_CV);
            }
        }
    }
    /* the final chunk: its whole blocks but the last, then the last (zero-padded), ROOT when it is alone */
    const size_t start = B3_CHUNK * last_chunk, rest = total - start;
    const size_t blocks = rest == 0 ? 1 : (rest + B3_BLOCK - 1) / B3_BLOCK;
    const unsigned last_len = (unsigned)(rest - B3_BLOCK * (blocks - 1));
    if (blocks > 1) {
        for (size_t i = 0; i < n; i++) {
            inputs[i] = B3_AT(i, start);
        }
        ops->lanes(inputs, n, blocks - 1, NULL, last_chunk, 0, 0, B3_CHUNK_START, 0, B3_BLOCK, held);
    }
    const size_t last_at = start + B3_BLOCK * (blocks - 1);
    for (size_t i = 0; i < n; i++) {
        memset(last_blocks[i], 0, B3_BLOCK);
        if (last_len > 0) {
            memcpy(last_blocks[i], B3_AT(i, last_at), last_len);
        }
        inputs[i] = last_blocks[i];
    }
    ops->lanes(inputs, n, 1, blocks > 1 ? held : NULL, last_chunk, 0, 0, blocks > 1 ? 0 : B3_CHUNK_START,
               (uint8_t)(B3_CHUNK_END | (depth == 0 ? B3_ROOT : 0)), last_len, cvs);
#undef B3_AT
    while (depth > 0) {
        depth--;
        for (size_t i = 0; i < n; i++) {
            memcpy(stacks[i] + B3_CV * (depth + 1), cvs + B3_CV * i, B3_CV);
            inputs[i] = stacks[i] + B3_CV * depth;
        }
        ops->lanes(inputs, n, 1, NULL, 0, 0, B3_PARENT, 0, depth == 0 ? B3_ROOT : 0, B3_BLOCK, cvs);
    }
    memcpy(out, cvs, B3_CV * n);
}

/* One message through the streaming path: the prefix, then the data with its chunks side by side. */
static void one_by_subtrees(const rqk_b3_ops *ops, const uint8_t *data, size_t len, const uint8_t *prefix,
                            size_t prefix_len, uint8_t *out) {
    b3_state s;
    rqk_blake3_init(&s);
    update(ops, &s, prefix, prefix_len);
    update(ops, &s, data, len);
    rqk_blake3_final(&s, out);
}

int rqk_blake3_many(int isa, const unsigned char *data, long long stride, long long len, long long count,
                    const unsigned char *prefixes, int prefix_len, unsigned char *out) {
    if (len < 0 || count < 0 || stride < 0 || prefix_len < 0 || prefix_len > RQK_BLAKE3_MAX_PREFIX ||
        (prefix_len > 0 && prefixes == NULL) || !rqk_isa_supported(isa)) {
        return -1;
    }
    const rqk_b3_ops *ops = rqk_b3_ops_for(isa);
    const size_t n = (size_t)count, plen = (size_t)prefix_len, l = (size_t)len, step = (size_t)stride;
    /*
     * Side by side across messages fills every lane whatever the length; a lone message (or the few left over)
     * fills its lanes with its own chunks instead once it has enough of them.
     */
    const size_t group = ops->degree < B3_GROUP ? ops->degree : B3_GROUP;
    const int long_message = plen + l >= 2 * ops->degree * B3_CHUNK;
    /* a padded group of `left` long messages costs degree / left times the ideal; one at a time, about 1.8 */
    size_t i = 0;
    if (group > 1) {
        for (; i + group <= n; i += group) {
            many_side_by_side(ops, data + step * i, step, l, group, plen > 0 ? prefixes + plen * i : NULL, plen,
                              out + B3_CV * i);
        }
        if (i < n && (!long_message || 2 * (n - i) >= group)) {
            many_side_by_side(ops, data + step * i, step, l, n - i, plen > 0 ? prefixes + plen * i : NULL, plen,
                              out + B3_CV * i);
            i = n;
        }
    }
    for (; i < n; i++) {
        one_by_subtrees(ops, data + step * i, l, plen > 0 ? prefixes + plen * i : NULL, plen, out + B3_CV * i);
    }
    return 0;
}
