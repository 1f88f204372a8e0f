// Makes golden cases with the original library (rq-library-wasm 1.0.2) for the settings the first golden set
// does not cover: symbol sizes below 64 (T = symbol size, Al = 1), redundancy factor 0 and max memory 0 MB.
//   node make-golden.mjs PACKAGE_DIR DEST_DIR      (PACKAGE_DIR from fetch-original.sh)
// Each case folder gets case.json, input.bin, result.json, _raptorq_layout.json and every block_<i>/ symbol file,
// in the format of the existing cases (see the vectors' README).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [pkg, dest] = process.argv.slice(2);
const runner = path.join(path.dirname(fileURLToPath(import.meta.url)), 'run-original.mjs');

// name, input size, seed, symbol size, rf, max memory MB, block size
const CASES = [
    ['t1_rf2', 300, 101, 1, 2, 4096, 0],
    ['t7_rf3', 1000, 102, 7, 3, 4096, 0],
    ['t8_rf2', 1500, 103, 8, 2, 4096, 0],
    ['t13_blocks', 2600, 104, 13, 2, 4096, 1300],
    ['t32_rf2', 4000, 105, 32, 2, 4096, 0],
    ['t63_rf2', 6000, 106, 63, 2, 4096, 0],
    ['rf0_t64', 3000, 107, 64, 0, 4096, 0],
    ['rf0_t5', 40, 108, 5, 0, 4096, 0],
    ['maxmem0_t100', 1000, 109, 100, 2, 0, 0],
    ['maxmem0_t7', 30, 110, 7, 1, 0, 0],
];

/** Byte i is the low 8 bits of x >> 33 after x = x * 6364136223846793005 + 1442695040888963407 (mod 2^64). */
function seeded(seed, size) {
    const out = new Uint8Array(size);
    let x = BigInt(seed);
    const mask = (1n << 64n) - 1n;
    for (let i = 0; i < size; i++) {
        x = (x * 6364136223846793005n + 1442695040888963407n) & mask;
        out[i] = Number((x >> 33n) & 0xffn);
    }
    return out;
}

for (const [name, size, seed, symbolSize, rf, maxMemoryMb, blockSize] of CASES) {
    const dir = path.join(dest, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const input = seeded(seed, size);
    fs.writeFileSync(path.join(dir, 'input.bin'), input);
    const result = execFileSync('node', [runner, pkg, 'encode', path.join(dir, 'input.bin'), dir,
        String(symbolSize), String(rf), String(maxMemoryMb), String(blockSize)], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString().trim();
    fs.writeFileSync(path.join(dir, 'result.json'), JSON.stringify(JSON.parse(result), null, 2));
    const layout = JSON.parse(fs.readFileSync(path.join(dir, '_raptorq_layout.json'), 'utf8'));
    const total = layout.blocks.reduce((n, b) => n + b.symbols.length, 0);
    const kase = {
        name, seed, file_size: size,
        input_sha256: crypto.createHash('sha256').update(input).digest('hex'),
        symbol_size: symbolSize, redundancy_factor: rf, max_memory_mb: maxMemoryMb, concurrency_limit: 1,
        block_size: blockSize, input_kept: true, symbols_kept: 'all', symbol_files_kept: total,
        blocks: layout.blocks.length, total_symbols: total,
    };
    fs.writeFileSync(path.join(dir, 'case.json'), JSON.stringify(kase, null, 2) + '\n');
    console.log(name, layout.blocks.length, 'blocks', total, 'symbols');
}
