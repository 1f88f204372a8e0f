// Drives the demo page (java/rqlib-wasm/target/npm/demo) in headless Chromium: serves the package folder over
// http://127.0.0.1, chooses a generated file, drops 30% of the symbols, and asserts the page's decoded SHA-256 is
// the input's. Saves a screenshot.
//   node browser-test.mjs PACKAGE_DIR PLAYWRIGHT_CORE_DIR CHROMIUM SCREENSHOT_PNG
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkgArg, playwrightDir, chromium, screenshot] = process.argv.slice(2);
const pkgDir = path.resolve(pkgArg);
const { chromium: launcher } = await import(pathToFileURL(path.join(playwrightDir, 'index.mjs')).href);
const types = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
const server = http.createServer((req, res) => {
    const file = path.join(pkgDir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(pkgDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404).end();
        return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}/demo/index.html`;

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rqlib-chromium-'));
const browser = await launcher.launchPersistentContext(userDataDir, {
    executablePath: chromium, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    viewport: { width: 900, height: 700 },
});
try {
    for (const [query, expectedBackend] of [['', /WebAssembly GC/], ['?backend=js', /JavaScript/]]) {
        const page = await browser.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(base + query);
        await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
        const input = Buffer.alloc(300_000);
        for (let i = 0, x = 12345; i < input.length; i++) {
            x = (x * 1103515245 + 12345) >>> 0;
            input[i] = x >>> 24;
        }
        const expected = crypto.createHash('sha256').update(input).digest('hex');
        await page.setInputFiles('#file', { name: 'sample.bin', mimeType: 'application/octet-stream', buffer: input });
        await page.click('#run');
        await page.waitForSelector('body[data-done="true"]', { timeout: 120_000 });
        const verdict = await page.textContent('#verdict');
        const decoded = await page.textContent('#decodedHash');
        const backend = await page.textContent('#backend');
        const dropped = await page.textContent('#dropped');
        if (query === '') await page.screenshot({ path: screenshot, fullPage: true });
        assert.deepEqual(errors, [], 'page errors');
        assert.equal(decoded, expected, `decoded hash (${verdict})`);
        assert.match(backend, expectedBackend, `build in use for "${query}"`);
        assert.ok(parseInt(dropped, 10) > 0, `symbols were dropped: ${dropped}`);
        console.log(`demo in headless Chromium: ${backend}, ${dropped} dropped, decoded SHA-256 ${decoded} matches`);
        await page.close();
    }
} finally {
    await browser.close();
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
}
