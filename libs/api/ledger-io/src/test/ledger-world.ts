import { PipelineModule } from '@crm/api/pipeline';
import { createTestApp, signInAs, type SignedInAgent, type TestApp } from '@crm/api/testing';
import request from 'supertest';
import { LedgerIoModule } from '../lib/ledger-io.module';
import { loadWorkbook } from '@crm/api/core';

/**
 * A test app with the pipeline and the ledger area:
 * - staff: unit 市数据局 (清洁能源 only); otherStaff: 市文体旅游广电局 (文化旅游 only)
 * - leader: 肖军 (reads 清洁能源); office and admin read every chain
 */
export interface LedgerWorld {
  t: TestApp;
  staff: SignedInAgent;
  otherStaff: SignedInAgent;
  leader: SignedInAgent;
  office: SignedInAgent;
  admin: SignedInAgent;
  close(): Promise<void>;
}

export async function createLedgerWorld(
  env: Record<string, string> = {},
  extra: Parameters<typeof createTestApp>[0] = [],
): Promise<LedgerWorld> {
  const t = await createTestApp([PipelineModule, LedgerIoModule, ...extra], { SIGN_IN_RATE_PER_MINUTE: '1000', ...env });
  const [staff, otherStaff, leader, office, admin] = await Promise.all([
    signInAs(t, { roles: ['staff'], unit: '市数据局' }),
    signInAs(t, { roles: ['staff'], unit: '市文体旅游广电局' }),
    signInAs(t, { roles: ['leader'], person: '肖军' }),
    signInAs(t, { roles: ['office'] }),
    signInAs(t, { roles: ['admin'] }),
  ]);
  return { t, staff, otherStaff, leader, office, admin, close: () => t.close() };
}

/** Reads a binary response body whole. */
export function binary(test: request.Test): request.Test {
  return test.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

/** Downloads an .xlsx and opens its first sheet. */
export async function downloadSheet(test: request.Test) {
  const res = await binary(test).expect(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const workbook = await loadWorkbook(res.body as Buffer);
  return { sheet: workbook.worksheets[0], body: res.body as Buffer };
}

/**
 * A multipart POST as the agent (SignedInAgent.post always sends a JSON body, which cannot be
 * mixed with attachments): the agent's cookie and CSRF header on a fresh request. The agent sets
 * them as a request is sent (signing in again when the test clock outran its session), so a probe
 * request is sent first and its headers copied.
 */
export function postAs(w: LedgerWorld, agent: SignedInAgent, path: string): request.Test {
  const test = request(w.t.app.getHttpServer()).post(path);
  const end = test.end.bind(test);
  test.end = ((callback?: Parameters<request.Test['end']>[0]) => {
    const probe = agent.get('/api/auth/me');
    probe.end(() => {
      test.set('Cookie', probe.get('Cookie')).set('X-XSRF-TOKEN', probe.get('X-XSRF-TOKEN'));
      end(callback);
    });
    return test;
  }) as request.Test['end'];
  return test;
}
