// Reads an input (Uint8Array, ArrayBuffer, Blob or ReadableStream) block by block, in order: only one block's
// bytes are held at a time, handed on in pieces.

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

/**
 * Returns pieces(offset, length): an async generator of the input's bytes in that range, in order, as Uint8Arrays
 * of at most pieceBytes, so a block reaches the core without the whole block ever being held here. Ranges must
 * be asked for consecutively when the input is a ReadableStream.
 */
export function blockPieces(input, pieceBytes) {
    if (input instanceof ArrayBuffer) input = new Uint8Array(input);
    if (input instanceof Uint8Array) {
        return async function* (offset, length) {
            for (let at = offset; at < offset + length; at += pieceBytes) {
                yield input.subarray(at, Math.min(offset + length, at + pieceBytes));
            }
        };
    }
    if (typeof Blob !== 'undefined' && input instanceof Blob) {
        return async function* (offset, length) {
            for (let at = offset; at < offset + length; at += pieceBytes) {
                const end = Math.min(offset + length, at + pieceBytes);
                yield new Uint8Array(await input.slice(at, end).arrayBuffer());
            }
        };
    }
    const reader = input.getReader();
    let pending = new Uint8Array(0);
    let position = 0;
    return async function* (offset, length) {
        if (offset !== position) {
            throw new Error(`stream read out of order: at ${position}, asked for ${offset}`);
        }
        let left = length;
        while (left > 0) {
            if (pending.length === 0) {
                const { value, done } = await reader.read();
                if (done) throw new Error(`stream ended after ${position} bytes, expected ${offset + length}`);
                pending = value instanceof Uint8Array ? value : new Uint8Array(value);
                continue;
            }
            const n = Math.min(pending.length, left, pieceBytes);
            const piece = pending.subarray(0, n);
            pending = pending.subarray(n);
            position += n;
            left -= n;
            yield piece;
        }
    };
}
