import { QueueModule } from '@crm/api/core';
import { createTestApp, createTestUser, type TestApp } from '@crm/api/testing';
import { ManualClock } from '@crm/domain';
import {
  createServer as createHttpServer,
  type Server as HttpServer,
} from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { MonthlyReminderService } from '../reminders/monthly-reminder.service';
import { ReportingJobsModule } from '../reporting.module';
import { NotificationDeliveryService } from './notification-delivery.service';

/** Just enough SMTP for nodemailer: collects each message's recipients and data. */
function smtpServer(received: { to: string[]; data: string }[]): Server {
  return createServer((socket) => {
    let to: string[] = [];
    let data: string | null = null;
    let buffer = '';
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (data !== null) {
          if (line === '.') {
            received.push({ to, data });
            data = null;
            to = [];
            socket.write('250 queued\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 test\r\n');
        else if (verb === 'RCPT') {
          to.push(/<([^>]+)>/.exec(line)?.[1] ?? '');
          socket.write('250 ok\r\n');
        } else if (verb === 'DATA') {
          data = '';
          socket.write('354 go on\r\n');
        } else if (verb === 'QUIT') {
          socket.end('221 bye\r\n');
        } else socket.write('250 ok\r\n');
      }
    });
  });
}

const listen = async (server: Server | HttpServer) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

describe('notification copies: e-mail (SMTP) and group-robot webhook', () => {
  const clock = new ManualClock('2025-03-18T10:00:00+08:00');
  const mails: { to: string[]; data: string }[] = [];
  const hooks: { msgtype: string; text: { content: string } }[] = [];
  let failHooks = true;
  let smtp: Server;
  let http: HttpServer;
  let t: TestApp;

  beforeAll(async () => {
    smtp = smtpServer(mails);
    http = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (failHooks) {
          res.writeHead(500).end();
          return;
        }
        hooks.push(JSON.parse(body));
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"errcode":0}');
      });
    });
    const [smtpPort, httpPort] = [await listen(smtp), await listen(http)];
    t = await createTestApp(
      [QueueModule, ReportingJobsModule.withClock(clock)],
      {
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_FROM: 'crm@test.local',
        // A configured schedule: one reminder a week before, at 10:00.
        REPORT_REMINDER_SCHEDULE: 'week-before:7@10;escalation+9',
        WEBHOOK_URL: `http://127.0.0.1:${httpPort}/robot`,
      },
    );
    const staff = await createTestUser(t, {
      roles: ['staff'],
      unit: '市能源局',
    });
    await createTestUser(t, { roles: ['staff'], unit: '市数据局' }); // no address: in-app only
    await t.dataSource.query(
      `UPDATE app_user SET email = 'energy@test.local' WHERE id = $1`,
      [staff.id],
    );
  });
  afterAll(async () => {
    smtp.close();
    http.closeAllConnections();
    http.close();
    await t?.close();
  });

  it('e-mails each notification once to users with an address, and posts one message per wave, retrying a failed post', async () => {
    const sent = await t.app.get(MonthlyReminderService).run(clock.now());
    expect(sent).toHaveLength(8);
    expect(new Set(sent.map((s) => s.kind))).toEqual(new Set(['week-before']));
    const delivery = t.app.get(NotificationDeliveryService);

    expect(await delivery.deliver(clock.now())).toEqual({
      emails: 1,
      webhooks: 0,
    });
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['energy@test.local']);
    expect(mails[0].data).toMatch(/^Subject: /m);
    expect(hooks).toEqual([]);

    failHooks = false;
    expect(await delivery.deliver(clock.now())).toEqual({
      emails: 0,
      webhooks: 1,
    });
    expect(hooks).toHaveLength(1);
    expect(hooks[0].msgtype).toBe('text');
    expect(hooks[0].text.content).toContain('【月报催报】');
    expect(hooks[0].text.content).toContain('市能源局');

    // Nothing twice.
    expect(await delivery.deliver(clock.now())).toEqual({
      emails: 0,
      webhooks: 0,
    });
    expect(mails).toHaveLength(1);
    expect(hooks).toHaveLength(1);
  });
});
