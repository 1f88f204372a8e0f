// The memory bound of the native API: one block's working set at a time must fit memoryLimitMb. A block's working
// set grows with its size: while encoding, the block (padded to whole symbols) and its intermediate symbols;
// while decoding, the received symbols and the solve, then the block and its copy out to JavaScript. The figures
// below bound the peak RSS above Node's own that ci/wasm/memory-test.mjs measured for both builds with no V8
// heap limit, where garbage piles up longest (WebAssembly GC: 131 MiB for a 16 MiB block, 431 MiB for 96 MiB;
// JavaScript: 107 and 266): about 3.75 bytes per block byte plus 71 MiB, rounded up.

const MIB = 1048576;
/** Bytes of working set per byte of block. */
export const WORKING_SET_PER_BYTE = 4;
/** What does not grow with the block: plans and tables, batches of symbol files (4 MiB each way), compiled code. */
export const WORKING_SET_FIXED = 96 * MIB;
/** The original's default max_memory_mb, used when no memory bound applies (memoryLimitMb: Infinity). */
export const ORIGINAL_LAYOUT_MEMORY_MB = 16384;

/** Bytes a block of this many bytes needs at once while it is encoded or decoded. */
export function blockWorkingSet(blockBytes) {
    return Math.ceil(blockBytes * WORKING_SET_PER_BYTE) + WORKING_SET_FIXED;
}

/** The smallest memoryLimitMb that admits a block of this many bytes. */
export function memoryLimitMbFor(blockBytes) {
    return Math.ceil(blockWorkingSet(blockBytes) / MIB);
}

/**
 * The largest whole max_memory_mb (the original's setting, so its layouts stay reproducible with the original)
 * whose biggest block fits memoryLimitMb: the original's planner makes a file smaller than S = max_memory / 1.5
 * one block and cuts larger ones into blocks of S / 4, so no block reaches S.
 */
export function layoutMemoryMbFor(memoryLimitMb) {
    const largestBlock = (memoryLimitMb * MIB - WORKING_SET_FIXED) / WORKING_SET_PER_BYTE;
    const layoutMemoryMb = Math.floor(largestBlock * 1.5 / MIB);
    if (!(layoutMemoryMb >= 1)) {
        throw resourceLimitError(`memoryLimitMb ${memoryLimitMb} leaves no room for a block: at least `
            + `${memoryLimitMbFor(Math.ceil(MIB / 1.5))} is needed`);
    }
    return layoutMemoryMb;
}

/** A memory bound, as given: a positive number of MiB, or Infinity for none. */
export function checkMemoryLimit(memoryLimitMb) {
    if (typeof memoryLimitMb !== 'number' || !(memoryLimitMb > 0)) {
        const e = new RangeError(`memoryLimitMb ${memoryLimitMb} must be a positive number of MiB (or Infinity)`);
        e.name = 'InvalidParameterException';
        throw e;
    }
    return memoryLimitMb;
}

/** Refuses, before any work, a block whose working set exceeds the bound, naming the bound that would do. */
export function checkBlockFits(directory, blockBytes, memoryLimitMb, remedy) {
    const needMb = memoryLimitMbFor(blockBytes);
    if (needMb > memoryLimitMb) {
        throw resourceLimitError(`${directory} of ${blockBytes} bytes needs about ${needMb} MiB at once, above `
            + `memoryLimitMb ${memoryLimitMb}: ${remedy(needMb)}`);
    }
}

export function resourceLimitError(message) {
    const e = new Error(message);
    e.name = 'ResourceLimitException';
    return e;
}
