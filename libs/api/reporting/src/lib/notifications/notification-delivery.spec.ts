import { NotificationWriter, QueueModule } from '@crm/api/core';
import { createTestApp, createTestUser, type TestApp } from '@crm/api/testing';
import { ManualClock } from '@crm/domain';
import { REFERENCE_2025 } from '@crm/migrations';
import {
  createServer as createHttpServer,
  type Server as HttpServer,
} from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { MonthlyReminderService } from '../reminders/monthly-reminder.service';
import { ReportingJobsModule } from '../reporting.module';
import { ReportingModule } from '../reporting.module';
import { SubmissionBoardService } from '../reports/submission-board.service';
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

/** The decoded subject and text of a message as nodemailer encodes it (MIME words, QP or base64). */
function decodeMail(data: string): { subject: string; text: string } {
  const [head, ...rest] = data.split('\n\n');
  const headers = head.replace(/\n[ \t]+/g, ' ');
  const words = (value: string) =>
    value
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(
        /=\?utf-8\?([bq])\?([^?]*)\?=/gi,
        (_, enc: string, text: string) =>
          enc.toLowerCase() === 'b'
            ? Buffer.from(text, 'base64').toString('utf8')
            : qp(text.replace(/_/g, ' ')),
      );
  const subject = words(/^Subject: (.*)$/im.exec(headers)?.[1] ?? '');
  const body = rest.join('\n');
  const encoding = /^Content-Transfer-Encoding: (\S+)/im
    .exec(headers)?.[1]
    ?.toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? qp(body.replace(/=\n/g, ''))
        : body;
  return { subject, text };
}

function qp(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Who must report in 2025: the 责任单位, and the units of the published plan's key tasks. */
const REPORTING_UNITS = new Set(
  REFERENCE_2025.chains.flatMap((c) => [
    ...c.responsibleUnits.map((u) => u.unit),
    ...c.keyTasks.flatMap((k) => k.units),
  ]),
);

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
      [
        QueueModule,
        ReportingModule,
        ReportingJobsModule,
      ],
      {
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_FROM: 'crm@test.local',
        // A configured schedule: one reminder a week before, at 10:00.
        REPORT_REMINDER_SCHEDULE: 'week-before:7@10;escalation+9',
        WEBHOOK_URL: `http://127.0.0.1:${httpPort}/robot`,
      }, { clock },
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
    expect(sent).toHaveLength(REPORTING_UNITS.size);
    expect(new Set(sent.map((s) => s.kind))).toEqual(new Set(['week-before']));
    const delivery = t.app.get(NotificationDeliveryService);

    expect(await delivery.deliver(clock.now())).toEqual({
      emails: 1,
      webhooks: 0,
    });
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['energy@test.local']);
    expect(mails[0].data).toMatch(/^Subject: /m);
    // The unit's name and its deadline, in the subject and the text.
    const mail = decodeMail(mails[0].data);
    expect(mail.subject).toContain('市能源局');
    expect(mail.subject).toContain('2025-03-25 24时前报送 2025-03 月报');
    expect(mail.text).toContain(
      '市能源局 2025-03 月报尚未提交，截止时间为 2025-03-25 24时',
    );
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

  it('sends a reminder by hand through every channel, and e-mails the office of a major project', async () => {
    const delivery = t.app.get(NotificationDeliveryService);
    const officeUser = await createTestUser(t, { roles: ['office'] });
    await t.dataSource.query(
      `UPDATE app_user SET email = 'office@test.local' WHERE id = $1`,
      [officeUser.id],
    );
    const [{ id: energy }] = await t.dataSource.query(
      `SELECT id FROM unit WHERE name = '市能源局'`,
    );
    clock.set('2025-03-24T15:00:00+08:00');
    const remind = await t.app.get(SubmissionBoardService).remind(
      {
        id: officeUser.id,
        username: officeUser.username,
        displayName: officeUser.username,
        roles: ['office'],
        unitId: null,
        personId: null,
        chainIds: [],
        allChains: true,
        editableChainIds: [],
        sessionId: 'test',
      },
      { unitId: energy, period: '2025-03' },
    );
    expect(remind.recipients).toBe(1);
    const [{ id: projectId }] = await t.dataSource.query(
      `INSERT INTO project (name, chain_id, investor_name, source_channel, responsible_unit_id, owner_id, major)
       VALUES ('盐湖提锂', (SELECT id FROM chain WHERE code = 'clean-energy'), '某锂业', 'other', $1, $2, true)
       RETURNING id`,
      [energy, officeUser.id],
    );
    // The project writer tells the office through the one NotificationWriter (no trigger since
    // migration 1764925000000); the pipeline is not loaded here, so the notice is written as it would.
    await t.app.get(NotificationWriter).notify(t.dataSource.manager, [officeUser.id], {
      kind: 'major-project',
      title: '重大项目：盐湖提锂 / Major project: 盐湖提锂',
      body: '清洁能源产业链 · 市能源局 · 某锂业',
      link: `/projects/${projectId}`,
    });
    const before = { mails: mails.length, hooks: hooks.length };
    expect(await delivery.deliver(clock.now())).toEqual({
      emails: 2,
      webhooks: 1,
    });
    const sent = mails
      .slice(before.mails)
      .map((m) => ({ to: m.to, ...decodeMail(m.data) }));
    expect(
      sent.find((m) => m.to[0] === 'energy@test.local')?.subject,
    ).toContain('市能源局');
    expect(sent.find((m) => m.to[0] === 'office@test.local')?.subject).toBe(
      '重大项目：盐湖提锂 / Major project: 盐湖提锂',
    );
    expect(hooks.slice(before.hooks).map((h) => h.text.content)).toEqual([
      expect.stringContaining(
        '【月报催报】以下单位尚未报送 2025-03 月报：市能源局',
      ),
    ]);
  });
});
