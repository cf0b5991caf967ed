import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The API areas depend downwards only (README, "The layout"): the platform (core) on no area, no
 * area on reporting (its jobs, its notification bell: what others need is in core), and no cycle.
 * Read from the areas' own source files; spec files may boot other areas and are left out.
 */
describe('API area dependencies', () => {
  const root = join(__dirname, '../../libs/api');
  const areas = readdirSync(root).filter((a) => statSync(join(root, a)).isDirectory() && a !== 'testing');
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'test' ? [] : sources(path);
      return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
    });
  const uses = new Map(
    areas.map((area) => {
      const found = new Set<string>();
      for (const file of sources(join(root, area, 'src'))) {
        for (const m of readFileSync(file, 'utf8').matchAll(/from '@crm\/api\/([a-z-]+)'/g)) {
          if (m[1] !== area) found.add(m[1]);
        }
      }
      return [area, found] as const;
    }),
  );

  it('reads every area', () => {
    expect(areas).toEqual(expect.arrayContaining(['core', 'reporting', 'meetings', 'cockpit', 'pipeline']));
  });

  it('keeps the platform free of areas', () => {
    expect([...(uses.get('core') ?? [])]).toEqual([]);
  });

  it('lets no area depend on reporting (meetings runs its jobs through core)', () => {
    const users = areas.filter((a) => uses.get(a)?.has('reporting'));
    expect(users).toEqual([]);
  });

  it('has no cycle between areas', () => {
    const cycles: string[] = [];
    const walk = (area: string, path: string[]) => {
      for (const next of uses.get(area) ?? []) {
        if (next === path[0]) cycles.push([...path, next].join(' → '));
        else if (!path.includes(next) && uses.has(next)) walk(next, [...path, next]);
      }
    };
    for (const area of areas) walk(area, [area]);
    expect(cycles).toEqual([]);
  });
});
