// The native API's memory bound under Node: encodes a file-backed Blob (or a ReadableStream) of SIZE_MIB with
// the default settings but memoryLimitMb, stores the symbol files on disk, decodes them back through decodeStream
// (with a share of each block's repair count lost) and checks the SHA-256; the process's peak RSS above what it
// held after loading must stay within the bound. Run it with a V8 heap limit (node --max-old-space-size=N) to
// show the heap stays bounded too.
//   node [--max-old-space-size=N] memory-test.mjs PACKAGE_DIR wasm-gc|js SIZE_MIB MEMORY_LIMIT_MB
//        [--stream] [--redundancy RF] [--encode-only] [--work DIR]
// Prints one table row: backend, input, blocks, block size, encode/decode seconds, peak RSS above the start,
// and the machine's load.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const [pkgDir, backend, sizeMib, limitMb] = args;
const size = Math.round(Number(sizeMib) * 1048576);
const memoryLimitMb = Number(limitMb);
const redundancyFactor = Number(option('--redundancy', '2'));
const work = fs.mkdtempSync(path.join(option('--work', os.tmpdir()), 'rqlib-memory-'));
const MIB = 1048576;

try {
    // the input: a seeded pseudo-random MiB, varied per MiB, written to disk so the Blob is file-backed
    const input = path.join(work, 'input.bin');
    const seed = crypto.createHash('sha256').update('rqlib memory test').digest();
    const base = new Uint8Array(MIB);
    for (let i = 0; i < MIB; i += 32) base.set(crypto.createHash('sha256').update(seed).update(String(i)).digest().subarray(0, Math.min(32, MIB - i)), i);
    const inputHash = crypto.createHash('sha256');
    const fd = fs.openSync(input, 'w');
    for (let at = 0, n = 0; at < size; at += MIB, n++) {
        const piece = base.slice(0, Math.min(MIB, size - at));
        for (let i = 0; i < piece.length; i += 4096) piece[i] ^= n & 0xFF;
        fs.writeSync(fd, piece);
        inputHash.update(piece);
    }
    fs.closeSync(fd);
    const expected = inputHash.digest('hex');

    const rqlib = await import(pathToFileURL(path.join(pkgDir, 'rqlib.mjs')).href);
    const rq = await rqlib.load({ backend });
    assert.equal(rq.backend, backend);
    globalThis.gc?.();
    const startRss = process.memoryUsage().rss;
    let peakHeap = 0;
    const sample = () => {
        const m = process.memoryUsage();
        peakHeap = Math.max(peakHeap, m.heapUsed + m.external);
    };

    const source = flag('--stream')
        ? Readable.toWeb(fs.createReadStream(input, { highWaterMark: MIB }))
        : await fs.openAsBlob(input);
    const symbolsDir = path.join(work, 'symbols');
    let t0 = performance.now();
    const { layout, plan, settings } = await rq.encode(source, { redundancyFactor, memoryLimitMb }, {
        size,
        onSymbols: (directory, symbols) => {
            sample();
            if (flag('--encode-only')) return;
            fs.mkdirSync(path.join(symbolsDir, directory), { recursive: true });
            for (const s of symbols) fs.writeFileSync(path.join(symbolsDir, directory, s.id), s.data);
        },
    });
    const encodeS = (performance.now() - t0) / 1000;
    const encodePeak = process.resourceUsage().maxRSS * 1024;

    let decodeS = NaN;
    if (!flag('--encode-only')) {
        // lose half of each block's repair count, taken from its source symbols, so every block is solved
        const lost = new Set();
        const parsed = JSON.parse(new TextDecoder().decode(layout));
        parsed.blocks.forEach((b, i) => b.symbols.slice(0, Math.floor(plan[i].repair / 2)).forEach((id) => lost.add(id)));
        const lookup = (directory, id) => {
            sample();
            return lost.has(id) ? null : new Uint8Array(fs.readFileSync(path.join(symbolsDir, directory, id)));
        };
        t0 = performance.now();
        const hash = crypto.createHash('sha256');
        for await (const chunk of rq.decodeStream(layout, lookup, { memoryLimitMb })) hash.update(chunk);
        decodeS = (performance.now() - t0) / 1000;
        assert.equal(hash.digest('hex'), expected, 'decoded bytes differ from the input');
    }
    const peak = process.resourceUsage().maxRSS * 1024;
    const above = (peak - startRss) / MIB;
    const row = [backend + (flag('--stream') ? ' stream' : ' Blob'), `${sizeMib} MiB`, memoryLimitMb,
        settings.layoutMemoryMb, plan.length, (plan[0].size / MIB).toFixed(1), encodeS.toFixed(1),
        Number.isNaN(decodeS) ? '-' : decodeS.toFixed(1), ((encodePeak - startRss) / MIB).toFixed(0),
        above.toFixed(0), (peakHeap / MIB).toFixed(0), os.loadavg().map((l) => l.toFixed(2)).join(' ')];
    console.log(`| ${row.join(' | ')} |`);
    assert.ok(above <= memoryLimitMb, `${backend}: peak RSS ${above.toFixed(0)} MiB above the start exceeds memoryLimitMb ${memoryLimitMb}`);
} finally {
    fs.rmSync(work, { recursive: true, force: true });
}
