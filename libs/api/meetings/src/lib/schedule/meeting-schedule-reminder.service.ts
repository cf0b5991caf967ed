import { NotificationWriter } from '@crm/api/core';
import { shanghaiToday } from '@crm/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HELD_IN_MONTH, NOTICES_DUE, RECIPIENTS } from './meeting-schedule.queries';

export type MeetingScheduleNoticeKind = 'due' | 'missing';

/** The notification kind of each notice. */
export const MEETING_SCHEDULE_NOTIFICATION_KINDS: Record<MeetingScheduleNoticeKind, 'meeting-due' | 'meeting-missing'> = {
  due: 'meeting-due',
  missing: 'meeting-missing',
};

export interface MeetingScheduleNoticeSent {
  chainId: number;
  month: string;
  kind: MeetingScheduleNoticeKind;
  scheduledOn: string;
  recipients: string[];
}

interface NoticeDue {
  chain_id: number;
  name_zh: string;
  kind: MeetingScheduleNoticeKind;
  scheduled_on: string;
}

/**
 * 月调度会提醒: in the current Shanghai month, from remind_days_before days before a chain's
 * scheduled day up to the day, while no 月调度会 of the chain is recorded in the month, the chair's
 * office (the lead responsible unit's staff) and the chain's leaders are reminded; once the day
 * has passed with none recorded, the office and the leaders are told it is missing. Each once per
 * chain, month and kind: meeting_schedule_notice_sent's key is taken in the transaction that
 * writes the notifications, so a second or concurrent run finds it taken, and a run after an
 * outage sends what fell due meanwhile.
 */
@Injectable()
export class MeetingScheduleReminderService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationWriter,
  ) {}

  async run(now: Date): Promise<MeetingScheduleNoticeSent[]> {
    const today = shanghaiToday(now);
    const month = `${today.slice(0, 7)}-01`;
    const due: NoticeDue[] = await this.dataSource.query(NOTICES_DUE, [month, today]);
    const sent: MeetingScheduleNoticeSent[] = [];
    for (const notice of due) {
      const s = await this.send(notice, month, today, now);
      if (s) sent.push(s);
    }
    return sent;
  }

  private send(notice: NoticeDue, month: string, today: string, now: Date): Promise<MeetingScheduleNoticeSent | null> {
    return this.dataSource.transaction(async (tx) => {
      // Taking the key first: a concurrent run waits on it, then finds it taken.
      const claimed = await tx.query(
        `INSERT INTO meeting_schedule_notice_sent (chain_id, month, kind, sent_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (chain_id, month, kind) DO NOTHING RETURNING chain_id`,
        [notice.chain_id, month, notice.kind, now],
      );
      if (!claimed.length) return null;
      // Recorded meanwhile (between the query and the claim): keep the key, tell nobody.
      const held = await tx.query(HELD_IN_MONTH('$2::smallint'), [month, notice.chain_id]);
      if (held.length) return null;
      const recipients: string[] = (await tx.query(RECIPIENTS, [notice.chain_id, notice.kind, today])).map((r: { id: string }) => r.id);
      const [title, body] = texts(notice);
      // In the claim's transaction: the key and the notifications commit together.
      await this.notifications.notify(tx, recipients, {
        kind: MEETING_SCHEDULE_NOTIFICATION_KINDS[notice.kind],
        title,
        body,
        link: '/meetings/schedule',
      });
      await tx.query(
        `UPDATE meeting_schedule_notice_sent SET recipients = $4 WHERE chain_id = $1 AND month = $2 AND kind = $3`,
        [notice.chain_id, month, notice.kind, recipients.length],
      );
      return { chainId: notice.chain_id, month, kind: notice.kind, scheduledOn: notice.scheduled_on, recipients };
    });
  }
}

function texts(n: NoticeDue): [string, string] {
  const [y, m, d] = n.scheduled_on.split('-').map(Number);
  const date = `${y}年${m}月${d}日`;
  return n.kind === 'due'
    ? [
        `${n.name_zh}月调度会定于${date}召开 / Monthly meeting due ${n.scheduled_on}`,
        `按照月调度会日程，${n.name_zh}本月调度会定于${date}召开，目前尚未登记。请做好会议准备，会后及时登记会议及交办事项。` +
          `/ The chain’s monthly dispatch meeting is scheduled for ${n.scheduled_on} and not yet recorded: prepare it, then record it and its action items.`,
      ]
    : [
        `${n.name_zh}月调度会未按期召开（原定${date}）/ Monthly meeting not held (due ${n.scheduled_on})`,
        `按照月调度会日程，${n.name_zh}本月调度会应于${date}召开，至今未登记召开情况。请督促尽快召开并登记。` +
          `/ The chain’s monthly dispatch meeting was scheduled for ${n.scheduled_on} and none is recorded this month: see that it is held and recorded.`,
      ];
}
