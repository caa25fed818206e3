// Opens a generated 300-element diagram in the real modeler in headless Chromium (Debian's, no download) and
// prints importXML + first render, cold and warm. Usage: npm run bench [-- <elements> <runs>]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { generateDiagram } from './generate.mjs';

const dist = fileURLToPath(new URL('./dist/', import.meta.url));
const count = Number(process.argv[2] || 300);
const runs = Number(process.argv[3] || 7);
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff', '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject' };
const server = createServer(async (req, res) => {
  try {
    const path = normalize(join(dist, decodeURIComponent(new URL(req.url, 'http://x').pathname))).replace(/\/$/, '/index.html');
    if (!path.startsWith(dist)) throw new Error('outside');
    const body = await readFile(path);
    res.writeHead(200, { 'Content-Type': types[extname(path)] || 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const browser = await chromium.launch({ executablePath: process.env.PVEFLOW_CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  await page.waitForFunction(() => window.benchReady === true);
  const xml = generateDiagram(count);
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await page.evaluate((x) => window.openDiagram(x), xml));
  const times = results.map((r) => r.importAndRenderMs);
  const warm = times.slice(1).sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)];
  console.log(`diagram: ${results[0].elements} elements on the canvas (${count} requested), ${runs} opens`);
  console.log(`importXML + first render: cold ${times[0].toFixed(0)} ms, warm median ${median.toFixed(0)} ms (min ${warm[0].toFixed(0)}, max ${warm.at(-1).toFixed(0)})`);
  console.log(`lint results (from the start of the import): median ${results.map((r) => r.lintMs).sort((a, b) => a - b)[Math.floor(runs / 2)].toFixed(0)} ms`);
} finally {
  await browser.close();
  server.close();
}
