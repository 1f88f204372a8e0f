// The demo: encodes the chosen file with rqlib-wasm, drops a share of the symbol files at random (never more
// than a block's repair symbols), decodes from the rest and compares SHA-256 of input and output.
import { load } from '../rqlib.mjs';

const $ = (id) => document.getElementById(id);
const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
const sha256 = async (blob) => hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));

// ?backend=js forces the JavaScript build (CI runs the page both ways)
const engine = await load({ backend: new URLSearchParams(location.search).get('backend') ?? 'auto' });
$('backend').textContent = `${engine.backend === 'wasm-gc' ? 'WebAssembly GC' : 'JavaScript'} (rqlib ${engine.version})`;
$('run').disabled = false;
document.body.dataset.ready = 'true';

$('run').addEventListener('click', async () => {
    const file = $('file').files[0];
    if (!file) {
        $('verdict').textContent = 'choose a file first';
        return;
    }
    $('run').disabled = true;
    $('verdict').className = '';
    $('verdict').textContent = 'working...';
    try {
        const settings = { symbolSize: Number($('symbolSize').value), redundancyFactor: Number($('rf').value) };
        const store = new Map();
        const progress = (done, total) => { $('progress').value = total ? done / total / 2 : 0; };
        const { layout, blocks, plan } = await engine.encode(file, settings, {
            onProgress: progress,
            onSymbols: (directory, symbols) => symbols.forEach((s) => store.set(`${directory}/${s.id}`, s.data.slice())),
        });
        const share = Number($('drop').value) / 100;
        let dropped = 0;
        blocks.forEach((block, i) => {
            // fewer than the repair count of each source block may go (K of them fail to decode about 1% of the
            // time; K + 2 almost never), or the block cannot be decoded
            const limit = Math.min(Math.floor(block.symbols.length * share), Math.max(0, plan[i].repair - 2));
            const ids = [...block.symbols].sort(() => Math.random() - 0.5).slice(0, limit);
            ids.forEach((id) => store.delete(`block_${block.block_id}/${id}`));
            dropped += ids.length;
        });
        $('input').textContent = `${file.name}, ${file.size} bytes`;
        $('symbols').textContent = `${blocks.length} / ${store.size + dropped}`;
        $('dropped').textContent = `${dropped} symbol files`;
        $('layout').textContent = `${layout.length} bytes of _raptorq_layout.json`;
        const decoded = await engine.decode(layout, (directory, id) => store.get(`${directory}/${id}`), {
            onProgress: (done, total) => { $('progress').value = 0.5 + done / total / 2; },
        });
        const [inputHash, decodedHash] = [await sha256(file), await sha256(decoded)];
        $('inputHash').textContent = inputHash;
        $('decodedHash').textContent = decodedHash;
        const ok = inputHash === decodedHash;
        $('verdict').className = ok ? 'ok' : 'bad';
        $('verdict').textContent = ok ? 'decoded file is identical' : 'decoded file differs';
        $('progress').value = 1;
    } catch (e) {
        $('verdict').className = 'bad';
        $('verdict').textContent = `${e.name}: ${e.message}`;
    } finally {
        $('run').disabled = false;
        document.body.dataset.done = 'true';
    }
});
