import type { NextFunction, Request, Response } from 'express';
import { existsSync, readdirSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

/**
 * The built Angular app, served as it was written by the build and tools/precompress.mjs: a
 * file's brotli (.br) or gzip (.gz) copy when the browser accepts it (Content-Encoding, and
 * `Vary: Accept-Encoding` so caches keep the variants apart); content-hashed files
 * (main-XXXXXXXX.js, chunk-…, styles-…, media/…) cached for a year as immutable; index.html
 * revalidated on each use (cacheControlFor). Any other GET outside /api gets index.html, so client
 * routes open directly.
 */
export function webAppFiles(root: string, isApi: (req: Request) => boolean) {
  const index = join(root, 'index.html');
  if (!existsSync(index)) return null;
  // The build never changes under a running server: list its files once.
  const files = new Set(listFiles(root));
  const send = (req: Request, res: Response, next: NextFunction, file: string) => {
    const encoding = pickEncoding(req.headers['accept-encoding'], (e) => files.has(`${file}.${ENCODINGS[e]}`));
    const hasVariants = files.has(`${file}.br`) || files.has(`${file}.gz`);
    if (hasVariants) res.vary('Accept-Encoding');
    res.setHeader('Cache-Control', cacheControlFor(file));
    // The type of the file itself, not of its compressed copy.
    res.type(extname(file));
    if (encoding) res.setHeader('Content-Encoding', encoding);
    const served = encoding ? `${file}.${ENCODINGS[encoding]}` : file;
    res.sendFile(served, { root, dotfiles: 'deny', cacheControl: false, lastModified: true, etag: true }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApi(req)) return next();
    const file = requestedFile(req.path);
    if (file && files.has(file) && !/\.(br|gz)$/.test(file)) return send(req, res, next, file);
    // A missing script or style sheet (a chunk of an older build) is a 404, not the app's shell;
    // so is a compressed copy asked for by name (it goes out only under its file's name).
    if (file && /\.(m?js|css|map|br|gz)$/.test(file)) return next();
    // A client route: the app's shell.
    return req.method === 'GET' ? send(req, res, next, 'index.html') : next();
  };
}

const ENCODINGS = { br: 'br', gzip: 'gz' } as const;
type Encoding = keyof typeof ENCODINGS;

/**
 * The compressed copy to send for an Accept-Encoding header: brotli before gzip, each only when
 * the browser accepts it (q > 0, `*` included) and the copy exists; null for the file as it is.
 */
export function pickEncoding(header: string | string[] | undefined, exists: (encoding: Encoding) => boolean): Encoding | null {
  const accepted = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const quality = (e: string) => accepted.get(e) ?? (e === 'gzip' ? accepted.get('x-gzip') : undefined) ?? accepted.get('*') ?? 0;
  for (const encoding of ['br', 'gzip'] as const) {
    if (quality(encoding) > 0 && exists(encoding)) return encoding;
  }
  return null;
}

/**
 * Content-hashed build outputs (the name changes with the content) are kept a year, unasked;
 * index.html, which names them, is revalidated on every use; the rest (favicon.ico, files of
 * apps/web/public) for an hour.
 */
export function cacheControlFor(file: string): string {
  if (/^(main|polyfills|chunk|styles|scripts|worker|app-styles|ng-zorro-pages)-[A-Z0-9]{8}\.(js|css)$/.test(file) || file.startsWith('media/')) {
    return 'public, max-age=31536000, immutable';
  }
  return file === 'index.html' ? 'no-cache' : 'public, max-age=3600';
}

/** The path below the web root a URL path names, or null when it leaves the root or is malformed. */
function requestedFile(path: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const parts = decoded.split('/').filter((p) => p && p !== '.');
  if (parts.some((p) => p === '..' || p.startsWith('.'))) return null;
  return parts.join('/');
}

function listFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) found.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return found;
}
