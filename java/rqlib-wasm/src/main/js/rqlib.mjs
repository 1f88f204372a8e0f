// rqlib-wasm: RaptorQ (RFC 6330) encoding of files into the original library's layout and symbol files, and
// decoding them back, in browsers and Node. The native API: encode a Uint8Array, Blob or ReadableStream into the
// layout JSON bytes plus symbol files delivered block by block; decode from the layout and a symbol lookup.
// Only one block's bytes and working set are held at a time, and that working set fits memoryLimitMb: with no
// block size or layout memory given, the block size follows from the bound (the original's planner fed a
// max_memory_mb derived from it), so a large Blob is cut into blocks that fit.
import { loadEngine } from './engine.mjs';
import {
    checkBlockFits, checkMemoryLimit, layoutMemoryMbFor, ORIGINAL_LAYOUT_MEMORY_MB,
} from './memory.mjs';
import { blockPieces, inputSize } from './sources.mjs';

export const LAYOUT_FILE = '_raptorq_layout.json';
/** layoutMemoryMb is left out: unless given, it follows from memoryLimitMb (see resolveSettings). */
export const DEFAULT_SETTINGS = Object.freeze({
    symbolSize: 65535, redundancyFactor: 4, blockSize: 0, memoryLimitMb: 512,
});

/**
 * The settings an encode runs with: the defaults, the caller's, and layoutMemoryMb (the original's max_memory_mb)
 * derived from memoryLimitMb when neither it nor a block size was given; the original's default (16384) when
 * memoryLimitMb is Infinity. The layout equals the original's with these symbolSize, redundancyFactor,
 * blockSize and layoutMemoryMb.
 */
export function resolveSettings(settings = {}) {
    // a setting given as undefined means the default, as if it were left out
    const given = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
    const s = { ...DEFAULT_SETTINGS, ...given };
    checkMemoryLimit(s.memoryLimitMb);
    if (s.layoutMemory == null && s.layoutMemoryMb == null) {
        s.layoutMemoryMb = s.blockSize > 0 || s.memoryLimitMb === Infinity
            ? ORIGINAL_LAYOUT_MEMORY_MB : layoutMemoryMbFor(s.memoryLimitMb);
    }
    return s;
}
/** Symbol files are handed to JavaScript, and input to the core, in batches of about this many bytes. */
const BATCH_BYTES = 4 << 20;

const toInt8 = (u8) => new Int8Array(u8.buffer, u8.byteOffset, u8.length);
const toUint8 = (i8) => new Uint8Array(i8.buffer, i8.byteOffset, i8.length);
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const unhex = (text) => Uint8Array.from(text.match(/../g), (h) => parseInt(h, 16));

function concat(parts, total) {
    const out = new Uint8Array(total);
    let at = 0;
    for (const part of parts) {
        out.set(part, at);
        at += part.length;
    }
    return out;
}

/** Loads the WebAssembly GC build, or the JavaScript build where WebAssembly GC is missing. */
export async function load({ backend = 'auto' } = {}) {
    const engine = await loadEngine(backend);
    return new Rqlib(engine);
}

export class Rqlib {
    #core;

    constructor(engine) {
        this.#core = engine.core;
        /** 'wasm-gc' or 'js': which build runs. */
        this.backend = engine.backend;
        /** Why WebAssembly GC was not used, when it was not. */
        this.wasmGcError = engine.wasmGcError;
    }

    get version() {
        return this.#core.version();
    }

    /** The blocks a file of fileSize bytes is cut into, with their OTI and repair count (the original's rule). */
    plan(fileSize, settings = {}) {
        const s = resolveSettings(settings);
        const layoutMemory = s.layoutMemory ?? s.layoutMemoryMb * 1048576;
        const blocks = JSON.parse(this.#core.planBlocks(fileSize, s.symbolSize, s.redundancyFactor, s.blockSize,
            layoutMemory));
        return blocks.map((b) => ({
            blockId: b.block_id, offset: b.offset, size: b.size, oti: unhex(b.oti), repair: b.repair,
            symbolCount: b.symbols, symbolFileSize: b.file_size, directory: `block_${b.block_id}`,
        }));
    }

    /**
     * Encodes the input; yields { type: 'symbols', blockId, directory, symbols: [{ id, data }] } batches in the
     * layout's order, then one { type: 'layout', layout: Uint8Array, blocks, plan, settings }.
     * A block whose working set would exceed memoryLimitMb (possible only with a blockSize or layoutMemoryMb given)
     * is refused before any work with a ResourceLimitException naming the bound that would do.
     * @param options.size the input's length (needed for a ReadableStream)
     * @param options.onProgress (bytesDone, bytesTotal) after each batch of symbols, reaching bytesTotal at the end
     */
    async *encodeBlocks(input, settings = {}, options = {}) {
        const size = inputSize(input, options.size);
        const resolved = resolveSettings(settings);
        const plan = this.plan(size, resolved);
        for (const block of plan) {
            checkBlockFits(block.directory, block.size, resolved.memoryLimitMb, (needMb) => `raise memoryLimitMb to `
                + `${needMb}, or leave blockSize and layoutMemoryMb unset so that blocks follow the bound`);
        }
        const pieces = blockPieces(input, BATCH_BYTES);
        const layoutBlocks = [];
        const core = this.#core;
        for (const block of plan) {
            const ids = [];
            const handle = core.encoderOpen(hex(block.oti), block.repair);
            try {
                for await (const piece of pieces(block.offset, block.size)) core.encoderAppend(handle, toInt8(piece));
                const hash = core.encoderHash(handle);
                const perBatch = Math.max(1, Math.floor(BATCH_BYTES / block.symbolFileSize));
                let emitted = 0;
                for (;;) {
                    const files = toUint8(core.encoderNext(handle, perBatch));
                    if (files.length === 0) break;
                    const batchIds = core.symbolIds(toInt8(files), block.symbolFileSize).split(',');
                    const fileSize = block.symbolFileSize;
                    const symbols = batchIds.map((id, i) => ({ id, data: files.subarray(i * fileSize, (i + 1) * fileSize) }));
                    ids.push(...batchIds);
                    emitted += batchIds.length;
                    yield { type: 'symbols', blockId: block.blockId, directory: block.directory, symbols };
                    if (options.onProgress && emitted < block.symbolCount) {
                        options.onProgress(block.offset + Math.floor(block.size * emitted / block.symbolCount), size);
                    }
                }
                layoutBlocks.push({
                    block_id: block.blockId, encoder_parameters: Array.from(block.oti), original_offset: block.offset,
                    size: block.size, symbols: ids, hash,
                });
            } finally {
                core.close(handle);
            }
            if (options.onProgress) options.onProgress(block.offset + block.size, size);
        }
        const used = {
            symbolSize: resolved.symbolSize, redundancyFactor: resolved.redundancyFactor,
            blockSize: resolved.blockSize, layoutMemoryMb: resolved.layoutMemoryMb,
            memoryLimitMb: resolved.memoryLimitMb,
        };
        yield { type: 'layout', layout: layoutJson(layoutBlocks), blocks: layoutBlocks, plan, settings: used };
    }

    /**
     * Encodes the input, handing each batch of symbol files to onSymbols(directory, symbols) (awaited), and
     * returns { layout: Uint8Array (the original's _raptorq_layout.json bytes), blocks (its entries), plan,
     * settings (those used, with the layoutMemoryMb that gives the same layout in the original) }.
     */
    async encode(input, settings = {}, { onSymbols, onProgress, size } = {}) {
        for await (const item of this.encodeBlocks(input, settings, { onProgress, size })) {
            if (item.type === 'layout') {
                return { layout: item.layout, blocks: item.blocks, plan: item.plan, settings: item.settings };
            }
            if (onSymbols) await onSymbols(item.directory, item.symbols, item.blockId);
        }
        throw new Error('encoder ended without a layout');
    }

    /**
     * Decodes block by block: yields { blockId, offset, data } in file order. lookup(directory, id) returns the
     * symbol file's bytes (Uint8Array, ArrayBuffer or Blob, or a promise of one), or null/undefined when missing.
     * Each symbol is checked against its id, each block against its hash before it is yielded. A block whose
     * working set would exceed options.memoryLimitMb (default 512; Infinity for none) is refused before any
     * lookup with a ResourceLimitException naming the bound that would do.
     */
    async *decodeBlocks(layout, lookup, options = {}) {
        const blocks = parseLayout(layout);
        const memoryLimitMb = checkMemoryLimit(options.memoryLimitMb ?? DEFAULT_SETTINGS.memoryLimitMb);
        for (const block of blocks) {
            checkBlockFits(`block_${block.block_id}`, block.size, memoryLimitMb,
                (needMb) => `decode it with memoryLimitMb ${needMb} or more`);
        }
        const total = blocks.reduce((n, b) => n + b.size, 0);
        const core = this.#core;
        let done = 0;
        for (const block of blocks) {
            const directory = `block_${block.block_id}`;
            const oti = Uint8Array.from(block.encoder_parameters);
            const fileSize = 4 + ((oti[6] << 8) | oti[7]);
            const handle = core.decoderOpen(hex(oti), directory);
            let data;
            let hash;
            try {
                const add = async (ids) => {
                    // fetch, check each file against its id (BLAKE3), and hand the good ones over in batches
                    let batch = [];
                    let batchIds = [];
                    let added = 0;
                    const flush = () => {
                        if (batch.length === 0) return;
                        const joined = concat(batch, batch.length * fileSize);
                        const actual = core.symbolIds(toInt8(joined), fileSize).split(',');
                        const good = batch.filter((_, i) => actual[i] === batchIds[i]);
                        if (good.length > 0) added += core.decoderAdd(handle, toInt8(concat(good, good.length * fileSize)));
                        batch = [];
                        batchIds = [];
                    };
                    for (const id of ids) {
                        let file = await lookup(directory, id);
                        if (file == null) continue;
                        if (typeof Blob !== 'undefined' && file instanceof Blob) file = await file.arrayBuffer();
                        if (file instanceof ArrayBuffer) file = new Uint8Array(file);
                        if (file.length !== fileSize) continue;
                        batch.push(file);
                        batchIds.push(id);
                        if (batch.length * fileSize >= BATCH_BYTES) flush();
                    }
                    flush();
                    return added;
                };
                // Per source block, read symbols in the layout's order (source first) only until K are in (all
                // source present: decoding is a copy) or K + 2 once any was missing; the rest only if that fails.
                const rest = [];
                for (const range of sourceBlockRanges(oti, block.symbols.length)) {
                    let have = 0;
                    let at = range.start;
                    while (at < range.end) {
                        const need = (at - range.start > have ? range.k + 2 : range.k) - have;
                        if (need <= 0) break;
                        const ids = block.symbols.slice(at, Math.min(range.end, at + need));
                        at += ids.length;
                        have += await add(ids);
                    }
                    rest.push(...block.symbols.slice(at, range.end));
                }
                try {
                    data = toUint8(core.decoderFinish(handle)).subarray(0, block.size);
                } catch (e) {
                    if (e.name !== 'NotEnoughSymbolsException' || rest.length === 0 || (await add(rest)) === 0) throw e;
                    data = toUint8(core.decoderFinish(handle)).subarray(0, block.size);
                }
                hash = core.decoderHash(handle);
            } catch (e) {
                e.message = `${directory}: ${e.message}`;
                throw e;
            } finally {
                core.close(handle);
            }
            if (hash !== block.hash) {
                const e = new Error(`${directory}: decoded bytes hash to ${hash}, the layout says ${block.hash}`);
                e.name = 'CorruptDataException';
                throw e;
            }
            done += block.size;
            if (options.onProgress) options.onProgress(done, total);
            yield { blockId: block.block_id, offset: block.original_offset, data };
        }
    }

    /** Decodes to a Blob of the file (blocks become its parts, so the whole file is held: see decodeStream). */
    async decode(layout, lookup, { onProgress, memoryLimitMb } = {}) {
        const parts = [];
        for await (const block of this.decodeBlocks(layout, lookup, { onProgress, memoryLimitMb })) parts.push(block.data);
        return new Blob(parts);
    }

    /** Decodes to a ReadableStream of the file's bytes, one block decoded per pull. */
    decodeStream(layout, lookup, { onProgress, memoryLimitMb } = {}) {
        const blocks = this.decodeBlocks(layout, lookup, { onProgress, memoryLimitMb });
        return new ReadableStream({
            async pull(controller) {
                const { value, done } = await blocks.next();
                if (done) controller.close();
                else controller.enqueue(value.data);
            },
            async cancel() {
                await blocks.return();
            },
        });
    }
}

/** The layout in the original's exact bytes: 2-space indentation, one array element per line, no final newline. */
export function layoutJson(blocks) {
    return new TextEncoder().encode(JSON.stringify({ blocks }, null, 2));
}

/**
 * Where each source block's symbols sit in a block's symbol list, and its K (RFC 6330 4.4.1.2: Kt = ceil(F/T)
 * symbols split over Z source blocks, the first ZL of KL symbols, the rest of KS); each has the same R repair.
 */
function sourceBlockRanges(oti, symbolCount) {
    const f = (((oti[0] * 256 + oti[1]) * 256 + oti[2]) * 256 + oti[3]) * 256 + oti[4];
    const t = (oti[6] << 8) | oti[7];
    const z = oti[8];
    const kt = Math.ceil(f / t);
    const kl = Math.ceil(kt / z);
    const ks = Math.floor(kt / z);
    const zl = kt - ks * z;
    const r = (symbolCount - kt) / z;
    if (!Number.isInteger(r) || r < 0) {
        // a list that does not fit the OTI: read all of it; the decoder sorts the files by their SBN anyway
        return [{ start: 0, end: symbolCount, k: symbolCount }];
    }
    const ranges = [];
    let start = 0;
    for (let sbn = 0; sbn < z; sbn++) {
        const k = sbn < zl ? kl : ks;
        ranges.push({ start, end: start + k + r, k });
        start += k + r;
    }
    return ranges;
}

function parseLayout(layout) {
    let parsed = layout;
    if (layout instanceof Uint8Array || layout instanceof ArrayBuffer) parsed = new TextDecoder().decode(layout);
    if (typeof parsed === 'string') parsed = JSON.parse(parsed);
    if (!parsed || !Array.isArray(parsed.blocks)) throw layoutError('blocks', 'missing or not an array');
    parsed.blocks.forEach((b, i) => {
        const at = `blocks[${i}]`;
        if (!Array.isArray(b.encoder_parameters) || b.encoder_parameters.length !== 12
            || !b.encoder_parameters.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) {
            throw layoutError(`${at}.encoder_parameters`, 'must be 12 integers in [0, 255]');
        }
        if (!Number.isInteger(b.size) || b.size < 1) throw layoutError(`${at}.size`, 'must be a positive integer');
        if (!Array.isArray(b.symbols) || !b.symbols.every((s) => typeof s === 'string')) {
            throw layoutError(`${at}.symbols`, 'must be an array of ids');
        }
        if (typeof b.hash !== 'string') throw layoutError(`${at}.hash`, 'must be a string');
    });
    return parsed.blocks;
}

function layoutError(field, problem) {
    const e = new Error(`layout field ${field}: ${problem}`);
    e.name = 'LayoutException';
    return e;
}
