import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TEXT_PARTS } from '@crm/web/core';
import { FEATURE_TEXTS, type Feature } from './feature-texts';

const ROOT = join(__dirname, '../../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|html)$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
  });
}

/** A web library's code: what it names of the texts, and the web libraries it imports. */
function read(lib: string): { parts: Set<string>; imports: Set<string> } {
  // web-core's own dictionary names every key: not what web-core shows.
  const files = sources(join(ROOT, 'libs/web', lib, 'src')).filter((f) => !f.includes('/lib/i18n/'));
  const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
  // 'pipeline.stage.signed', `pipeline.stage.${stage}`: a part's prefix right after a quote.
  const parts = new Set(
    [...text.matchAll(/['`]([a-zA-Z]+)\./g)].map((m) => m[1]).filter((p) => (TEXT_PARTS as readonly string[]).includes(p)),
  );
  const imports = new Set([...text.matchAll(/from '@crm\/web\/([\w-]+)'/g)].map((m) => m[1]).filter((l) => l !== lib));
  return { parts, imports };
}

/** The parts a feature shows: its own and those of every web library it imports, however deep. */
function partsShown(lib: string): string[] {
  const parts = new Set<string>();
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const code = read(name);
    code.parts.forEach((p) => parts.add(p));
    code.imports.forEach(visit);
  };
  visit(lib);
  return [...parts].sort();
}

describe('each feature’s texts load with it (issue 19 §1)', () => {
  const features = Object.keys(FEATURE_TEXTS) as Feature[];

  it.each(features)('%s loads the parts its code (and the libraries it renders) names, no more', (feature) => {
    expect([...FEATURE_TEXTS[feature]].sort()).toEqual(partsShown(feature.replace('@crm/web/', '')));
  });

  it('the check reads what it should: the cockpit shows pipeline stages, the users page its own texts only', () => {
    expect(partsShown('cockpit')).toContain('pipeline');
    expect(partsShown('users')).toEqual(['users']);
  });

  it('every lazy feature route fetches its texts with its code', () => {
    const routes = readFileSync(join(ROOT, 'apps/web/src/app/app.routes.ts'), 'utf8');
    const imported = [...routes.matchAll(/import\('(@crm\/web\/[\w-]+)'\)/g)].map((m) => m[1]);
    const wrapped = [...routes.matchAll(/withTexts\('(@crm\/web\/[\w-]+)', \(\) => import\('(@crm\/web\/[\w-]+)'\)/g)];
    expect(imported.length).toBeGreaterThan(10);
    expect(wrapped.map((m) => m[2])).toEqual(imported);
    expect(wrapped.filter((m) => m[1] !== m[2])).toEqual([]);
    // Every feature the routes load is listed, and nothing listed is left unused.
    expect([...new Set(imported)].sort()).toEqual([...features].sort());
  });
});
