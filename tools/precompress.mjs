#!/usr/bin/env node
/**
 * Run after the web build (the `web:build` target does): writes a brotli (.br) and a gzip (.gz)
 * copy beside every text file (and icon) over 1 KB in the built web app, so the API serves them compressed
 * without compressing on each request (libs/api/core configure-http-app.ts picks the copy the
 * browser accepts). Usage: node tools/precompress.mjs [dir] — default dist/apps/web/browser.
 */
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist/apps/web/browser';
const MIN_BYTES = 1024;
const TEXT = /\.(js|mjs|css|html|svg|json|txt|webmanifest|ico)$/

function* files(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

let count = 0;
let raw = 0;
let br = 0;
// Copies left by an earlier run are written anew from their source file.
for (const path of [...files(dir)]) if (/\.(br|gz)$/.test(path)) unlinkSync(path);
for (const path of [...files(dir)]) {
  if (!TEXT.test(path) || statSync(path).size < MIN_BYTES) continue;
  const content = readFileSync(path);
  const brotli = brotliCompressSync(content, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
  const gzip = gzipSync(content, { level: 9 });
  // A copy is only worth serving when it is smaller than the file itself.
  if (brotli.length < content.length) writeFileSync(`${path}.br`, brotli);
  if (gzip.length < content.length) writeFileSync(`${path}.gz`, gzip);
  count++;
  raw += content.length;
  br += Math.min(brotli.length, content.length);
}
const kb = (n) => (n / 1024).toFixed(1);
console.log(
  `precompress: ${count} files in ${relative(process.cwd(), dir) || '.'} — ${kb(raw)} KB raw, ${kb(br)} KB brotli (.br and .gz written beside each)`,
);
