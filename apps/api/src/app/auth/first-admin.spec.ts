import { createTestApp, type TestApp } from '@crm/api/testing';
import request from 'supertest';
import { FirstAdmin } from '@crm/api/auth';

describe('first start: the first admin account', () => {
  describe('without ADMIN_PASSWORD', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp([], { ADMIN_USERNAME: 'chief' });
    });
    afterAll(() => t.close());

    it('creates one admin with a generated password, printed once, to be changed at first sign-in', async () => {
      const printed: string[] = [];
      const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        printed.push(String(chunk));
        return true;
      });
      try {
        await t.app.get(FirstAdmin).ensure();
        await t.app.get(FirstAdmin).ensure();
      } finally {
        write.mockRestore();
      }
      const output = printed.join('');
      const password = /initial password[^:]*: (\S+)/.exec(output)?.[1];
      expect(password).toBeDefined();
      expect(output.match(/initial password/g)).toHaveLength(1);

      const admins = await t.dataSource.query(`SELECT username, must_change_password FROM app_user WHERE 'admin' = ANY(roles)`);
      expect(admins).toEqual([{ username: 'chief', must_change_password: true }]);
      const res = await request(t.app.getHttpServer()).post('/api/auth/sign-in').send({ username: 'chief', password }).expect(200);
      expect(res.body.mustChangePassword).toBe(true);
    });
  });

  describe('with ADMIN_PASSWORD', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp([], { ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'configured-password-1' });
    });
    afterAll(() => t.close());

    it('uses it and prints nothing', async () => {
      const write = jest.spyOn(process.stdout, 'write');
      try {
        await t.app.get(FirstAdmin).ensure();
        expect(write.mock.calls.join('')).not.toContain('configured-password-1');
      } finally {
        write.mockRestore();
      }
      const res = await request(t.app.getHttpServer())
        .post('/api/auth/sign-in')
        .send({ username: 'admin', password: 'configured-password-1' })
        .expect(200);
      expect(res.body).toMatchObject({ roles: ['admin'], mustChangePassword: false });
    });
  });
});
