// Encode and decode of one input under Node: rqlib-wasm (WebAssembly GC and JavaScript builds) beside the
// original rq-library-wasm 1.0.2, each in its own process (for its peak RSS), symbol files on disk, the
// original's defaults (symbol size 65535, redundancy factor 4, max memory 16384 MB).
//   node bench.mjs RQLIB_PACKAGE_DIR ORIGINAL_PACKAGE_DIR [SIZE_MIB=100] [WORK_DIR]
// (ci/wasm/bench.sh fetches the original and Node 22 and runs this.)
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// memoryLimitMb: Infinity lets rqlib-wasm hold the original's one block whatever SIZE_MIB is (the original has no
// bound); the default bound (512) would cut inputs over 104 MiB into blocks and change the layout.
const SETTINGS = { symbolSize: 65535, redundancyFactor: 4, blockSize: 0, layoutMemoryMb: 16384, memoryLimitMb: Infinity };

async function child(impl, pkg, input, work) {
    const out = path.join(work, `out-${impl}`);
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    const decoded = path.join(work, `decoded-${impl}.bin`);
    let encodeMs;
    let decodeMs;
    if (impl === 'original') {
        const lib = await import(pathToFileURL(path.join(pkg, 'rq_library.js')).href);
        lib.initSync({ module: fs.readFileSync(path.join(pkg, 'rq_library_bg.wasm')) });
        const session = new lib.RaptorQSession(SETTINGS.symbolSize, SETTINGS.redundancyFactor, BigInt(SETTINGS.layoutMemoryMb), 4n);
        const silence = console.log;
        console.log = () => {};
        let t = performance.now();
        await session.encode_file(input, out, 0);
        encodeMs = performance.now() - t;
        t = performance.now();
        await session.decode_symbols(out, decoded, path.join(out, '_raptorq_layout.json'));
        decodeMs = performance.now() - t;
        console.log = silence;
    } else {
        const rqlib = await import(pathToFileURL(path.join(pkg, 'rqlib.mjs')).href);
        const engine = await rqlib.load({ backend: impl });
        const data = new Uint8Array(fs.readFileSync(input));
        let t = performance.now();
        const { layout } = await engine.encode(data, SETTINGS, {
            onSymbols: (directory, symbols) => {
                fs.mkdirSync(path.join(out, directory), { recursive: true });
                for (const s of symbols) fs.writeFileSync(path.join(out, directory, s.id), s.data);
            },
        });
        fs.writeFileSync(path.join(out, '_raptorq_layout.json'), layout);
        encodeMs = performance.now() - t;
        t = performance.now();
        const fd = fs.openSync(decoded, 'w');
        for await (const block of engine.decodeBlocks(layout, (directory, id) => {
            const file = path.join(out, directory, id);
            return fs.existsSync(file) ? fs.readFileSync(file) : undefined;
        }, { memoryLimitMb: Infinity })) {
            fs.writeSync(fd, block.data, 0, block.data.length, block.offset);
        }
        fs.closeSync(fd);
        decodeMs = performance.now() - t;
    }
    const layoutHash = crypto.createHash('sha256').update(fs.readFileSync(path.join(out, '_raptorq_layout.json'))).digest('hex');
    const decodedHash = crypto.createHash('sha256').update(fs.readFileSync(decoded)).digest('hex');
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(decoded, { force: true });
    return { impl, encodeMs, decodeMs, maxRssMiB: process.resourceUsage().maxRSS / 1024, layoutHash, decodedHash };
}

if (process.argv[2] === '--child') {
    const [impl, pkg, input, work] = process.argv.slice(3);
    console.log(JSON.stringify(await child(impl, pkg, input, work)));
    process.exit(0);
}

const [rqlibPkg, originalPkg, sizeMib = '100', workArg] = process.argv.slice(2);
const work = workArg ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rqlib-bench-'));
const input = path.join(work, 'input.bin');
const size = Number(sizeMib) * 1048576;
const bytes = Buffer.alloc(size);
for (let i = 0, x = 987654321; i < size; i += 4) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    bytes.writeUInt32LE(x, i);
}
fs.writeFileSync(input, bytes);
const inputHash = crypto.createHash('sha256').update(bytes).digest('hex');
const me = fileURLToPath(import.meta.url);
const rows = [];
const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(' ');
for (const [impl, pkg] of [['original', originalPkg], ['wasm-gc', rqlibPkg], ['js', rqlibPkg]]) {
    const out = execFileSync(process.execPath, ['--max-old-space-size=4096', me, '--child', impl, pkg, input, work],
        { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 }).toString().trim().split('\n').pop();
    rows.push(JSON.parse(out));
}
fs.rmSync(work, { recursive: true, force: true });
console.log(`${sizeMib} MiB, symbol size 65535, redundancy factor 4, one block; Node ${process.version}, ${os.cpus()[0].model}, `
    + `${os.cpus().length} CPUs; load average (1, 5, 15 min) before ${loadBefore}, after ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('implementation          encode s   decode s   peak RSS MiB   layout = original   decoded = input');
for (const r of rows) {
    const name = r.impl === 'original' ? 'rq-library-wasm 1.0.2' : `rqlib-wasm ${r.impl}`;
    console.log(`${name.padEnd(22)} ${(r.encodeMs / 1000).toFixed(2).padStart(9)} ${(r.decodeMs / 1000).toFixed(2).padStart(10)} `
        + `${r.maxRssMiB.toFixed(0).padStart(14)}   ${String(r.layoutHash === rows[0].layoutHash).padStart(17)}   ${String(r.decodedHash === inputHash).padStart(15)}`);
}
