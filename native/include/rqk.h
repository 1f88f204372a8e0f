/*
 * rqk: the GF(256) symbol kernel of rqlib (RFC 6330 field, polynomial 0x11D, RFC 6330 5.7).
 *
 * Every routine works on raw memory that the caller has already bounds-checked (the Java side does this in
 * AbstractSymbolKernel). Source and destination ranges must not overlap. Each routine takes an instruction
 * set id: one obtained from rqk_isa_select() or rqk_isa_best(), never a raw guess, because an id that the CPU
 * cannot execute would fault. Every routine is thread-safe: nothing is written except the destination.
 */
#ifndef RQK_H
#define RQK_H

#ifdef __cplusplus
extern "C" {
#endif

/* Instruction set ids; the numbering is part of the Java binding. */
#define RQK_ISA_BASE 0
#define RQK_ISA_AVX2 1
#define RQK_ISA_AVX512GFNI 2
#define RQK_ISA_NEON 3
#define RQK_ISA_COUNT 4

/* Plan opcodes, identical to org.rqlib.kernel.OperationPlan: word0 = opcode | coefficient << 8. */
#define RQK_OP_XOR 0
#define RQK_OP_MUL_ADD 1
#define RQK_OP_SCALE 2
#define RQK_OP_COPY 3
#define RQK_OP_ZERO 4

/* The best instruction set this CPU and OS can run; detected once. */
int rqk_isa_best(void);

/* 1 when this build and this CPU can run the instruction set id, else 0. */
int rqk_isa_supported(int isa);

/* The id named by "auto", "base", "avx2", "avx512gfni" or "neon"; -1 when unknown or not runnable here. */
int rqk_isa_select(const char *name);

/* The lower-case name of an id ("base", "avx2", ...), or "unknown". */
const char *rqk_isa_name(int isa);

/* dst[i] ^= src[i] for i in [0, len). */
void rqk_xor(int isa, unsigned char *dst, const unsigned char *src, long long len);

/* dst[i] ^= c * src[i] in GF(256) for i in [0, len). */
void rqk_mul_add(int isa, unsigned char *dst, const unsigned char *src, int c, long long len);

/* dst[i] = c * dst[i] in GF(256) for i in [0, len). */
void rqk_scale(int isa, unsigned char *dst, int c, long long len);

/*
 * Executes op_count operations of a plan (3 ints each: op word, dst slot, src slot) over a slab where slot s
 * occupies bytes [s * symbol_size, (s + 1) * symbol_size). Returns 0, or the 1-based index of the first
 * operation with an unknown opcode (nothing after it runs).
 */
int rqk_run_plan(int isa, const int *code, int op_count, unsigned char *slab, long long symbol_size);

#ifdef __cplusplus
}
#endif
#endif
