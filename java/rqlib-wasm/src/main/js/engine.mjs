// Loads one of the two builds of rqlib's core: WebAssembly GC where the engine has it, else plain JavaScript
// (TeaVM compiles the same Java sources to both). Both export the same functions (see RqlibWasm.java).

const isNode = typeof process !== 'undefined' && process.versions != null && process.versions.node != null;

async function readPackageFile(relative) {
    const url = new URL(relative, import.meta.url);
    if (isNode) {
        const fs = await import('node:fs/promises');
        return new Uint8Array(await fs.readFile(url));
    }
    const response = await fetch(url);
    if (!response.ok) {
        throw new Error(`cannot fetch ${url}: HTTP ${response.status}`);
    }
    return new Uint8Array(await response.arrayBuffer());
}

async function loadWasmGc() {
    const runtime = await import('./wasm-gc/rqlib.wasm-runtime.js');
    const bytes = await readPackageFile('./wasm-gc/rqlib.wasm');
    const teavm = await runtime.load(bytes, { nodejs: false });
    return teavm.exports;
}

async function loadJs() {
    return await import('./js/rqlib.js');
}

/**
 * The core's exports and which build they come from.
 * @param {'auto'|'wasm-gc'|'js'} backend auto: WebAssembly GC, falling back to JavaScript when it cannot load
 */
export async function loadEngine(backend = 'auto') {
    if (backend === 'js') {
        return { backend: 'js', core: await loadJs() };
    }
    try {
        return { backend: 'wasm-gc', core: await loadWasmGc() };
    } catch (e) {
        if (backend === 'wasm-gc') {
            throw new Error('this engine cannot run the WebAssembly GC build: ' + (e && e.message ? e.message : e));
        }
        return { backend: 'js', core: await loadJs(), wasmGcError: String(e && e.message ? e.message : e) };
    }
}
