import { createTestApp, signInAs, type TestApp } from '@crm/api/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { Response } from 'supertest';
import { AppModule } from './app.module';

/**
 * How the product goes over the wire (issue 19 §1): the built web app's files as the build
 * compressed them (brotli, else gzip, else as they are), content-hashed files cached for a year,
 * index.html revalidated; API answers over 1 KB compressed on the fly; downloads intact.
 * A web root made here stands in for dist/apps/web/browser after tools/precompress.mjs.
 */
describe('web delivery: compression and caching', () => {
  let t: TestApp;
  let root: string;
  let port: number;
  const script = Buffer.from(`console.log(${JSON.stringify('产业链'.repeat(800))});`);
  const html = Buffer.from(`<!doctype html><html><head><title>产业链招商管理平台</title></head><body>${'<crm-root></crm-root>'.repeat(80)}</body></html>`);

  /** A request as a browser sends it, the body as it came over the wire (not decompressed). */
  function get(path: string, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'crm-web-'));
    writeFileSync(join(root, 'index.html'), html);
    writeFileSync(join(root, 'index.html.br'), brotliCompressSync(html));
    writeFileSync(join(root, 'index.html.gz'), gzipSync(html));
    writeFileSync(join(root, 'chunk-AB12CD34.js'), script);
    writeFileSync(join(root, 'chunk-AB12CD34.js.br'), brotliCompressSync(script));
    writeFileSync(join(root, 'chunk-AB12CD34.js.gz'), gzipSync(script));
    writeFileSync(join(root, 'favicon.ico'), Buffer.from([0, 0, 1, 0]));
    writeFileSync(join(root, 'ng-zorro-pages-0A1B2C3D.css'), '.ant-table{}');
    writeFileSync(join(root, 'app-styles-MFF2IW6H.css'), 'body{}');
    mkdirSync(join(root, 'media'));
    writeFileSync(join(root, 'media', 'font-XY.woff2'), Buffer.from('woff2'));
    t = await createTestApp([AppModule], { WEB_ROOT: root });
    const server: Server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('sends a content-hashed script as brotli to a browser that takes it, cached for a year', async () => {
    const res = await get('/chunk-AB12CD34.js', { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(res.body).equals(script)).toBe(true);
  });

  it('falls back to gzip, then to the file as it is, as the browser says', async () => {
    const gzip = await get('/chunk-AB12CD34.js', { 'Accept-Encoding': 'gzip, deflate' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(script)).toBe(true);
    const refused = await get('/chunk-AB12CD34.js', { 'Accept-Encoding': 'br;q=0, gzip;q=0.5' });
    expect(refused.headers['content-encoding']).toBe('gzip');
    const plain = await get('/chunk-AB12CD34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(plain.body.equals(script)).toBe(true);
  });

  it('revalidates index.html on every use, at / and at any client route', async () => {
    for (const path of ['/', '/cockpit', '/cockpit/chains/culture-tourism?year=2025']) {
      const res = await get(path, { 'Accept-Encoding': 'br' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(brotliDecompressSync(res.body).equals(html)).toBe(true);
    }
    // Unchanged since last time: 304, nothing sent again.
    const first = await get('/', { 'Accept-Encoding': 'br' });
    const again = await get('/', { 'Accept-Encoding': 'br', 'If-None-Match': String(first.headers['etag']) });
    expect(again.status).toBe(304);
  });

  it('keeps other files an hour, and hashed media for a year', async () => {
    const icon = await get('/favicon.ico', { 'Accept-Encoding': 'br' });
    expect(icon.status).toBe(200);
    expect(icon.headers['content-encoding']).toBeUndefined();
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
    const font = await get('/media/font-XY.woff2');
    expect(font.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // The stylesheets of their own bundles: the app's, and the pages' (hashed by tools/index-html.mjs).
    for (const sheet of ['/ng-zorro-pages-0A1B2C3D.css', '/app-styles-MFF2IW6H.css']) {
      const res = await get(sheet);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('answers 404 for a missing script (an older build) and serves nothing outside the root', async () => {
    expect((await get('/chunk-ZZZZZZZZ.js')).status).toBe(404);
    expect((await get('/chunk-AB12CD34.js.br')).status).toBe(404);
    const escaped = await get('/%2e%2e/%2e%2e/etc/passwd');
    expect(escaped.body.toString()).not.toContain('root:');
  });

  it('compresses API answers over 1 KB and leaves small ones as they are, never cached', async () => {
    const office = await signInAs(t, { roles: ['office'] });
    const plain = await office.get('/api/chains').expect(200);
    expect(JSON.stringify(plain.body).length).toBeGreaterThan(1024);
    // supertest decodes what it is sent: the same answer, sent as brotli, then as gzip.
    const res = await office.get('/api/chains').set('Accept-Encoding', 'br, gzip').expect(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual(plain.body);
    const gzip = await office.get('/api/chains').set('Accept-Encoding', 'gzip').expect(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body).toEqual(plain.body);
    const health = await get('/api/health', { 'Accept-Encoding': 'br, gzip' });
    expect(health.status).toBe(200);
    expect(health.body.length).toBeLessThan(1024);
    expect(health.headers['content-encoding']).toBeUndefined();
  });

  it('sends a download (an xlsx template) whole, its type already compressed', async () => {
    const office = await signInAs(t, { roles: ['office'] });
    const res = await office
      .get('/api/ledger/templates/projects')
      .set('Accept-Encoding', 'br, gzip')
      .buffer(true)
      .parse(rawBody)
      .expect(200);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect((res.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });
});

/** A supertest parser that keeps the body as bytes (superagent hands parsers the response stream). */
function rawBody(res: Response, done: (err: Error | null, body: unknown) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
