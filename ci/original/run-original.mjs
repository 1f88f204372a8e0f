// Drives the original library (rq-library-wasm 1.0.2, fetched by fetch-original.sh) under Node.
//   node run-original.mjs PACKAGE_DIR encode INPUT OUTDIR SYMBOL_SIZE RF MAX_MEMORY_MB BLOCK_SIZE
//   node run-original.mjs PACKAGE_DIR decode OUTDIR OUTPUT SYMBOL_SIZE RF MAX_MEMORY_MB
// Prints what the original returned (JSON) on stdout; exits 1 with its error on stderr when it throws.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkg, command, ...args] = process.argv.slice(2);
const lib = await import(pathToFileURL(path.join(pkg, 'rq_library.js')).href);
lib.initSync({ module: fs.readFileSync(path.join(pkg, 'rq_library_bg.wasm')) });

function session(symbolSize, rf, maxMemoryMb) {
    return new lib.RaptorQSession(Number(symbolSize), Number(rf), BigInt(maxMemoryMb), 1n);
}

try {
    let result;
    if (command === 'encode') {
        const [input, outDir, symbolSize, rf, maxMemoryMb, blockSize] = args;
        fs.mkdirSync(outDir, { recursive: true });
        result = await session(symbolSize, rf, maxMemoryMb).encode_file(input, outDir, Number(blockSize));
    } else if (command === 'decode') {
        const [outDir, output, symbolSize, rf, maxMemoryMb] = args;
        result = await session(symbolSize, rf, maxMemoryMb)
            .decode_symbols(outDir, output, path.join(outDir, '_raptorq_layout.json'));
    } else if (command === 'version') {
        result = lib.RaptorQSession.version();
    } else {
        throw new Error('unknown command ' + command);
    }
    console.log(JSON.stringify(result));
} catch (e) {
    console.error(String(e && e.message ? e.message : e));
    process.exit(1);
}
