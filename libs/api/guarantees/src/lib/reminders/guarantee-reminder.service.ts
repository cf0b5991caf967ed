import { NotificationWriter } from '@crm/api/core';
import { GUARANTEE_KIND_LABELS, GUARANTEE_STATUS_LABELS, guaranteeNeedText, shanghaiToday } from '@crm/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { loadRequests } from '../requests/guarantee-request.rows';
import { unitStaff } from '../requests/guarantee-request.service';

/** The local hour (Asia/Shanghai) at which a day's reminders fall due, as the other reminders. */
export const GUARANTEE_REMINDER_HOUR = 8;

export interface GuaranteeReminderSent {
  requestId: string;
  dueOn: string;
  recipients: string[];
}

/**
 * 要素保障逾期提醒: the morning after a request's due date (08:00 Shanghai time), a request neither
 * secured nor found impossible is overdue, and the addressed bureau's staff and the sender are told,
 * once for that request and due date. Each run works out from the clock what is overdue and sends
 * what is not yet sent, so a run after an outage sends one reminder per overdue request — not one per
 * day missed. guarantee_reminder_sent's key (request, due date) is taken in the transaction that
 * writes the notifications: a concurrent run, or a second worker, finds it taken. A new due date
 * is a new key, so it is reminded again when it passes in turn.
 */
@Injectable()
export class GuaranteeReminderService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationWriter,
  ) {}

  async run(now: Date): Promise<GuaranteeReminderSent[]> {
    // The latest date whose morning has come: a due date before it has passed.
    const through = shanghaiToday(new Date(now.getTime() - GUARANTEE_REMINDER_HOUR * 3600_000));
    const due: { id: string; due_on: string }[] = await this.dataSource.query(
      `SELECT g.id, g.due_on::text AS due_on FROM guarantee_request g JOIN project p ON p.id = g.project_id
       WHERE g.status NOT IN ('secured', 'cannot-meet') AND g.due_on < $1::date AND p.status <> 'dropped'
         AND NOT EXISTS (SELECT 1 FROM guarantee_reminder_sent s WHERE s.request_id = g.id AND s.due_on = g.due_on)
       ORDER BY g.due_on, g.sent_at, g.id`,
      [through],
    );
    const sent: GuaranteeReminderSent[] = [];
    for (const r of due) {
      const s = await this.send(r.id, r.due_on, now, through);
      if (s) sent.push(s);
    }
    return sent;
  }

  private send(id: string, dueOn: string, now: Date, today: string): Promise<GuaranteeReminderSent | null> {
    return this.dataSource.transaction(async (tx) => {
      // Taking the key first: a concurrent run waits on it, then finds it taken.
      const claimed = await tx.query(
        `INSERT INTO guarantee_reminder_sent (request_id, due_on, sent_at) VALUES ($1, $2, $3)
         ON CONFLICT (request_id, due_on) DO NOTHING RETURNING request_id`,
        [id, dueOn, now],
      );
      if (!claimed.length) return null;
      // Answered or moved meanwhile (between the query and the claim): keep the key, tell nobody.
      const [row] = await loadRequests(tx, 'g.id = $1', [id], { lock: true });
      if (!row || row.due_on !== dueOn || row.status === 'secured' || row.status === 'cannot-meet') return null;
      const staff = await unitStaff(tx, row.unit_id);
      const sender: { id: string }[] = row.sent_by
        ? await tx.query(`SELECT id FROM app_user WHERE id = $1 AND active`, [row.sent_by])
        : [];
      const recipients = [...new Set([...staff, ...sender.map((s) => s.id)])];
      const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / 86_400_000);
      const need = guaranteeNeedText(row.kind, {
        description: row.description,
        areaMu: row.area_mu,
        powerKw: row.power_kw,
        powerMwhPerYear: row.power_mwh_per_year,
        waterM3PerYear: row.water_m3_per_year,
        gasM3PerYear: row.gas_m3_per_year,
        quantity: row.quantity,
        quantityUnit: row.quantity_unit,
        financeWan: row.finance_wan,
      });
      // In the claim's transaction: the key and the notifications commit together.
      await this.notifications.notify(tx, recipients, {
        kind: 'guarantee-overdue',
        title: `要素保障逾期：${row.project_name} ${GUARANTEE_KIND_LABELS[row.kind]}（${dueOn} 到期，${row.unit_name}）/ Resource request overdue`,
        body: `${row.project_name}的要素保障需求“${need}”已超过办理时限 ${dueOn}${days > 0 ? ` ${days} 天` : ''}，目前状态：${GUARANTEE_STATUS_LABELS[row.status]}。请${row.unit_name}尽快办理并答复。/ Past its due date: please answer it.`,
        link: '/guarantees',
      });
      await tx.query(`UPDATE guarantee_reminder_sent SET recipients = $3 WHERE request_id = $1 AND due_on = $2`, [
        id,
        dueOn,
        recipients.length,
      ]);
      return { requestId: id, dueOn, recipients };
    });
  }
}
