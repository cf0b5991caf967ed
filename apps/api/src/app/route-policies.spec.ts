import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import type { Role } from '@crm/domain';
import request from 'supertest';
import { AppModule } from './app.module';

/**
 * Every route × every role, against the whole app. A route the app serves that is missing from
 * this table fails the test, so no route ships without a decided policy.
 */
type Who = 'anonymous' | Role;
const EVERYONE: Who[] = ['anonymous', 'staff', 'leader', 'office', 'admin'];
const SIGNED_IN: Who[] = ['staff', 'leader', 'office', 'admin'];
const UUID = '6f1c1f6e-4a53-4f0e-9d59-3c2b1b0e8f11';

/** route → [a concrete path to call, who is let through] */
const POLICIES: Record<string, [string, Who[]]> = {
  'GET /api/health': ['/api/health', EVERYONE],
  'POST /api/auth/sign-in': ['/api/auth/sign-in', EVERYONE],
  'GET /api/auth/me': ['/api/auth/me', SIGNED_IN],
  'POST /api/auth/password': ['/api/auth/password', SIGNED_IN],
  'GET /api/auth/remembered-devices': ['/api/auth/remembered-devices', SIGNED_IN],
  'DELETE /api/auth/remembered-devices/:id': [`/api/auth/remembered-devices/${UUID}`, SIGNED_IN],
  'GET /api/chains': ['/api/chains', SIGNED_IN],
  'GET /api/chains/:code': ['/api/chains/clean-energy', SIGNED_IN],
  'GET /api/units': ['/api/units', SIGNED_IN],
  'GET /api/units/:id': ['/api/units/1', SIGNED_IN],
  'GET /api/people': ['/api/people', SIGNED_IN],
  'GET /api/people/:id': ['/api/people/1', SIGNED_IN],
  'GET /api/enterprises': ['/api/enterprises', SIGNED_IN],
  'GET /api/enterprises/:id': [`/api/enterprises/${UUID}`, SIGNED_IN],
  'POST /api/enterprises': ['/api/enterprises', ['staff', 'office', 'admin']],
  'PATCH /api/enterprises/:id': [`/api/enterprises/${UUID}`, ['staff', 'office', 'admin']],
  'GET /api/enterprises/:id/overview': [`/api/enterprises/${UUID}/overview`, SIGNED_IN],
  'POST /api/enterprises/:id/merge': [`/api/enterprises/${UUID}/merge`, ['office', 'admin']],
  'POST /api/enterprises/:id/merges/:mergeId/undo': [`/api/enterprises/${UUID}/merges/${UUID}/undo`, ['admin']],
  'GET /api/contacts': ['/api/contacts', SIGNED_IN],
  'GET /api/contacts/export': ['/api/contacts/export', ['staff', 'office', 'admin']],
  'GET /api/contacts/:id': [`/api/contacts/${UUID}`, SIGNED_IN],
  'POST /api/contacts': ['/api/contacts', ['staff', 'office', 'admin']],
  'PATCH /api/contacts/:id': [`/api/contacts/${UUID}`, ['staff', 'office', 'admin']],
  'POST /api/contacts/:id/reveal': [`/api/contacts/${UUID}/reveal`, SIGNED_IN],
  'POST /api/contacts/:id/anonymise': [`/api/contacts/${UUID}/anonymise`, ['office', 'admin']],
  'GET /api/courting-conflicts': ['/api/courting-conflicts', SIGNED_IN],
  'POST /api/courting-conflicts/:id/decision': [`/api/courting-conflicts/${UUID}/decision`, ['office']],
  'GET /api/users': ['/api/users', ['office', 'admin']],
  'POST /api/users': ['/api/users', ['admin']],
  'PATCH /api/users/:id': [`/api/users/${UUID}`, ['admin']],
  'POST /api/users/:id/unlock': [`/api/users/${UUID}/unlock`, ['admin']],
  'POST /api/users/:id/sessions/end': [`/api/users/${UUID}/sessions/end`, ['admin']],
  'GET /api/audit': ['/api/audit', ['office', 'admin']],
  'GET /api/audit/filters': ['/api/audit/filters', ['office', 'admin']],
  'GET /api/audit/projects': ['/api/audit/projects', ['office', 'admin']],
  'GET /api/projects': ['/api/projects', SIGNED_IN],
  'POST /api/projects': ['/api/projects', ['staff']],
  'GET /api/projects/:id': [`/api/projects/${UUID}`, SIGNED_IN],
  'PATCH /api/projects/:id': [`/api/projects/${UUID}`, ['staff']],
  'POST /api/projects/:id/status': [`/api/projects/${UUID}/status`, ['staff']],
  'POST /api/projects/:id/stage-moves': [`/api/projects/${UUID}/stage-moves`, ['staff']],
  'POST /api/projects/:id/activities': [`/api/projects/${UUID}/activities`, ['staff']],
  'POST /api/projects/:id/evaluations': [`/api/projects/${UUID}/evaluations`, ['staff']],
  'PATCH /api/projects/:id/evaluations/:evaluationId': [`/api/projects/${UUID}/evaluations/${UUID}`, ['staff']],
  'POST /api/projects/:id/evaluations/:evaluationId/conclusion': [`/api/projects/${UUID}/evaluations/${UUID}/conclusion`, ['staff']],
  'POST /api/projects/:id/agreements': [`/api/projects/${UUID}/agreements`, ['staff']],
  'POST /api/projects/:id/fund-arrivals': [`/api/projects/${UUID}/fund-arrivals`, ['staff']],
  'PATCH /api/projects/:id/fund-arrivals/:entryId/verification': [`/api/projects/${UUID}/fund-arrivals/${UUID}/verification`, ['office']],
  'DELETE /api/projects/:id/fund-arrivals/:entryId': [`/api/projects/${UUID}/fund-arrivals/${UUID}`, ['staff']],
  'GET /api/chains/:code/board': ['/api/chains/clean-energy/board', SIGNED_IN],
  'GET /api/chains/:code/progress': ['/api/chains/clean-energy/progress', SIGNED_IN],
  'GET /api/ledger/exports/projects': ['/api/ledger/exports/projects', SIGNED_IN],
  'GET /api/ledger/exports/enterprises': ['/api/ledger/exports/enterprises', SIGNED_IN],
  'GET /api/ledger/exports/key-projects': ['/api/ledger/exports/key-projects', SIGNED_IN],
  'GET /api/ledger/exports/target-directions': ['/api/ledger/exports/target-directions', SIGNED_IN],
  'GET /api/ledger/exports/responsibilities': ['/api/ledger/exports/responsibilities', SIGNED_IN],
  'GET /api/ledger/templates/projects': ['/api/ledger/templates/projects', SIGNED_IN],
  'GET /api/ledger/templates/enterprises': ['/api/ledger/templates/enterprises', SIGNED_IN],
  'POST /api/ledger/imports/enterprises': ['/api/ledger/imports/enterprises', ['staff', 'office', 'admin']],
  'POST /api/ledger/imports/projects': ['/api/ledger/imports/projects', ['staff', 'office', 'admin']],
  'GET /api/ledger/imports/:id': [`/api/ledger/imports/${UUID}`, ['staff', 'office', 'admin']],
  'POST /api/ledger/imports/:id/commit': [`/api/ledger/imports/${UUID}/commit`, ['staff', 'office', 'admin']],
  'GET /api/reporting-periods': ['/api/reporting-periods', SIGNED_IN],
  'GET /api/reporting-periods/:period': ['/api/reporting-periods/2025-03', SIGNED_IN],
  'POST /api/reporting-periods': ['/api/reporting-periods', ['office']],
  'POST /api/reporting-periods/:period/extensions': ['/api/reporting-periods/2025-03/extensions', ['office']],
  'POST /api/reporting-periods/:period/lock': ['/api/reporting-periods/2099-01/lock', ['office']],
  'PUT /api/reporting-periods/:period/cutoff': ['/api/reporting-periods/2099-01/cutoff', ['office']],
  'GET /api/monthly-reports': ['/api/monthly-reports?period=2025-03', ['office', 'admin']],
  'GET /api/monthly-reports/mine/:period': ['/api/monthly-reports/mine/2025-03', ['staff']],
  'PUT /api/monthly-reports/mine/:period': ['/api/monthly-reports/mine/2025-03', ['staff']],
  'POST /api/monthly-reports/mine/:period/submit': ['/api/monthly-reports/mine/2025-03/submit', ['staff']],
  'GET /api/monthly-reports/:id': [`/api/monthly-reports/${UUID}`, ['office', 'admin']],
  'POST /api/monthly-reports/:id/return': [`/api/monthly-reports/${UUID}/return`, ['office']],
  'POST /api/monthly-reports/:id/accept': [`/api/monthly-reports/${UUID}/accept`, ['office']],
  'GET /api/chain-maps': ['/api/chain-maps?year=2025', SIGNED_IN],
  'GET /api/chain-maps/exports/targets': ['/api/chain-maps/exports/targets?year=2025', SIGNED_IN],
  'GET /api/chain-maps/:code/:year': ['/api/chain-maps/clean-energy/2025', SIGNED_IN],
  'PUT /api/chain-maps/:code/:year': ['/api/chain-maps/clean-energy/2099', ['staff', 'office']],
  'POST /api/chain-maps/:code/:year/draft': ['/api/chain-maps/clean-energy/2099/draft', ['staff', 'office']],
  'GET /api/events': ['/api/events', SIGNED_IN],
  'GET /api/events/:id': [`/api/events/${UUID}`, SIGNED_IN],
  'POST /api/events': ['/api/events', ['staff', 'office']],
  'PUT /api/events/:id': [`/api/events/${UUID}`, ['staff', 'office']],
  'GET /api/projects/:id/guarantee-requests': [`/api/projects/${UUID}/guarantee-requests`, SIGNED_IN],
  'POST /api/projects/:id/guarantee-requests': [`/api/projects/${UUID}/guarantee-requests`, ['staff']],
  'PATCH /api/projects/:id/guarantee-requests/:requestId': [`/api/projects/${UUID}/guarantee-requests/${UUID}`, ['staff']],
  'GET /api/guarantee-requests/queue': ['/api/guarantee-requests/queue', ['staff']],
  'GET /api/guarantee-requests/:id': [`/api/guarantee-requests/${UUID}`, SIGNED_IN],
  'POST /api/guarantee-requests/:id/answers': [`/api/guarantee-requests/${UUID}/answers`, ['staff']],
  'GET /api/search': ['/api/search?q=abc', SIGNED_IN],
  'GET /api/notifications': ['/api/notifications', SIGNED_IN],
  'GET /api/notifications/unread-count': ['/api/notifications/unread-count', SIGNED_IN],
  'POST /api/notifications/read-all': ['/api/notifications/read-all', SIGNED_IN],
  'POST /api/notifications/:id/read': [`/api/notifications/${UUID}/read`, SIGNED_IN],
  // roll-up: start
  'GET /api/roll-ups/exports/:id': [`/api/roll-ups/exports/${UUID}`, ['leader', 'office', 'admin']],
  'GET /api/roll-ups/exports/:id/file': [`/api/roll-ups/exports/${UUID}/file`, ['leader', 'office', 'admin']],
  'GET /api/roll-ups/:period': ['/api/roll-ups/2025-03', ['leader', 'office', 'admin']],
  'POST /api/roll-ups/:period/build': ['/api/roll-ups/2099-01/build', ['office']],
  'PUT /api/roll-ups/:period/narrative': ['/api/roll-ups/2025-03/narrative', ['office']],
  'POST /api/roll-ups/:period/exports': ['/api/roll-ups/2025-03/exports', ['leader', 'office']],
  'POST /api/roll-up-publications': ['/api/roll-up-publications', ['office']],
  'GET /api/roll-up-publications': ['/api/roll-up-publications', SIGNED_IN],
  'GET /api/roll-up-publications/:id': [`/api/roll-up-publications/${UUID}`, SIGNED_IN],
  'GET /api/roll-up-publications/:id/files/:format': [`/api/roll-up-publications/${UUID}/files/docx`, SIGNED_IN],
  // roll-up: end
  // reminders: start
  'GET /api/monthly-reports/board': ['/api/monthly-reports/board?from=2025-01&to=2025-03', ['leader', 'office', 'admin']],
  'POST /api/monthly-reports/reminders': ['/api/monthly-reports/reminders', ['office']],
  'GET /api/office-settings': ['/api/office-settings', ['office', 'admin']],
  'PUT /api/office-settings/:key': ['/api/office-settings/project-idle-days', ['office']],
  'GET /api/document-settings': ['/api/document-settings', ['leader', 'office', 'admin']],
  'PUT /api/document-settings/:key': ['/api/document-settings/issuer', ['office']],
  'GET /api/admin/queues': ['/api/admin/queues', ['admin']],
  'GET /api/admin/queues/*path': ['/api/admin/queues/api/queues', ['admin']],
  'PUT /api/admin/queues/*path': ['/api/admin/queues/api/queues/no-such-queue/pause', ['admin']],
  'PATCH /api/admin/queues/*path': ['/api/admin/queues/api/queues/no-such-queue/1/priority', ['admin']],
  'POST /api/admin/queues/*path': ['/api/admin/queues/api/queues/no-such-queue/add', ['admin']],
  // reminders: end
  // meetings: start
  'GET /api/meetings': ['/api/meetings', SIGNED_IN],
  'GET /api/meetings/:id': [`/api/meetings/${UUID}`, SIGNED_IN],
  'POST /api/meetings': ['/api/meetings', ['staff', 'office']],
  'PATCH /api/meetings/:id': [`/api/meetings/${UUID}`, ['staff', 'office']],
  'POST /api/meetings/:id/action-items': [`/api/meetings/${UUID}/action-items`, ['staff', 'office']],
  'GET /api/action-items': ['/api/action-items', SIGNED_IN],
  'GET /api/action-items/:id': [`/api/action-items/${UUID}`, SIGNED_IN],
  'POST /api/action-items/:id/status': [`/api/action-items/${UUID}/status`, SIGNED_IN],
  'POST /api/action-items/:id/notes': [`/api/action-items/${UUID}/notes`, SIGNED_IN],
  // meetings: end
  // meeting-pack: start
  'GET /api/meetings/:id/pack': [`/api/meetings/${UUID}/pack`, SIGNED_IN],
  'GET /api/meetings/:id/pack.docx': [`/api/meetings/${UUID}/pack.docx`, SIGNED_IN],
  // meeting-pack: end
  // meeting-schedule: start
  'GET /api/meeting-schedule': ['/api/meeting-schedule', SIGNED_IN],
  'PUT /api/meeting-schedule/:chain': ['/api/meeting-schedule/clean-energy', ['office']],
  // meeting-schedule: end
  // weekly-digest: start
  'GET /api/digests/weekly': ['/api/digests/weekly?week=2025-03-10', SIGNED_IN],
  // weekly-digest: end
  // action-item-summary: start
  'GET /api/action-items/summary': ['/api/action-items/summary?by=unit&asOf=2025-03-31', SIGNED_IN],
  // action-item-summary: end
  // cockpit: start
  'GET /api/cockpit': ['/api/cockpit?year=2025&month=6', ['leader', 'office', 'admin']],
  'GET /api/cockpit/alerts': ['/api/cockpit/alerts', ['leader', 'office', 'admin']],
  'GET /api/cockpit/chains/:code': ['/api/cockpit/chains/metallurgy?year=2025&month=6', ['leader', 'office', 'admin']],
  'GET /api/settings/alerts': ['/api/settings/alerts', ['leader', 'office', 'admin']],
  'PUT /api/settings/alerts': ['/api/settings/alerts', ['office']],
  'GET /api/projects/:id/instructions': [`/api/projects/${UUID}/instructions`, SIGNED_IN],
  'POST /api/projects/:id/instructions': [`/api/projects/${UUID}/instructions`, ['leader']],
  'POST /api/projects/:id/instructions/opened': [`/api/projects/${UUID}/instructions/opened`, SIGNED_IN],
  'POST /api/projects/:id/instructions/:instructionId/acknowledgement': [
    `/api/projects/${UUID}/instructions/${UUID}/acknowledgement`,
    SIGNED_IN,
  ],
  'POST /api/projects/:id/instructions/:instructionId/replies': [`/api/projects/${UUID}/instructions/${UUID}/replies`, SIGNED_IN],
  // cockpit: end
  // plan: start
  'GET /api/plans': ['/api/plans', SIGNED_IN],
  'GET /api/plans/:year': ['/api/plans/2025', SIGNED_IN],
  'GET /api/plans/:year/diff': ['/api/plans/2025/diff', SIGNED_IN],
  'POST /api/plans/:year/draft': ['/api/plans/2099/draft', ['office']],
  'PUT /api/plans/:year': ['/api/plans/2098', ['office']],
  'PUT /api/plans/:year/targets/:chain': ['/api/plans/2098/targets/clean-energy', ['office']],
  'PUT /api/plans/:year/sector-growth': ['/api/plans/2098/sector-growth', ['office']],
  'POST /api/plans/:year/key-tasks': ['/api/plans/2098/key-tasks', ['office']],
  'PUT /api/plans/:year/key-tasks/:id': ['/api/plans/2098/key-tasks/1', ['office']],
  'DELETE /api/plans/:year/key-tasks/:id': ['/api/plans/2098/key-tasks/1', ['office']],
  'PUT /api/plans/:year/key-tasks/:id/goals/:goalId': ['/api/plans/2098/key-tasks/1/goals/1', ['staff', 'office']],
  'POST /api/plans/:year/publish': ['/api/plans/2098/publish', ['office']],
  'GET /api/plans/baselines': ['/api/plans/baselines', SIGNED_IN],
  'PUT /api/plans/baselines': ['/api/plans/baselines', ['office']],
  'GET /api/plans/roles': ['/api/plans/roles', SIGNED_IN],
  'POST /api/plans/roles': ['/api/plans/roles', ['office']],
  'PATCH /api/plans/roles/:kind/:id': ['/api/plans/roles/leader/999999', ['office']],
  'POST /api/plans/units/:id/rename': ['/api/plans/units/999999/rename', ['office']],
  'GET /api/plans/:year/workbook': ['/api/plans/2025/workbook', SIGNED_IN],
  'POST /api/plans/:year/imports': ['/api/plans/2098/imports', ['office']],
  'GET /api/plans/imports/:id': [`/api/plans/imports/${UUID}`, ['office']],
  'POST /api/plans/imports/:id/commit': [`/api/plans/imports/${UUID}/commit`, ['office']],
  'GET /api/plans/people/:id/posts': ['/api/plans/people/1/posts', SIGNED_IN],
  'POST /api/plans/people/:id/posts': ['/api/plans/people/999999/posts', ['office']],
  'POST /api/plans/units/:id/merge': ['/api/plans/units/999999/merge', ['office']],
  // plan: end
  // files: start
  'GET /api/files': [`/api/files?ownerType=project&ownerId=${UUID}`, SIGNED_IN],
  'POST /api/files': ['/api/files', SIGNED_IN],
  'GET /api/files/:id/content': [`/api/files/${UUID}/content`, SIGNED_IN],
  'DELETE /api/files/:id': [`/api/files/${UUID}`, SIGNED_IN],
  // files: end
  // pre-reviews: start
  'POST /api/projects/:id/evaluations/:evaluationId/pre-reviews': [`/api/projects/${UUID}/evaluations/${UUID}/pre-reviews`, ['staff']],
  'POST /api/projects/:id/evaluations/:evaluationId/pre-reviews/:requestId/withdrawal': [
    `/api/projects/${UUID}/evaluations/${UUID}/pre-reviews/${UUID}/withdrawal`,
    ['staff'],
  ],
  'POST /api/projects/:id/evaluations/:evaluationId/pre-review-override': [
    `/api/projects/${UUID}/evaluations/${UUID}/pre-review-override`,
    ['office'],
  ],
  'GET /api/pre-reviews': ['/api/pre-reviews', ['staff']],
  'GET /api/pre-reviews/:requestId': [`/api/pre-reviews/${UUID}`, ['staff']],
  'POST /api/pre-reviews/:requestId/answer': [`/api/pre-reviews/${UUID}/answer`, ['staff']],
  // pre-reviews: end
  // Last: it ends the session it is called with.
  'POST /api/auth/sign-out': ['/api/auth/sign-out', SIGNED_IN],
};

/**
 * The routes Express actually serves, as "METHOD /path". Left out: the OpenAPI docs (public by
 * design) and Nest's catch-alls under the prefix, which only answer 404.
 */
const NOT_ROUTES = ['/api$', '/api/{*path}'];
function servedRoutes(t: TestApp): string[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> } };
  const express = t.app.getHttpAdapter().getInstance() as unknown as { router: { stack: Layer[] } };
  const stack = express.router.stack;
  return stack
    .filter((layer) => layer.route && !layer.route.path.startsWith('/api/docs') && !NOT_ROUTES.includes(layer.route.path))
    .flatMap((layer) =>
      Object.keys(layer.route?.methods ?? {})
        .filter((m) => m !== '_all')
        .map((m) => `${m.toUpperCase()} ${layer.route?.path}`),
    );
}

describe('route × role policies', () => {
  let t: TestApp;
  const agents = {} as Record<Role, SignedInAgent>;

  beforeAll(async () => {
    t = await createTestApp([AppModule], { SIGN_IN_RATE_PER_MINUTE: '1000' });
    agents.staff = await signInAs(t, { roles: ['staff'], unit: '市能源局' });
    agents.leader = await signInAs(t, { roles: ['leader'], person: '徐进' });
    agents.office = await signInAs(t, { roles: ['office'] });
    agents.admin = await signInAs(t, { roles: ['admin'] });
  });
  afterAll(() => t.close());

  it('has a decided policy for every route the app serves', () => {
    const undecided = servedRoutes(t).filter((route) => !(route in POLICIES));
    expect(undecided).toEqual([]);
    const gone = Object.keys(POLICIES).filter((route) => !servedRoutes(t).includes(route));
    expect(gone).toEqual([]);
  });

  const call = (who: Who, method: string, path: string) => {
    if (who === 'anonymous') {
      const server = request(t.app.getHttpServer());
      if (method === 'GET') return server.get(path);
      if (method === 'DELETE') return server.delete(path);
      return server[method.toLowerCase() as 'post' | 'patch' | 'put'](path).send({});
    }
    const agent = agents[who];
    if (method === 'GET') return agent.get(path);
    if (method === 'DELETE') return agent.delete(path);
    return agent[method.toLowerCase() as 'post' | 'patch' | 'put'](path, {});
  };

  it.each(Object.entries(POLICIES))('%s', async (route, [path, allowed]) => {
    const method = route.split(' ')[0];
    for (const who of EVERYONE) {
      const res = await call(who, method, path);
      const verdict = `${who} → ${res.status}`;
      // Never a 500, whoever calls and with whatever (here an empty) body.
      expect([verdict, res.status >= 500]).toEqual([verdict, false]);
      if (allowed.includes(who)) {
        expect([verdict, [401, 403].includes(res.status)]).toEqual([verdict, false]);
      } else {
        expect(verdict).toBe(`${who} → ${who === 'anonymous' ? 401 : 403}`);
      }
    }
  });
});
