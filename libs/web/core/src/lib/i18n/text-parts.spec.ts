import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadMessages } from './i18n.service';
import { TEXT_PARTS, loadTextPart, textPartOf } from './text-parts';
import { zhCN, type MessageKey } from './zh-CN';
import { texts as shell } from './zh-CN/shell';

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
  return [...text.matchAll(/'([a-zA-Z]+\.[\w.-]+)'/g)].map((m) => m[1]).filter((k): k is MessageKey => k in zhCN);
}

describe('the interface texts in parts (issue 19 §1)', () => {
  it('each part holds the keys of its prefix, both languages the same keys, none lost or doubled', async () => {
    const seen: string[] = [];
    for (const part of ['shell', ...TEXT_PARTS] as const) {
      const [zh, en] = await Promise.all([loadTextPart('zh-CN', part), loadTextPart('en', part)]);
      const keys = Object.keys(zh);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((key) => textPartOf(key) !== (part === 'shell' ? null : part))).toEqual([]);
      expect(Object.keys(en).sort()).toEqual([...keys].sort());
      seen.push(...keys);
    }
    expect(seen.sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('the shell’s part holds every text shown before a feature loads: sign-in page, app, header, bell, search', () => {
    const files = [
      ...sources(join(ROOT, 'libs/web/sign-in/src')),
      ...sources(join(ROOT, 'libs/web/core/src/lib')).filter((f) => !f.includes('/i18n/')),
      ...sources(join(ROOT, 'apps/web/src/app')),
      // Rendered in the header of every page, fetched by the shell when the browser is idle.
      ...sources(join(ROOT, 'libs/web/reporting/src/lib/bell')),
      ...sources(join(ROOT, 'libs/web/events/src/lib/search')),
    ];
    const missing = files.flatMap((file) =>
      keysIn(file)
        .filter((k) => !(k in shell))
        .map((k) => `${k} (${file.slice(ROOT.length + 1)})`),
    );
    expect(missing).toEqual([]);
    // The test reads what it should: these files name some eighty texts.
    expect(files.flatMap(keysIn).length).toBeGreaterThan(60);
  });

  it('load complete in each language, every part a chunk of its own', async () => {
    expect(await loadMessages('zh-CN')).toEqual(zhCN);
    expect(Object.keys(await loadMessages('en')).sort()).toEqual(Object.keys(zhCN).sort());
  });
});
