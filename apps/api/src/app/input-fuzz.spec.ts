import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import type { Role } from '@crm/domain';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import request from 'supertest';
import { AppModule } from './app.module';

/**
 * Every write route (POST/PUT/PATCH) of the OpenAPI document, called by a role allowed to call
 * it, with one bad value in one field at a time: missing, the wrong type, 1e20, -1, 0.0000001,
 * 2025-02-30, 100,000 characters, a NUL, a lone surrogate, a list for an object (an object for a
 * list), null where null is not allowed. Each must answer 4xx with a message under that field (the
 * 400 field tree) and write nothing: the row count of every table is the same before and after.
 * A 500 anywhere fails the test.
 */
jest.setTimeout(180_000);

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
};
type Operation = {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
type Document = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

const UUID = '6f1c1f6e-4a53-4f0e-9d59-3c2b1b0e8f11';
const LONG = 'x'.repeat(100_000);
const NUL = 'a\u0000b';
const SURROGATE = 'a\ud800b';
const IMPOSSIBLE_DATE = '2025-02-30';

/** A concrete value for a path parameter; the bad body must be refused before it matters. */
function pathValue(name: string, schema: Schema | undefined): string {
  if (schema?.format === 'uuid' || /id$/i.test(name) && schema?.type === 'string') return UUID;
  if (name === 'period') return '2099-01';
  if (name === 'year') return '2098';
  if (name === 'chain' || name === 'code') return 'clean-energy';
  if (name === 'key') return 'project-idle-days';
  if (name === 'kind') return 'leader';
  if (schema?.type === 'number' || schema?.type === 'integer') return '999999';
  return 'x';
}

/** Whether a string field holds a date or a month (so an impossible date must be refused). */
const isDateLike = (s: Schema) =>
  s.format === 'date' || s.format === 'date-time' || (typeof s.example === 'string' && /^\d{4}-\d{2}/.test(s.example));

/**
 * Per route, fields that are only checked once another field has a value (ValidateIf on the
 * kind): the base body that makes them checked, and the fields walked with it.
 */
type Base = { body: Record<string, unknown>; only?: string[]; not?: string[] };
const BASE: Record<string, Base[]> = {
  'POST /api/plans/roles': [
    { body: {}, not: ['personId', 'unitId'] },
    { body: { kind: 'leader' }, only: ['personId'] },
    { body: { kind: 'unit' }, only: ['unitId'] },
  ],
  'POST /api/users': [
    { body: {}, not: ['unitId', 'personId'] },
    { body: { roles: ['staff', 'leader'] }, only: ['unitId', 'personId'] },
  ],
  'PATCH /api/users/{id}': [
    { body: {}, not: ['unitId', 'personId'] },
    { body: { roles: ['staff', 'leader'] }, only: ['unitId', 'personId'] },
  ],
};

describe('input fuzz: every write route refuses bad values with a field message and writes nothing', () => {
  let t: TestApp;
  let doc: Document;
  const agents = {} as Record<Role, SignedInAgent>;
  const ROLES: Role[] = ['staff', 'office', 'leader', 'admin'];

  beforeAll(async () => {
    t = await createTestApp([AppModule], { SIGN_IN_RATE_PER_MINUTE: '1000' });
    agents.staff = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
    agents.leader = await signInAs(t, { roles: ['leader'], person: '徐进' });
    agents.office = await signInAs(t, { roles: ['office'] });
    agents.admin = await signInAs(t, { roles: ['admin'] });
    doc = SwaggerModule.createDocument(t.app, new DocumentBuilder().build()) as unknown as Document;
  });
  afterAll(() => t?.close());

  const resolve = (s: Schema | undefined): Schema => {
    if (!s) return {};
    if (s.$ref) return resolve(doc.components?.schemas?.[s.$ref.split('/').pop() ?? '']);
    if (s.allOf?.length === 1) return { ...resolve(s.allOf[0]), nullable: s.nullable };
    return s;
  };

  /**
   * Bad values for a field of this schema, each one the DTO must refuse. null is walked for
   * required fields only: an optional field's null means "not given" (blank text becomes null).
   */
  function badValues(raw: Schema, required: boolean, depth = 0): { label: string; value: unknown }[] {
    const s = resolve(raw);
    const texts = [
      { label: 'NUL', value: NUL },
      { label: 'lone surrogate', value: SURROGATE },
      { label: '100,000 characters', value: LONG },
    ];
    const numbers = [
      { label: '1e20', value: 1e20 },
      { label: '-1', value: -1 },
      { label: '0.0000001', value: 0.0000001 },
    ];
    const out: { label: string; value: unknown }[] = [];
    if (required && !s.nullable) out.push({ label: 'null', value: null });
    if (s.type === 'array') {
      out.push({ label: 'object for a list', value: {} }, { label: 'text for a list', value: 'x' }, { label: '1e20', value: 1e20 });
      if (depth === 0) {
        for (const inner of badValues(s.items ?? {}, true, depth + 1)) {
          out.push({ label: `[${inner.label}]`, value: [inner.value] });
        }
      }
      return out;
    }
    if (s.properties || s.type === 'object') {
      out.push({ label: 'list for an object', value: [{}] }, { label: 'text for an object', value: 'x' }, { label: '1e20', value: 1e20 });
      if (depth === 0) {
        for (const [name, field] of Object.entries(s.properties ?? {})) {
          for (const inner of badValues(field, (s.required ?? []).includes(name), depth + 1)) out.push({ label: `{${name}: ${inner.label}}`, value: { [name]: inner.value } });
        }
      }
      return out;
    }
    if (s.type === 'boolean') {
      return [...out, { label: 'text', value: 'yes' }, ...numbers, { label: 'list', value: [{}] }, ...texts.slice(0, 1)];
    }
    if (s.type === 'integer' || s.type === 'number') {
      return [...out, { label: 'text', value: 'abc' }, { label: 'true', value: true }, ...numbers, { label: IMPOSSIBLE_DATE, value: IMPOSSIBLE_DATE }, { label: 'list for a value', value: [{}] }, ...texts];
    }
    // string (enums included)
    out.push({ label: 'true', value: true }, ...numbers, { label: 'list for a value', value: [{}] }, ...texts);
    if (isDateLike(s)) out.push({ label: IMPOSSIBLE_DATE, value: IMPOSSIBLE_DATE });
    return out;
  }

  async function rowCounts(): Promise<Record<string, number>> {
    const tables: { name: string }[] = await t.dataSource.query(
      `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
    );
    const sql = tables.map((x, i) => `SELECT ${i} AS i, count(*)::int AS n FROM ${x.name}`).join(' UNION ALL ');
    const rows: { i: number; n: number }[] = await t.dataSource.query(sql);
    return Object.fromEntries(rows.map((r) => [tables[r.i].name, r.n]));
  }

  it('walks every write route', async () => {
    const failures: string[] = [];
    const figures = { routes: 0, requests: 0, refused4xx: 0, errors500: 0, skipped: [] as string[] };
    const before = await rowCounts();

    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        if (!['post', 'put', 'patch'].includes(method)) continue;
        const route = `${method.toUpperCase()} ${path}`;
        const content = op.requestBody?.content ?? {};
        const json = content['application/json']?.schema;
        if (!json) {
          figures.skipped.push(`${route} (${Object.keys(content).join(', ') || 'no body'})`);
          continue;
        }
        const schema = resolve(json);
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) =>
          pathValue(name, op.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema),
        );
        const send = (who: Role, body: unknown) =>
          agents[who][method as 'post' | 'put' | 'patch'](url, body as object);

        // A role that is let through: an unknown field is refused with 400 by the pipe, after the guard.
        let who: Role | undefined;
        for (const role of ROLES) {
          const res = await send(role, { __fuzz__: 1 });
          figures.requests++;
          if (res.status >= 500) failures.push(`${route} as ${role}: ${res.status} for an unknown field`);
          if (![401, 403].includes(res.status)) {
            who = role;
            break;
          }
        }
        if (!who) {
          figures.skipped.push(`${route} (no role let through)`);
          continue;
        }
        figures.routes++;
        const routeBefore = await rowCounts();

        const cases: { field: string; label: string; body: unknown }[] = [];
        const required = schema.required ?? [];
        for (const { body: base, only, not } of BASE[route] ?? [{ body: {} }]) {
          const walked = (field: string) => !(field in base) && (!only || only.includes(field)) && !not?.includes(field);
          for (const field of required.filter(walked)) cases.push({ field, label: 'missing', body: { ...base } });
          for (const [field, fieldSchema] of Object.entries(schema.properties ?? {})) {
            if (!walked(field)) continue;
            for (const bad of badValues(fieldSchema, required.includes(field))) {
              cases.push({ field, label: bad.label, body: { ...base, [field]: bad.value } });
            }
          }
        }
        cases.push({ field: 'body', label: 'a list for the body', body: [{}] });

        for (const c of cases) {
          const res = await send(who, c.body);
          figures.requests++;
          const errors = (res.body?.errors ?? {}) as Record<string, string[]>;
          const fieldMessage = Object.keys(errors).some((k) => k === c.field || k.startsWith(`${c.field}.`));
          if (res.status >= 500) figures.errors500++;
          if (res.status >= 400 && res.status < 500) figures.refused4xx++;
          if (res.status < 400 || res.status >= 500 || !fieldMessage) {
            failures.push(`${route} as ${who}: ${c.field} = ${c.label} → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
          }
        }

        const routeAfter = await rowCounts();
        const changed = Object.keys(routeAfter).filter((k) => routeAfter[k] !== routeBefore[k]);
        if (changed.length) failures.push(`${route}: rows written in ${changed.join(', ')}`);
      }
    }

    const after = await rowCounts();
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    // The figures of the run, for the report.
    console.log(JSON.stringify({ ...figures, failures: failures.length }, null, 1));
    expect(failures).toEqual([]);
    expect(changed).toEqual([]);
    expect(figures.errors500).toBe(0);
    expect(figures.routes).toBeGreaterThan(30);
  });

  it('answers 400, never 500, for a body that is not JSON at all', async () => {
    for (const raw of ['{"username": ', 'null', '"text"', '12', '[]', '{"username":"\\ud800","password":"x"}', '\u0000']) {
      // Sign-in is public: the body reaches the parser and the pipe without a session.
      const res = await request(t.app.getHttpServer()).post('/api/auth/sign-in').set('Content-Type', 'application/json').send(raw);
      expect([raw, res.status]).toEqual([raw, 400]);
    }
  });

  it('refuses bad route parameters on every write route with 4xx, never 500, and writes nothing', async () => {
    const failures: string[] = [];
    const before = await rowCounts();
    let requests = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (!path.includes('{')) continue;
      for (const [method, op] of Object.entries(operations)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
        const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        for (const name of names) {
          for (const bad of ['1e20', '-1', '0.0000001', IMPOSSIBLE_DATE, '%00', '%ED%A0%80', 'x'.repeat(2000)]) {
            const url = path.replace(/\{(\w+)\}/g, (_, n: string) =>
              n === name ? bad : pathValue(n, op.parameters?.find((p) => p.in === 'path' && p.name === n)?.schema),
            );
            for (const who of ROLES) {
              const agent = agents[who];
              const res = await (method === 'delete' ? agent.delete(url) : agent[method as 'post' | 'put' | 'patch'](url, {}));
              requests++;
              if (res.status >= 500 || res.status < 400) failures.push(`${method.toUpperCase()} ${url.slice(0, 120)} as ${who} → ${res.status}`);
              if (![401, 403].includes(res.status)) break;
            }
          }
        }
      }
    }
    const after = await rowCounts();
    console.log(JSON.stringify({ pathParameterRequests: requests, failures: failures.length }));
    expect(failures).toEqual([]);
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual([]);
  });
});
