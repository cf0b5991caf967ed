import { AuditModule } from '@crm/api/audit';
import { AuthModule } from '@crm/api/auth';
import {
  AnswerCache,
  CLOCK,
  dataVersionOf,
  configureHttpApp,
  CoreModule,
} from '@crm/api/core';
import { PipelineModule } from '@crm/api/pipeline';
import { PlanModule } from '@crm/api/plan';
import { createTestApp, createTestUser, type TestApp } from '@crm/api/testing';
import {
  addDays,
  EVALUATION_DIMENSIONS,
  ManualClock,
  shanghaiToday,
  STAGES,
  systemClock,
  type Stage,
} from '@crm/domain';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { prng } from '../../test/cockpit-fixtures';
import { CockpitModule } from '../cockpit.module';

/**
 * Answers built once per change (issue 23 §2): the city cockpit and the leader page are kept per
 * (route, parameters, chain scope, day, data version). Three API processes share one database and
 * Redis: A and B cache, F keeps nothing (every answer computed afresh). After each step of a random
 * sequence of real writes (through the routes, on A or on B; the import as one bulk transaction),
 * every answer A and B serve — the first after the write and a repeat served from the cache —
 * equals F's, for the office, the mayor (leads three chains, sees the city's totals) and a leader
 * of one chain, including the refusals. The day moving on is a step too (alerts count days).
 */

const MODULES = [PipelineModule, PlanModule, CockpitModule];

async function instance(
  t: TestApp,
  clock: ManualClock,
  keep: boolean,
): Promise<NestExpressApplication> {
  const saved = { ...process.env };
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: t.database.url,
    REDIS_URL: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: t.redisPrefix,
    LOG_LEVEL: 'silent',
    SIGN_IN_RATE_PER_MINUTE: '1000',
  });
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule, AuditModule, AuthModule, ...MODULES],
    })
      .overrideProvider(CLOCK)
      .useValue(clock)
      .compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({
      logger: false,
    });
    configureHttpApp(app);
    await app.init();
    if (!keep) app.get(AnswerCache).limits = { entries: 0, bytes: 0 };
    return app;
  } finally {
    process.env = saved;
  }
}

interface Session {
  cookie: string;
  csrf: string;
}

describe('cached cockpit answers', () => {
  let t: TestApp;
  let B: NestExpressApplication;
  let F: NestExpressApplication;
  const clock = new ManualClock(systemClock.now());
  const creds: Record<
    'office' | 'staff' | 'mayor' | 'xiao',
    { username: string; password: string }
  > = {} as never;
  const sessions: Partial<Record<keyof typeof creds, Session>> = {};
  let unitId: number;
  let staffId: string;
  let urls: string[] = [];
  const q = (sql: string, params: unknown[] = []) =>
    t.dataSource.query(sql, params);

  async function signIn(who: keyof typeof creds): Promise<void> {
    const res = await request(t.app.getHttpServer())
      .post('/api/auth/sign-in')
      .send({ username: creds[who].username, password: creds[who].password })
      .expect(200);
    const cookies = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0]);
    sessions[who] = {
      cookie: cookies.join('; '),
      csrf:
        cookies
          .find((c) => c.startsWith('XSRF-TOKEN='))
          ?.slice('XSRF-TOKEN='.length) ?? '',
    };
  }
  const call = (
    app: NestExpressApplication,
    who: keyof typeof creds,
    method: 'get' | 'post' | 'patch' | 'put' | 'delete',
    url: string,
  ) => {
    const s = sessions[who] as Session;
    return request(app.getHttpServer())
      [method](url)
      .set('Cookie', s.cookie)
      .set('X-XSRF-TOKEN', s.csrf);
  };

  beforeAll(async () => {
    t = await createTestApp(
      MODULES,
      { SIGN_IN_RATE_PER_MINUTE: '1000' },
      { clock },
    );
    [B, F] = await Promise.all([
      instance(t, clock, true),
      instance(t, clock, false),
    ]);
    creds.office = await createTestUser(t, { roles: ['office'] });
    creds.staff = await createTestUser(t, {
      roles: ['staff'],
      unit: '市数据局',
    });
    creds.mayor = await createTestUser(t, {
      roles: ['leader'],
      person: '徐进',
    });
    creds.xiao = await createTestUser(t, { roles: ['leader'], person: '肖军' });
    for (const who of Object.keys(creds) as (keyof typeof creds)[])
      await signIn(who);
    [{ id: unitId }] = await q(`SELECT id FROM unit WHERE name = '市数据局'`);
    [{ id: staffId }] = await q(`SELECT id FROM app_user WHERE username = $1`, [
      creds.staff.username,
    ]);
    await q(`UPDATE chain_target SET big_project_threshold = 1500`);
    const chains: { code: string }[] = await q(
      `SELECT code FROM chain ORDER BY sort_order, id`,
    );
    const [{ year }] = await q(
      `SELECT max(year) AS year FROM annual_plan WHERE status = 'published'`,
    );
    urls = [
      '/api/cockpit',
      `/api/cockpit?year=${year}&month=12`,
      `/api/cockpit?year=${year}&month=7`,
      '/api/cockpit/chains/clean-energy',
      `/api/cockpit/chains/clean-energy?year=${year}&month=12`,
      ...chains
        .filter((c) => c.code !== 'clean-energy')
        .slice(0, 2)
        .map((c) => `/api/cockpit/chains/${c.code}`),
      // The board and chain progress (pipeline area) through the same cache.
      '/api/chains/clean-energy/board',
      '/api/chains/clean-energy/board?status=active&status=dropped&limit=3',
      '/api/chains/clean-energy/progress',
      `/api/chains/clean-energy/progress?year=${year}`,
    ];
  });
  afterAll(async () => {
    await B?.close();
    await F?.close();
    await t?.close();
  });

  const VIEWERS = ['office', 'mayor', 'xiao'] as const;

  /** Every answer of A and B (first and repeated) equals F's computed afresh; answers the refusals A made. */
  async function checkAll(after: string[]): Promise<number> {
    let refusedOnA = 0;
    for (const who of VIEWERS) {
      for (const url of urls) {
        const fresh = await call(F, who, 'get', url);
        expect([200, 403, 404]).toContain(fresh.status);
        for (const [name, app] of [
          ['A', t.app],
          ['B', B],
          ['A again', t.app],
          ['B again', B],
        ] as const) {
          const res = await call(app, who, 'get', url);
          expect({
            after,
            who,
            url,
            on: name,
            status: res.status,
            body: res.body,
          }).toEqual({
            after,
            who,
            url,
            on: name,
            status: fresh.status,
            body: fresh.body,
          });
          if (app === t.app && res.status >= 400) refusedOnA++;
        }
      }
    }
    return refusedOnA;
  }

  it('every table but the few exempt bumps the data version', async () => {
    expect(await dataVersionOf(t.dataSource).unwatchedTables()).toEqual([]);
  });

  it('reads alone neither bump the version nor miss once warm; ETags agree across processes and answer 304', async () => {
    const cache = t.app.get(AnswerCache);
    await checkAll(['warm']);
    const version = await cache.version();
    const before = { ...cache.stats };
    // A refusal (a chain the leader does not lead) is never kept: computed again, and cheap.
    const refused = await checkAll(['warm again']);
    expect(await cache.version()).toBe(version);
    expect(cache.stats.misses).toBe(before.misses + refused);
    expect(cache.stats.hits).toBeGreaterThan(before.hits);

    const first = await call(t.app, 'office', 'get', '/api/cockpit').expect(
      200,
    );
    const etag = first.headers['etag'] as string;
    expect(etag).toMatch(/^W\/"a\d+-/);
    expect(first.headers['cache-control']).toBe('no-store');
    await call(t.app, 'office', 'get', '/api/cockpit')
      .set('If-None-Match', etag)
      .expect(304);
    const other = await call(B, 'office', 'get', '/api/cockpit')
      .set('If-None-Match', etag)
      .expect(304);
    expect(other.headers['etag']).toBe(etag);
    // Another scope, another answer.
    const mayor = await call(t.app, 'mayor', 'get', '/api/cockpit').expect(200);
    expect(mayor.headers['etag']).not.toBe(etag);
  });

  it('after a random sequence of every kind of write, on A or on B, every answer equals a fresh computation', async () => {
    const r = prng(23);
    const ids: string[] = [];
    const done: string[] = [];
    const refused: string[] = [];
    const version = async (id: string): Promise<number> =>
      (await q(`SELECT version FROM project WHERE id = $1`, [id]))[0].version;
    const stageOf = async (id: string): Promise<Stage> =>
      (await q(`SELECT stage FROM project WHERE id = $1`, [id]))[0].stage;
    const kinds = [
      'create',
      'sign',
      'sign',
      'supplement',
      'fund',
      'verify',
      'back',
      'drop',
      'rename',
      'amount',
      'unit',
      'plan',
      'import',
      'day',
    ];

    async function sign(on: NestExpressApplication, id: string, n: number) {
      const staff = (m: 'post' | 'patch', url: string, body: object) =>
        call(on, 'staff', m, url).send(body);
      await staff('post', `/api/projects/${id}/activities`, {
        kind: 'visit',
        occurredOn: shanghaiToday(clock.now()),
        summary: '走访',
        ourParticipants: ['张三'],
      }).expect(201);
      await staff('patch', `/api/projects/${id}`, {
        plannedInvestment: '2000',
        version: await version(id),
      }).expect(200);
      await staff('post', `/api/projects/${id}/stage-moves`, {
        to: 'negotiation',
        version: await version(id),
      }).expect(201);
      const opened = await staff('post', `/api/projects/${id}/evaluations`, {
        dimensions: EVALUATION_DIMENSIONS.map((dimension) => ({
          dimension,
          rating: 'acceptable',
          note: '符合',
        })),
        eliminatedCategory: false,
      }).expect(201);
      await staff(
        'post',
        `/api/projects/${id}/evaluations/${opened.body.id}/conclusion`,
        {
          conclusion: 'pass',
          concludedOn: shanghaiToday(clock.now()),
          version: opened.body.version,
        },
      ).expect(200);
      await staff('post', `/api/projects/${id}/stage-moves`, {
        to: 'evaluation',
        version: await version(id),
      }).expect(201);
      await staff('post', `/api/projects/${id}/stage-moves`, {
        to: 'signed',
        version: await version(id),
        signedAmount: String(500 + r.int(1000)),
        signedOn: shanghaiToday(clock.now()),
        agreementRef: `QY-${n}`,
      }).expect(201);
    }

    await checkAll(['start']);
    // Two rounds, each every kind of write once in a random order (a few minutes on a loaded machine).
    const order = [0, 1].flatMap(() => {
      // A project signed first, so that the ledger's writes have one to go to.
      const round = [
        'create',
        'sign',
        ...kinds.filter(
          (k, i) => kinds.indexOf(k) === i && k !== 'create' && k !== 'sign',
        ),
      ];
      for (let i = round.length - 1; i > 2; i--) {
        const j = 2 + r.int(i - 1);
        [round[i], round[j]] = [round[j], round[i]];
      }
      return round;
    });
    let renamedFrom = '';
    const pickWhere = async (where: string): Promise<string> =>
      (
        await q(
          `SELECT id FROM project WHERE ${where} AND id = ANY ($1::uuid[]) ORDER BY id LIMIT 1 OFFSET $2`,
          [ids, r.int(3)],
        )
      )[0]?.id ??
      (
        await q(
          `SELECT id FROM project WHERE ${where} AND id = ANY ($1::uuid[]) ORDER BY id LIMIT 1`,
          [ids],
        )
      )[0]?.id ??
      '';
    for (let step = 0; step < order.length; step++) {
      const on = r.next() < 0.5 ? t.app : B;
      const kind = ids.length < 2 ? 'create' : order[step];
      const signedWhere = `stage >= 'signed' AND status = 'active'`;
      if (
        ['supplement', 'fund', 'back'].includes(kind) &&
        !(await pickWhere(signedWhere))
      ) {
        // The ledger's writes need a signed project: sign one first (a step of its own).
        const lead = await pickWhere(`stage = 'lead' AND status = 'active'`);
        if (lead) {
          await sign(on, lead, step);
          done.push('sign');
          await checkAll([...done, `(sign on ${on === B ? 'B' : 'A'})`]);
        }
      }
      const id =
        kind === 'sign'
          ? await pickWhere(`stage = 'lead' AND status = 'active'`)
          : kind === 'back' || kind === 'fund'
            ? await pickWhere(signedWhere)
            : r.pick(ids.length ? ids : ['']);
      const stage = id ? await stageOf(id) : 'lead';
      const signed = STAGES.indexOf(stage) >= STAGES.indexOf('signed');
      const [{ status }] = id
        ? await q(`SELECT status FROM project WHERE id = $1`, [id])
        : [{ status: 'active' }];
      const today = shanghaiToday(clock.now());
      let res: request.Response | null = null;
      if (kind === 'create') {
        res = await call(on, 'staff', 'post', '/api/projects').send({
          name: `缓存项目${step}`,
          chain: 'clean-energy',
          investorName: '某公司',
          sourceChannel: 'through-firms',
          responsibleUnitId: unitId,
          major: r.next() < 0.5,
        });
        expect([res.status, res.body]).toEqual([201, expect.anything()]);
        ids.push(res.body.id);
      } else if (kind === 'sign' && stage === 'lead' && status === 'active') {
        await sign(on, id, step);
      } else if (kind === 'supplement') {
        const target = await pickWhere(signedWhere);
        if (!target) continue;
        res = await call(
          on,
          'staff',
          'post',
          `/api/projects/${target}/agreements`,
        ).send({
          amount: String(100 + r.int(900)),
          signedOn: today,
          agreementRef: `BC-${step}`,
        });
      } else if (kind === 'fund' && signed && status !== 'dropped') {
        res = await call(
          on,
          'staff',
          'post',
          `/api/projects/${id}/fund-arrivals`,
        ).send({ month: today.slice(0, 7), amount: String(10 + r.int(500)) });
      } else if (kind === 'verify') {
        const [entry] = await q(
          `SELECT id, project_id, verified FROM fund_arrival ORDER BY id LIMIT 1`,
        );
        if (!entry) continue;
        res = await call(
          on,
          'office',
          'patch',
          `/api/projects/${entry.project_id}/fund-arrivals/${entry.id}/verification`,
        ).send({
          verified: !entry.verified,
        });
      } else if (kind === 'back' && signed && status === 'active') {
        res = await call(
          on,
          'staff',
          'post',
          `/api/projects/${id}/stage-moves`,
        ).send({
          to: 'evaluation',
          reason: '协议需重新谈判',
          version: await version(id),
        });
      } else if (kind === 'drop' && status === 'active' && r.next() < 0.5) {
        res = await call(
          on,
          'staff',
          'post',
          `/api/projects/${id}/status`,
        ).send({
          status: 'dropped',
          reason: '企业放弃投资',
          version: await version(id),
        });
      } else if (kind === 'rename') {
        res = await call(on, 'staff', 'patch', `/api/projects/${id}`).send({
          name: `改名项目${step}`,
          version: await version(id),
        });
      } else if (kind === 'amount') {
        res = await call(on, 'staff', 'patch', `/api/projects/${id}`).send({
          plannedInvestment: String(1000 + r.int(90000)),
          version: await version(id),
        });
      } else if (kind === 'unit') {
        // A rename takes effect on a day after the previous one.
        renamedFrom =
          renamedFrom && renamedFrom >= today ? addDays(renamedFrom, 1) : today;
        res = await call(
          on,
          'office',
          'post',
          `/api/plans/units/${unitId}/rename`,
        ).send({ name: `市数据局${step}`, from: renamedFrom });
      } else if (kind === 'plan') {
        const [{ year }] = await q(
          `SELECT max(year) AS year FROM annual_plan WHERE status = 'published'`,
        );
        const plan = (
          await call(on, 'office', 'get', `/api/plans/${year}`).expect(200)
        ).body;
        const target = plan.targets.find(
          (x: { chainCode: string }) => x.chainCode === 'clean-energy',
        );
        res = await call(
          on,
          'office',
          'put',
          `/api/plans/${year}/targets/clean-energy`,
        ).send({
          signedAmount: String(10000 + r.int(90000)),
          signedAtLeast: target.signedAtLeast,
          fundsInPlace: String(5000 + r.int(50000)),
          fundsAtLeast: target.fundsAtLeast,
          bigProjectThreshold: String(1000 + r.int(3) * 500),
          bigProjectMinCount: 1 + r.int(5),
          bigProjectAtLeast: target.bigProjectAtLeast,
          reason: '年中调整',
        });
      } else if (kind === 'import') {
        // What a ledger import commits: many projects and their agreements in one transaction.
        await t.dataSource.transaction(async (tx) => {
          const made: { id: string }[] = await tx.query(
            `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, stage, status, major,
               created_at, stage_entered_at)
             SELECT '导入项目' || $1 || '-' || n, (SELECT id FROM chain WHERE code = 'clean-energy'), '导入投资方', 'other', $2, $3,
               'lead', 'active', n = 1, $4, $4
             FROM generate_series(1, 3) n RETURNING id`,
            [step, unitId, staffId, clock.now()],
          );
          ids.push(...made.map((m) => m.id));
        });
      } else if (kind === 'day') {
        clock.advance(24 * 3_600_000);
        for (const who of Object.keys(creds) as (keyof typeof creds)[])
          await signIn(who);
      } else {
        continue;
      }
      if (res && res.status >= 300) {
        // A write the rules refuse changes nothing; the answers must still hold.
        expect({ kind, status: res.status }).toEqual({
          kind,
          status: expect.any(Number),
        });
        expect(res.status).toBeLessThan(500);
        refused.push(
          `${kind} ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`,
        );
      } else {
        done.push(kind);
      }
      await checkAll([...done, `(${kind} on ${on === B ? 'B' : 'A'})`]);
    }
    // Each kind of write was made at least once (and the cache was used).
    const every = [
      'create',
      'sign',
      'supplement',
      'fund',
      'verify',
      'back',
      'rename',
      'amount',
      'unit',
      'plan',
      'import',
      'day',
    ];
    expect({
      missing: every.filter((k) => !done.includes(k)),
      refused,
    }).toEqual({ missing: [], refused });
    expect(t.app.get(AnswerCache).stats.hits).toBeGreaterThan(0);
    expect(B.get(AnswerCache).stats.hits).toBeGreaterThan(0);
    expect(F.get(AnswerCache).size.entries).toBe(0);
  }, 600_000);
});
