// A drop-in for rq-library-wasm 1.0.2: the class RaptorQSession with the original's method names, arguments and
// results, over the same in-memory file-system functions (writeFileChunk, readFileChunk, getFileSize, ...).
// `import init, { RaptorQSession, writeFileChunk } from 'rqlib-wasm/compat'` replaces the original's import.
import { load, LAYOUT_FILE } from './rqlib.mjs';

const memFiles = new Map(); // path -> Uint8Array
const memDirs = new Set(['/']);
let engine = null;

/** Loads the core (WebAssembly GC, or JavaScript where that is missing); await it once before using a session. */
export default async function init(options = {}) {
    if (engine === null) engine = await load(options);
    return engine;
}

export function getFileSize(path) {
    const file = memFiles.get(path);
    return file ? file.length : 0;
}

export function syncDirExists(path) {
    return memDirs.has(path);
}

export async function readFileChunk(path, offset, length) {
    const data = memFiles.get(path) || new Uint8Array(0);
    if (offset >= data.length) return new Uint8Array(0);
    return data.slice(offset, offset + Math.min(length, data.length - offset));
}

export async function writeFileChunk(path, offset, data) {
    writeSync(path, offset, data);
}

export async function flushFile() {}

export async function createDirAll(path) {
    memDirs.add(path);
}

export async function dirExists(path) {
    return memDirs.has(path);
}

function writeSync(path, offset, data) {
    let file = memFiles.get(path) || new Uint8Array(0);
    if (offset + data.length > file.length) {
        const grown = new Uint8Array(offset + data.length);
        grown.set(file, 0);
        file = grown;
    }
    file.set(data, offset);
    memFiles.set(path, file);
}

const join = (dir, name) => (dir.endsWith('/') ? dir + name : `${dir}/${name}`);

export class RaptorQSession {
    #settings;

    /**
     * @param {number} symbol_size
     * @param {number} redundancy_factor
     * @param {bigint} max_memory_mb the layout memory deciding the automatic block size, in MiB
     * @param {bigint} concurrency_limit accepted for compatibility; blocks are coded one at a time
     */
    constructor(symbol_size, redundancy_factor, max_memory_mb, concurrency_limit) {
        if (engine === null) throw new Error('call and await init() before creating a RaptorQSession');
        this.#settings = {
            symbolSize: Number(symbol_size), redundancyFactor: Number(redundancy_factor), blockSize: 0,
            // the original's semantics exactly: max_memory_mb decides the blocks, and no memory bound refuses any
            layoutMemoryMb: Number(max_memory_mb), memoryLimitMb: Infinity,
        };
        this.concurrencyLimit = Number(concurrency_limit);
    }

    free() {}

    static version() {
        return 'rqlib-wasm 0.1.0 (RaptorQ Library v0.1.0 compatible)';
    }

    /** 0 when a file of this size is one block, else the size of its blocks (the original's rule). */
    get_recommended_block_size(file_size) {
        const blocks = engine.plan(Math.max(1, Number(file_size)), this.#settings);
        return blocks.length === 1 ? 0 : blocks[0].size;
    }

    async create_metadata(input_path, layout_file, block_size) {
        const { result, layout } = await this.#encode(input_path, block_size, null);
        writeSync(layout_file, 0, layout);
        return { ...result, symbolsDirectory: '', layoutFilePath: layout_file };
    }

    async encode_file(input_path, output_dir, block_size) {
        memDirs.add(output_dir);
        const { result, layout } = await this.#encode(input_path, block_size, (directory, symbols) => {
            const dir = join(output_dir, directory);
            memDirs.add(dir);
            for (const symbol of symbols) writeSync(join(dir, symbol.id), 0, symbol.data.slice());
        });
        const layoutPath = join(output_dir, LAYOUT_FILE);
        writeSync(layoutPath, 0, layout);
        return { ...result, symbolsDirectory: output_dir, layoutFilePath: layoutPath };
    }

    /** Decodes symbols_dir into output_path; resolves true, rejects naming the block that cannot be decoded. */
    async decode_symbols(symbols_dir, output_path, layout_path) {
        const layout = memFiles.get(layout_path);
        if (!layout) throw new Error(`layout file not found: ${layout_path}`);
        const parts = [];
        let size = 0;
        for await (const block of engine.decodeBlocks(layout, (directory, id) => memFiles.get(join(join(symbols_dir, directory), id)),
            { memoryLimitMb: Infinity })) {
            parts.push(block.data);
            size += block.data.length;
        }
        const out = new Uint8Array(size);
        let at = 0;
        for (const part of parts) {
            out.set(part, at);
            at += part.length;
        }
        memFiles.set(output_path, out);
        return true;
    }

    async #encode(input_path, block_size, onSymbols) {
        const input = memFiles.get(input_path);
        if (!input || input.length === 0) throw new Error(`Encoding failed: File is empty: "${input_path}"`);
        const settings = { ...this.#settings, blockSize: Number(block_size) || 0 };
        const { layout, blocks, plan } = await engine.encode(input, settings, { onSymbols });
        let total = 0;
        let source = 0;
        const resultBlocks = blocks.map((b, i) => {
            // the original miscounts when a block has several source blocks; these are the true counts
            const sourceSymbols = b.symbols.length - b.encoder_parameters[8] * plan[i].repair;
            total += b.symbols.length;
            source += sourceSymbols;
            return {
                block_id: b.block_id, encoder_parameters: b.encoder_parameters, original_offset: b.original_offset,
                size: b.size, symbols_count: b.symbols.length, source_symbols_count: sourceSymbols, hash: b.hash,
            };
        });
        const result = {
            encoderParameters: Uint8Array.from(blocks[0].encoder_parameters), totalSymbolsCount: total,
            totalRepairSymbols: total - source, blocks: resultBlocks,
        };
        return { result, layout };
    }
}

export { memFiles };
