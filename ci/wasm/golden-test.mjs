// Byte identity of rqlib-wasm (both builds) with the original library's golden cases, under Node 22+.
//   node golden-test.mjs PACKAGE_DIR VECTORS_DIR [wasm-gc|js ...]
// For each case with its input kept: the native API encodes to the identical layout bytes and symbol files; the
// golden symbols decode back to the input (all, and with half of each block's repair count lost); too few
// symbols fail naming the block; the compatibility class writes the same files into its in-memory file system.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkgDir, vectorsDir, ...backends] = process.argv.slice(2);
const rqlib = await import(pathToFileURL(path.join(pkgDir, 'rqlib.mjs')).href);
const compat = await import(pathToFileURL(path.join(pkgDir, 'compat.mjs')).href);
const casesRoot = path.join(vectorsDir, 'rq-library');
const cases = fs.readdirSync(casesRoot).sort()
    .filter((name) => fs.existsSync(path.join(casesRoot, name, 'input.bin')))
    .map((name) => ({ name, dir: path.join(casesRoot, name), meta: JSON.parse(fs.readFileSync(path.join(casesRoot, name, 'case.json'))) }));
assert.ok(cases.length >= 10, `expected the golden cases under ${casesRoot}, found ${cases.length}`);

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
const settingsOf = (m) => ({ symbolSize: m.symbol_size, redundancyFactor: m.redundancy_factor, blockSize: m.block_size, layoutMemoryMb: m.max_memory_mb });
const goldenLookup = (dir, lost = new Set(), corrupt = new Set()) => (directory, id) => {
    if (lost.has(id)) return undefined;
    const file = path.join(dir, directory, id);
    if (!fs.existsSync(file)) return undefined;
    const bytes = new Uint8Array(fs.readFileSync(file));
    if (corrupt.has(id)) bytes[bytes.length - 1] ^= 1; // must be caught by its id and skipped
    return bytes;
};

let checks = 0;
for (const backend of backends.length ? backends : ['wasm-gc', 'js']) {
    const engine = await rqlib.load({ backend });
    assert.equal(engine.backend, backend);
    for (const { name, dir, meta } of cases) {
        const where = `${backend} ${name}`;
        const input = new Uint8Array(fs.readFileSync(path.join(dir, 'input.bin')));
        const goldenLayout = fs.readFileSync(path.join(dir, '_raptorq_layout.json'));
        // encode: layout bytes and every kept symbol file
        const written = new Map();
        const { layout } = await engine.encode(input, settingsOf(meta), {
            onSymbols: (directory, symbols) => symbols.forEach((s) => written.set(`${directory}/${s.id}`, s.data.slice())),
        });
        assert.equal(Buffer.from(layout).toString(), goldenLayout.toString(), `${where}: layout`);
        for (const directory of fs.readdirSync(dir).filter((d) => d.startsWith('block_'))) {
            for (const id of fs.readdirSync(path.join(dir, directory))) {
                const ours = written.get(`${directory}/${id}`);
                assert.ok(ours, `${where}: ${directory}/${id} not written`);
                assert.ok(Buffer.from(ours).equals(fs.readFileSync(path.join(dir, directory, id))), `${where}: ${directory}/${id} bytes`);
                checks++;
            }
        }
        if (meta.symbols_kept !== 'all') continue;
        // decode: every symbol, then half of each single-source-block block's repair count lost
        const parsed = JSON.parse(goldenLayout);
        const all = Buffer.from(await (await engine.decode(goldenLayout, goldenLookup(dir))).arrayBuffer());
        assert.equal(sha256(all), meta.input_sha256, `${where}: decoded`);
        const lost = new Set();
        for (const b of parsed.blocks) {
            const k = b.encoder_parameters[8] === 1 ? Math.ceil(b.size / ((b.encoder_parameters[6] << 8) | b.encoder_parameters[7])) : b.symbols.length;
            b.symbols.slice(0, Math.floor((b.symbols.length - k) / 2)).forEach((id) => lost.add(id));
        }
        // and one of the source symbols left is corrupt (when the block has repair symbols to stand in for it)
        const corrupt = new Set();
        for (const b of parsed.blocks) {
            const spare = b.symbols.filter((id) => !lost.has(id));
            if (b.encoder_parameters[8] === 1 && b.symbols.length - lost.size > Math.ceil(b.size / ((b.encoder_parameters[6] << 8) | b.encoder_parameters[7])) + 1) corrupt.add(spare[0]);
        }
        const chunks = [];
        for await (const chunk of engine.decodeStream(goldenLayout, goldenLookup(dir, lost, corrupt))) chunks.push(chunk);
        assert.equal(sha256(Buffer.concat(chunks)), meta.input_sha256, `${where}: decoded with ${lost.size} lost, ${corrupt.size} corrupt`);
        // too few symbols: block_0 loses one more than its repair count
        const first = parsed.blocks[0];
        const k0 = Math.ceil(first.size / ((first.encoder_parameters[6] << 8) | first.encoder_parameters[7]));
        if (first.encoder_parameters[8] === 1) {
            const tooMany = new Set(first.symbols.slice(0, first.symbols.length - k0 + 1));
            await assert.rejects(engine.decode(goldenLayout, goldenLookup(dir, tooMany)),
                (e) => e.name === 'NotEnoughSymbolsException' && e.message.includes('block_0'), `${where}: too few symbols`);
        }
        checks += 3;
    }
    // the memory bound: with the defaults, blocks follow memoryLimitMb (512) through the original's planner
    const memory = await import(pathToFileURL(path.join(pkgDir, 'memory.mjs')).href);
    const gib = engine.plan(1 << 30);
    assert.ok(gib.length > 1 && gib.every((b) => memory.blockWorkingSet(b.size) <= 512 * 1048576), `${backend}: 1 GiB plan fits the default bound`);
    assert.equal(engine.plan(100 << 20).length, 1, `${backend}: 100 MiB stays one block, as with the original's defaults`);
    assert.deepEqual(engine.plan(1 << 30).map((b) => b.size), engine.plan(1 << 30, { layoutMemoryMb: memory.layoutMemoryMbFor(512), memoryLimitMb: Infinity }).map((b) => b.size), `${backend}: the derived max_memory_mb`);
    const eight = new Uint8Array(8 << 20).fill(7);
    let handed = 0;
    await assert.rejects(engine.encode(eight, { layoutMemoryMb: 16384, memoryLimitMb: 100 }, { onSymbols: () => handed++ }),
        (e) => e.name === 'ResourceLimitException' && /block_0 of 8388608 bytes .*memoryLimitMb 100: raise memoryLimitMb to 128/.test(e.message), `${backend}: a block over the bound is refused`);
    assert.equal(handed, 0, `${backend}: refused before any symbol`);
    const small = await engine.encode(eight.subarray(0, 1 << 20), { memoryLimitMb: 200 });
    assert.equal(small.settings.layoutMemoryMb, memory.layoutMemoryMbFor(200), `${backend}: encode reports the max_memory_mb it used`);
    let looked = 0;
    await assert.rejects(engine.decode(small.layout, () => { looked++; return null; }, { memoryLimitMb: 90 }),
        (e) => e.name === 'ResourceLimitException' && /decode it with memoryLimitMb 100 or more/.test(e.message), `${backend}: decode over the bound is refused`);
    assert.equal(looked, 0, `${backend}: refused before any lookup`);
    for (const bad of [0, -1, 'x', NaN]) {
        assert.throws(() => engine.plan(10, { memoryLimitMb: bad }), (e) => e.name === 'InvalidParameterException', `${backend}: memoryLimitMb ${bad}`);
    }
    assert.equal(engine.plan(200 << 20, { memoryLimitMb: undefined, layoutMemoryMb: undefined }).length, engine.plan(200 << 20).length, `${backend}: undefined settings are defaults`);
    checks += 10;
    // the compatibility class over its in-memory file system, on the first case with every symbol kept
    const kase = cases.find((c) => c.meta.symbols_kept === 'all' && c.meta.block_size === 0);
    await compat.default({ backend });
    await compat.writeFileChunk('/in.bin', 0, new Uint8Array(fs.readFileSync(path.join(kase.dir, 'input.bin'))));
    const session = new compat.RaptorQSession(kase.meta.symbol_size, kase.meta.redundancy_factor, BigInt(kase.meta.max_memory_mb), 4n);
    const result = await session.encode_file('/in.bin', '/out', 0);
    assert.equal(result.layoutFilePath, '/out/_raptorq_layout.json');
    assert.ok(Buffer.from(await compat.readFileChunk('/out/_raptorq_layout.json', 0, 1 << 30)).equals(fs.readFileSync(path.join(kase.dir, '_raptorq_layout.json'))), `${backend} compat layout`);
    assert.equal(await session.decode_symbols('/out', '/back.bin', '/out/_raptorq_layout.json'), true);
    assert.equal(sha256(await compat.readFileChunk('/back.bin', 0, 1 << 30)), kase.meta.input_sha256, `${backend} compat decode`);
    checks += 2;
    console.log(`${backend}: ${cases.length} golden cases byte-identical, decoded, compat session ok`);
}
console.log(`rqlib-wasm golden test: ${checks} checks passed`);
