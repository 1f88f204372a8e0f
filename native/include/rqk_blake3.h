/*
 * rqk BLAKE3: BLAKE3-256 (hash mode, 32-byte digests) as rqlib names symbol files and checks blocks, with the
 * same instruction set ids as the GF(256) kernel (rqk.h). Results are byte-identical on every instruction set.
 *
 * Two shapes, both meant for few calls over much data:
 *  - rqk_blake3_many: count messages of equal length in one call, each optionally preceded by its own prefix
 *    (the 4-byte FEC payload id of a symbol file); many short messages are hashed side by side, one per SIMD lane.
 *  - rqk_blake3_init / update / final: one long message fed in pieces of any size (a block hash over gigabytes);
 *    the caller owns the state (RQK_BLAKE3_STATE_BYTES bytes, 8-byte aligned), which holds the chunk in progress
 *    and the stack of chaining values of completed subtrees. Large updates hash many chunks side by side.
 * Callers bounds-check every range first (the Java side does). Thread-safe apart from sharing one state.
 */
#ifndef RQK_BLAKE3_H
#define RQK_BLAKE3_H

#ifdef __cplusplus
extern "C" {
#endif

#define RQK_BLAKE3_OUT_BYTES 32
/* Room for the streaming state; the C tests check that the state fits. */
#define RQK_BLAKE3_STATE_BYTES 2048
/* The longest prefix rqk_blake3_many accepts. */
#define RQK_BLAKE3_MAX_PREFIX 64

/*
 * Message i (0 <= i < count) is prefix_len bytes of prefixes + i * prefix_len followed by len bytes of
 * data + i * stride; its digest goes to out + 32 * i. prefix_len in [0, RQK_BLAKE3_MAX_PREFIX] (prefixes may
 * be NULL when it is 0). Returns 0, or -1 when an argument is out of range (then nothing is written).
 */
int rqk_blake3_many(int isa, const unsigned char *data, long long stride, long long len, long long count,
                    const unsigned char *prefixes, int prefix_len, unsigned char *out);

/* Starts a new message in state. */
void rqk_blake3_init(void *state);

/* Adds len bytes to the message in state. */
void rqk_blake3_update(int isa, void *state, const unsigned char *data, long long len);

/* Writes the digest of the message in state to out and starts a new message in state. */
void rqk_blake3_final(void *state, unsigned char *out);

/* RQK_BLAKE3_STATE_BYTES, for bindings that size the state at run time. */
int rqk_blake3_state_bytes(void);

#ifdef __cplusplus
}
#endif
#endif
