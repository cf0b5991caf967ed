import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';

/** After this many failed tries a copy is given up on (the in-app notification stays). */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** Copies older than this are not sent any more: late news by e-mail is noise. */
const DELIVERY_WINDOW = `interval '7 days'`;
const BATCH = 200;

/**
 * The copies of notifications outside the app: e-mail through SMTP (SMTP_URL) to users who have
 * an address, and one group-robot message per reminder wave (WEBHOOK_URL; WeCom and DingTalk both
 * take {msgtype: 'text'}). In-app notifications are the record; these are sent after it is
 * committed, each row claimed with SKIP LOCKED so two workers never send the same copy, and
 * stamped when sent so a later run retries only what failed.
 */
@Injectable()
export class NotificationDeliveryService implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationDeliveryService.name);
  private readonly smtpUrl: string | null;
  private readonly mailFrom: string;
  private readonly webhookUrl: string | null;
  private transport: Transporter | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: ConfigService,
  ) {
    this.smtpUrl = config.get<string>('SMTP_URL') || null;
    this.mailFrom = config.get<string>('MAIL_FROM') || 'crm@localhost';
    this.webhookUrl = config.get<string>('WEBHOOK_URL') || null;
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }

  async deliver(now: Date): Promise<{ emails: number; webhooks: number }> {
    const emails = this.smtpUrl ? await this.deliverEmails(now) : 0;
    const webhooks = this.webhookUrl ? await this.deliverWebhooks(now) : 0;
    return { emails, webhooks };
  }

  private async deliverEmails(now: Date): Promise<number> {
    this.transport ??= createTransport(this.smtpUrl as string);
    const transport = this.transport;
    return this.dataSource.transaction(async (tx) => {
      const rows: { id: string; email: string; title: string; body: string }[] =
        await tx.query(
          `SELECT n.id, a.email, n.title, n.body FROM notification n JOIN app_user a ON a.id = n.user_id
         WHERE n.emailed_at IS NULL AND n.email_attempts < $2 AND a.email IS NOT NULL AND a.active
           AND n.created_at > $1::timestamptz - ${DELIVERY_WINDOW}
         ORDER BY n.created_at LIMIT ${BATCH} FOR UPDATE OF n SKIP LOCKED`,
          [now, MAX_DELIVERY_ATTEMPTS],
        );
      let sent = 0;
      for (const row of rows) {
        try {
          await transport.sendMail({
            from: this.mailFrom,
            to: row.email,
            subject: row.title,
            text: row.body || row.title,
          });
          await tx.query(
            `UPDATE notification SET emailed_at = $2 WHERE id = $1`,
            [row.id, now],
          );
          sent++;
        } catch (error) {
          this.logger.warn(
            `e-mail to ${row.email} failed: ${(error as Error).message}`,
          );
          await tx.query(
            `UPDATE notification SET email_attempts = email_attempts + 1 WHERE id = $1`,
            [row.id],
          );
        }
      }
      return sent;
    });
  }

  /** One message per (period, kind) wave, naming the units it concerns. */
  private async deliverWebhooks(now: Date): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const rows: {
        unit_id: number;
        period: string;
        kind: string;
        unit_name: string;
      }[] = await tx.query(
        `SELECT r.unit_id, r.period, r.kind, u.name AS unit_name FROM reminder_sent r JOIN unit u ON u.id = r.unit_id
         WHERE r.webhook_sent_at IS NULL AND r.recipients IS NOT NULL AND r.webhook_attempts < $2
           AND r.sent_at > $1::timestamptz - ${DELIVERY_WINDOW}
         ORDER BY r.period, r.kind, u.name LIMIT ${BATCH} FOR UPDATE OF r SKIP LOCKED`,
        [now, MAX_DELIVERY_ATTEMPTS],
      );
      const waves = new Map<string, typeof rows>();
      for (const row of rows)
        waves.set(`${row.period}|${row.kind}`, [
          ...(waves.get(`${row.period}|${row.kind}`) ?? []),
          row,
        ]);
      let sent = 0;
      for (const wave of waves.values()) {
        const { period, kind } = wave[0];
        const keys = [wave.map((r) => r.unit_id), period, kind] as const;
        if (
          await this.postWebhook(
            webhookText(
              period,
              kind,
              wave.map((r) => r.unit_name),
            ),
          )
        ) {
          await tx.query(
            `UPDATE reminder_sent SET webhook_sent_at = $4 WHERE unit_id = ANY($1::int[]) AND period = $2 AND kind = $3`,
            [...keys, now],
          );
          sent++;
        } else {
          await tx.query(
            `UPDATE reminder_sent SET webhook_attempts = webhook_attempts + 1 WHERE unit_id = ANY($1::int[]) AND period = $2 AND kind = $3`,
            [...keys],
          );
        }
      }
      return sent;
    });
  }

  private async postWebhook(content: string): Promise<boolean> {
    try {
      const res = await fetch(this.webhookUrl as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ msgtype: 'text', text: { content } }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) this.logger.warn(`webhook answered ${res.status}`);
      return res.ok;
    } catch (error) {
      this.logger.warn(`webhook failed: ${(error as Error).message}`);
      return false;
    }
  }
}

export function webhookText(
  period: string,
  kind: string,
  units: string[],
): string {
  const list = units.join('、');
  return kind === 'escalation'
    ? `【逾期未报】以下单位未按期报送 ${period} 月报：${list}。请责任领导督促。/ Overdue ${period} monthly reports: ${list}.`
    : `【月报催报】以下单位尚未报送 ${period} 月报：${list}。请于截止日前报送。/ ${period} monthly reports not yet submitted: ${list}.`;
}
