#!/usr/bin/env node
/**
 * Run after the web build, before precompress.mjs (the `web:build` target does); completes
 * index.html for a phone on a slow line (issue 19 §2):
 *
 * 1. A `<link rel="modulepreload">` for every chunk of the initial download. Angular writes one for
 *    the first ten only; the browser finds the others when it has parsed the chunk that imports
 *    them, one round trip later (on a 150 ms line, ~0.5 s before the sign-in page can show). The
 *    initial chunks are those main-*.js imports statically, directly or through another; dynamic
 *    `import()`s (lazy pages) are left out.
 * 2. The signed-in pages' ng-zorro stylesheet (`ng-zorro-pages.css`, built with `inject: false`,
 *    which Angular leaves without a content hash) renamed with a hash of its content, and its name
 *    given in `<meta name="crm-page-styles">`, where the shell reads it (page-styles.ts): the file
 *    is then cached for a year like every other hashed file, and index.html (revalidated) names it.
 *
 * Usage: node tools/index-html.mjs [dir] — default dist/apps/web/browser. Running it twice is harmless.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'dist/apps/web/browser';
const indexPath = join(dir, 'index.html');
let index = readFileSync(indexPath, 'utf8');
const main = /<script src="(main-[\w-]+\.js)" type="module"><\/script>/.exec(index)?.[1];
if (!main) throw new Error(`index-html: no main-*.js script in ${indexPath}`);

// 1. modulepreload for every initial chunk.
/** Static imports only: `import{a as b}from"./chunk-X.js"` and `import"./chunk-X.js"`, not `import("./chunk-X.js")`. */
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*"\.\/([\w-]+\.js)"/g;
const initial = new Set();
const queue = [main];
while (queue.length) {
  const file = queue.shift();
  for (const [, chunk] of readFileSync(join(dir, file), 'utf8').matchAll(STATIC_IMPORT)) {
    if (!initial.has(chunk)) {
      initial.add(chunk);
      queue.push(chunk);
    }
  }
}
const listed = new Set([...index.matchAll(/<link rel="modulepreload" href="([\w-]+\.js)">/g)].map((m) => m[1]));
const missing = [...initial].filter((chunk) => !listed.has(chunk));
index = index.replace(`<script src="${main}"`, `${missing.map((c) => `<link rel="modulepreload" href="${c}">`).join('')}<script src="${main}"`);

// 2. The page stylesheet, content-hashed and named in a meta tag.
const PAGE_STYLES = 'ng-zorro-pages.css';
let pageStyles = /<meta name="crm-page-styles" content="([\w-]+\.css)">/.exec(index)?.[1] ?? null;
if (!pageStyles && existsSync(join(dir, PAGE_STYLES))) {
  const hash = createHash('sha256').update(readFileSync(join(dir, PAGE_STYLES))).digest('hex').slice(0, 8).toUpperCase();
  pageStyles = `ng-zorro-pages-${hash}.css`;
  renameSync(join(dir, PAGE_STYLES), join(dir, pageStyles));
  index = index.replace('</head>', `<meta name="crm-page-styles" content="${pageStyles}"></head>`);
}
writeFileSync(indexPath, index);
console.log(
  `index-html: ${initial.size} initial chunks (${listed.size} preloaded by Angular, ${missing.length} added); page styles ${pageStyles ?? 'none'}`,
);
