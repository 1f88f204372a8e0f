// Stands in for rq-library-wasm's browser_fs_mem.js under Node: the same exports and the same window.sync*
// globals the WASM calls, over node:fs instead of an in-memory map, so the original writes real directories.
import fs from 'node:fs';

globalThis.window = globalThis;

export function getFileSize(path) {
    try {
        return fs.statSync(path).size;
    } catch {
        return 0;
    }
}

export function syncDirExists(path) {
    try {
        return fs.statSync(path).isDirectory();
    } catch {
        return false;
    }
}

function readChunk(path, offset, length) {
    const fd = fs.openSync(path, 'r');
    try {
        const buf = Buffer.alloc(length);
        const n = fs.readSync(fd, buf, 0, length, offset);
        return new Uint8Array(buf.buffer, buf.byteOffset, n).slice();
    } finally {
        fs.closeSync(fd);
    }
}

function writeChunk(path, offset, data) {
    const fd = fs.openSync(path, fs.existsSync(path) ? 'r+' : 'w');
    try {
        fs.writeSync(fd, new Uint8Array(data), 0, data.length, offset);
    } finally {
        fs.closeSync(fd);
    }
}

window.syncReadChunk = (path, offset, length) => readChunk(path, offset, length);
window.syncWriteChunk = (path, offset, data) => {
    writeChunk(path, offset, data);
    return true;
};
window.syncFlushFile = () => true;
window.syncCreateDirAll = (path) => {
    fs.mkdirSync(path, { recursive: true });
    return true;
};
window.syncDirExists = syncDirExists;

export async function readFileChunk(path, offset, length) {
    return readChunk(path, offset, length);
}
export async function writeFileChunk(path, offset, data) {
    writeChunk(path, offset, data);
}
export async function flushFile() {}
export async function createDirAll(path) {
    fs.mkdirSync(path, { recursive: true });
}
export async function dirExists(path) {
    return syncDirExists(path);
}
