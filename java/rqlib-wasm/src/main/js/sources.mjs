// Reads an input (Uint8Array, ArrayBuffer, Blob or ReadableStream) block by block, in order: only one block's
// bytes are held at a time.

export function inputSize(input, size) {
    if (input instanceof Uint8Array) return input.length;
    if (input instanceof ArrayBuffer) return input.byteLength;
    if (typeof Blob !== 'undefined' && input instanceof Blob) return input.size;
    if (typeof ReadableStream !== 'undefined' && input instanceof ReadableStream) {
        if (typeof size !== 'number' || !(size >= 0)) {
            throw new TypeError('a ReadableStream input needs options.size, its length in bytes');
        }
        return size;
    }
    throw new TypeError('input must be a Uint8Array, ArrayBuffer, Blob or ReadableStream');
}

/** Returns read(offset, length) for consecutive ranges of the input. */
export function blockReader(input) {
    if (input instanceof ArrayBuffer) input = new Uint8Array(input);
    if (input instanceof Uint8Array) {
        return async (offset, length) => input.subarray(offset, offset + length);
    }
    if (typeof Blob !== 'undefined' && input instanceof Blob) {
        return async (offset, length) => new Uint8Array(await input.slice(offset, offset + length).arrayBuffer());
    }
    const reader = input.getReader();
    let pending = new Uint8Array(0);
    let position = 0;
    return async (offset, length) => {
        if (offset !== position) {
            throw new Error(`stream read out of order: at ${position}, asked for ${offset}`);
        }
        const out = new Uint8Array(length);
        let filled = 0;
        while (filled < length) {
            if (pending.length === 0) {
                const { value, done } = await reader.read();
                if (done) throw new Error(`stream ended after ${position + filled} bytes, expected more`);
                pending = value instanceof Uint8Array ? value : new Uint8Array(value);
                continue;
            }
            const n = Math.min(pending.length, length - filled);
            out.set(pending.subarray(0, n), filled);
            pending = pending.subarray(n);
            filled += n;
        }
        position += length;
        return out;
    };
}
