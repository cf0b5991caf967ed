import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadMessages } from './i18n.service';
import { zhCN, type MessageKey } from './zh-CN';
import { zhCNPages } from './zh-CN-pages';
import { zhCNShell } from './zh-CN-shell';

const ROOT = join(__dirname, '../../../../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|html)$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
  });
}

/** The message keys a file names literally ('signIn.title' | t, i18n.t('error.network') …). */
function keysIn(file: string): MessageKey[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/'([a-zA-Z]+\.[\w.]+)'/g)].map((m) => m[1]).filter((k): k is MessageKey => k in zhCN);
}

describe('the Chinese texts of the initial download (issue 19 §2)', () => {
  it('are split in two without a key lost, doubled or changed', () => {
    const shell = Object.keys(zhCNShell);
    const pages = Object.keys(zhCNPages);
    expect(shell.filter((k) => k in zhCNPages)).toEqual([]);
    expect([...shell, ...pages].sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('hold every text the sign-in page, the app root and web-core name, so nothing before the shell shows a key', () => {
    const files = [
      ...sources(join(ROOT, 'libs/web/sign-in/src')),
      ...sources(join(ROOT, 'libs/web/core/src/lib')).filter((f) => !f.includes('/i18n/')),
      ...['app.ts', 'page-title.ts', 'ui-text.ts', 'aria-repairs.ts', 'preload-after-sign-in.ts'].map((f) => join(ROOT, 'apps/web/src/app', f)),
    ];
    const missing = files.flatMap((file) => keysIn(file).filter((k) => !(k in zhCNShell)).map((k) => `${k} (${file.slice(ROOT.length + 1)})`));
    expect(missing).toEqual([]);
    // The test reads what it should: the sign-in page names a dozen texts.
    expect(files.flatMap(keysIn).length).toBeGreaterThan(20);
  });

  it('load complete, the pages’ part fetched as a chunk of its own', async () => {
    const complete = await loadMessages('zh-CN');
    expect(complete).toEqual(zhCN);
  });
});
