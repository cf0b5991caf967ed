/**
 * npm run check:web-budget — the web app's initial JavaScript, gzipped, against its budget
 * (issue 7: 300 KB). Initial = the entry script and the chunks index.html preloads; everything
 * else (charts, the board, exports…) is lazy. Reads the production build in dist/apps/web/browser.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.WEB_INITIAL_JS_BUDGET_KB ?? 300);
const dir = 'dist/apps/web/browser';
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const files = [
  ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
].map((m) => m[1]);
if (!files.length) {
  console.error('web budget: no scripts found in dist/apps/web/browser/index.html (build the web app first)');
  process.exit(1);
}
let raw = 0;
let gzip = 0;
for (const file of new Set(files)) {
  const content = readFileSync(join(dir, file));
  raw += statSync(join(dir, file)).size;
  gzip += gzipSync(content, { level: 9 }).length;
}
const kb = (n) => (n / 1024).toFixed(1);
const line = `web budget: initial JavaScript ${kb(gzip)} KB gzip (${kb(raw)} KB raw, ${new Set(files).size} files); budget ${BUDGET_KB} KB gzip`;
if (gzip > BUDGET_KB * 1024) {
  console.error(`${line} — OVER by ${kb(gzip - BUDGET_KB * 1024)} KB`);
  process.exit(1);
}
console.log(line);
