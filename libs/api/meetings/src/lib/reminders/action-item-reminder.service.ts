import { NotificationWriter } from '@crm/api/core';
import { shanghaiToday } from '@crm/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ownerRecipients } from '../action-items/action-item.service';

/** The local hour (Asia/Shanghai) at which a day's reminders fall due, as the daily reminders. */
export const ACTION_ITEM_REMINDER_HOUR = 8;
/** Days before the due date the owner is reminded, when the office has not set it. */
export const DEFAULT_ACTION_ITEM_REMINDER_DAYS = 3;

export type ActionItemReminderKind = 'action-item-due' | 'action-item-overdue';

export interface ActionItemReminderSent {
  actionItemId: string;
  kind: ActionItemReminderKind;
  dueOn: string;
  recipients: string[];
}

interface DueItem {
  id: string;
  text: string;
  due_on: string;
  owner_unit_id: number;
  owner_user_id: string | null;
}

/**
 * 交办事项提醒: N days before an item's due date its owner is reminded (N: the office setting
 * action-item-reminder-days); the day after, an item not done is marked overdue and the owner
 * told. A day's reminders fall due at 08:00 Shanghai time; each run sends what has fallen due and
 * is not yet sent, so a run after an outage catches up (an item whose whole reminder window fell
 * in the outage gets its overdue notice only). action_item_reminder_sent's key (item, kind, due
 * date) is taken in the transaction that writes the notification: a second run finds it taken.
 */
@Injectable()
export class ActionItemReminderService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationWriter,
  ) {}

  async run(now: Date): Promise<ActionItemReminderSent[]> {
    // The latest date whose morning has come.
    const through = shanghaiToday(new Date(now.getTime() - ACTION_ITEM_REMINDER_HOUR * 3600_000));
    const [setting] = await this.dataSource.query(
      `SELECT value FROM office_setting WHERE key = 'action-item-reminder-days'`,
    );
    const days: number = setting?.value ?? DEFAULT_ACTION_ITEM_REMINDER_DAYS;
    const select = (kind: ActionItemReminderKind, window: string): Promise<DueItem[]> =>
      this.dataSource.query(
        `SELECT a.id, a.text, a.due_on::text AS due_on, a.owner_unit_id, a.owner_user_id
         FROM action_item a
         WHERE a.status <> 'done' AND ${window}
           AND NOT EXISTS (SELECT 1 FROM action_item_reminder_sent s
                           WHERE s.action_item_id = a.id AND s.kind = $3 AND s.due_on = a.due_on)
         ORDER BY a.due_on, a.created_at, a.id`,
        [through, days, kind],
      );
    const due = await select('action-item-due', `a.due_on >= $1::date AND a.due_on - $2::int <= $1::date`);
    const overdue = await select('action-item-overdue', `a.due_on < $1::date AND $2::int IS NOT NULL`);
    const sent: ActionItemReminderSent[] = [];
    for (const item of due) {
      const s = await this.send('action-item-due', item, now, through);
      if (s) sent.push(s);
    }
    for (const item of overdue) {
      const s = await this.send('action-item-overdue', item, now, through);
      if (s) sent.push(s);
    }
    return sent;
  }

  private send(kind: ActionItemReminderKind, item: DueItem, now: Date, today: string): Promise<ActionItemReminderSent | null> {
    return this.dataSource.transaction(async (tx) => {
      // Taking the key first: a concurrent run waits on it, then finds it taken.
      const claimed = await tx.query(
        `INSERT INTO action_item_reminder_sent (action_item_id, kind, due_on, sent_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (action_item_id, kind, due_on) DO NOTHING RETURNING action_item_id`,
        [item.id, kind, item.due_on, now],
      );
      if (!claimed.length) return null;
      // Done meanwhile (between the query and the claim): keep the key, tell nobody.
      const [current] = await tx.query(`SELECT status FROM action_item WHERE id = $1 FOR UPDATE`, [item.id]);
      if (!current || current.status === 'done') return null;
      const recipients = await ownerRecipients(tx, item.owner_unit_id, item.owner_user_id);
      if (kind === 'action-item-overdue') {
        await tx.query(`UPDATE action_item SET overdue_marked_at = $2 WHERE id = $1`, [item.id, now]);
      }
      const days = Math.round((Date.parse(item.due_on) - Date.parse(today)) / 86_400_000);
      const short = item.text.length > 60 ? `${item.text.slice(0, 59)}…` : item.text;
      const [title, body] =
        kind === 'action-item-due'
          ? [
              `交办事项将于 ${item.due_on} 到期 / Action item due ${item.due_on}：${short}`,
              `${days > 0 ? `还有 ${days} 天到期` : '今日到期'}，请按期办结并登记办理情况。/ ${days > 0 ? `Due in ${days} days` : 'Due today'}: close it with a note of what was done.\n${item.text}`,
            ]
          : [
              `交办事项已逾期（${item.due_on} 到期）/ Action item overdue (due ${item.due_on})：${short}`,
              `该交办事项已超过办结期限，请尽快办理并登记进展。/ Past its due date: act on it and record the progress.\n${item.text}`,
            ];
      // In the claim's transaction: the key and the notifications commit together.
      await this.notifications.notify(tx, recipients, { kind, title, body, link: `/action-items/${item.id}` });
      await tx.query(
        `UPDATE action_item_reminder_sent SET recipients = $4 WHERE action_item_id = $1 AND kind = $2 AND due_on = $3`,
        [item.id, kind, item.due_on, recipients.length],
      );
      return { actionItemId: item.id, kind, dueOn: item.due_on, recipients };
    });
  }
}
