import { shanghaiToday, type NotificationKind } from '@crm/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotificationService } from '../notifications/notification.service';
import { officeSettingValue } from './office-setting.service';

/** The local hour (Asia/Shanghai) at which a day's reminders fall due: the morning. */
export const DAILY_REMINDER_HOUR = 8;
/**
 * A follow-up date more than this many days past when the job first sees it (a long outage, an
 * imported ledger full of old dates) is no longer a reminder but a backlog: the idle reminder
 * covers such projects.
 */
export const FOLLOW_UP_CATCH_UP_DAYS = 7;
/** Names listed in one notification; the rest are counted. */
const LISTED = 20;

export type DailyReminderKind = 'follow-up-due' | 'project-idle';

export interface DailyReminderSent {
  projectId: string;
  kind: DailyReminderKind;
  /** The follow-up date, or the date the project has been idle since. */
  onDate: string;
  recipient: string;
}

interface DueProject {
  id: string;
  name: string;
  owner_id: string;
  on_date: string;
}

/**
 * 跟进提醒 and 久未跟进提醒, to each project's owner. A day's reminders fall due at 08:00 Shanghai
 * time; each run works out from the clock what has fallen due and sends what is not yet sent, so
 * a run after an outage catches up. daily_reminder_sent's key (project, kind, date) is taken in
 * the transaction that writes the notification: a second run, or a second worker, finds it taken.
 * One notification per owner and kind per run lists that owner's projects.
 */
@Injectable()
export class DailyReminderService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async run(now: Date): Promise<DailyReminderSent[]> {
    // The latest date whose morning has come.
    const through = shanghaiToday(
      new Date(now.getTime() - DAILY_REMINDER_HOUR * 3600_000),
    );
    const idleDays = await officeSettingValue(
      this.dataSource.manager,
      'project-idle-days',
    );
    const followUps: DueProject[] = await this.dataSource.query(
      `SELECT p.id, p.name, p.owner_id, p.next_follow_up_on::text AS on_date
       FROM project p JOIN app_user o ON o.id = p.owner_id AND o.active
       WHERE p.status <> 'dropped' AND p.next_follow_up_on <= $1::date AND p.next_follow_up_on > $1::date - $2::int
         AND NOT EXISTS (SELECT 1 FROM daily_reminder_sent s
                         WHERE s.project_id = p.id AND s.kind = 'follow-up-due' AND s.on_date = p.next_follow_up_on)
       ORDER BY p.owner_id, p.next_follow_up_on, p.name`,
      [through, FOLLOW_UP_CATCH_UP_DAYS],
    );
    // Idle since the last activity, or since creation when there was none.
    const idle: DueProject[] = await this.dataSource.query(
      `SELECT id, name, owner_id, since::text AS on_date FROM (
         SELECT p.id, p.name, p.owner_id,
                coalesce(p.last_activity_on, (p.created_at AT TIME ZONE 'Asia/Shanghai')::date) AS since
         FROM project p JOIN app_user o ON o.id = p.owner_id AND o.active
         WHERE p.status = 'active') x
       WHERE since <= $1::date - $2::int
         AND NOT EXISTS (SELECT 1 FROM daily_reminder_sent s
                         WHERE s.project_id = x.id AND s.kind = 'project-idle' AND s.on_date = x.since)
       ORDER BY owner_id, since, name`,
      [through, idleDays],
    );
    return [
      ...(await this.sendAll('follow-up-due', followUps, now, idleDays)),
      ...(await this.sendAll('project-idle', idle, now, idleDays)),
    ];
  }

  private async sendAll(
    kind: DailyReminderKind,
    projects: DueProject[],
    now: Date,
    idleDays: number,
  ): Promise<DailyReminderSent[]> {
    const byOwner = new Map<string, DueProject[]>();
    for (const p of projects)
      byOwner.set(p.owner_id, [...(byOwner.get(p.owner_id) ?? []), p]);
    const sent: DailyReminderSent[] = [];
    for (const [owner, list] of byOwner) {
      sent.push(...(await this.send(kind, owner, list, now, idleDays)));
    }
    return sent;
  }

  private send(
    kind: DailyReminderKind,
    owner: string,
    projects: DueProject[],
    now: Date,
    idleDays: number,
  ): Promise<DailyReminderSent[]> {
    return this.dataSource.transaction(async (tx) => {
      // Taking the keys first: a concurrent run waits on them, then finds them taken.
      const claimed: { project_id: string; on_date: string }[] = await tx.query(
        `INSERT INTO daily_reminder_sent (project_id, kind, on_date, sent_at, recipient)
         SELECT p, $2, d, $3, $4 FROM unnest($1::uuid[], $5::date[]) AS x(p, d)
         ON CONFLICT (project_id, kind, on_date) DO NOTHING
         RETURNING project_id, on_date::text AS on_date`,
        [
          projects.map((p) => p.id),
          kind,
          now,
          owner,
          projects.map((p) => p.on_date),
        ],
      );
      if (!claimed.length) return [];
      const taken = new Set(claimed.map((c) => `${c.project_id}|${c.on_date}`));
      const mine = projects.filter((p) => taken.has(`${p.id}|${p.on_date}`));
      await this.notifications.notify(
        tx,
        [owner],
        kind === 'follow-up-due'
          ? followUpNotice(mine)
          : idleNotice(mine, idleDays, shanghaiToday(now)),
      );
      return mine.map((p) => ({
        projectId: p.id,
        kind,
        onDate: p.on_date,
        recipient: owner,
      }));
    });
  }
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

function listOf(projects: DueProject[], line: (p: DueProject) => string) {
  const lines = projects.slice(0, LISTED).map((p) => `• ${line(p)}`);
  if (projects.length > LISTED)
    lines.push(
      `……等共 ${projects.length} 个项目 / ${projects.length} projects in all`,
    );
  return lines.join('\n');
}

function notice(
  kind: NotificationKind,
  projects: DueProject[],
  title: string,
  body: string,
) {
  return {
    kind,
    title: title.length > 200 ? `${title.slice(0, 199)}…` : title,
    body,
    link: projects.length === 1 ? `/projects/${projects[0].id}` : '/projects',
  };
}

function followUpNotice(projects: DueProject[]) {
  const [first] = projects;
  const title =
    projects.length === 1
      ? `跟进提醒：${first.name}（${first.on_date}）/ Follow-up due: ${first.name} (${first.on_date})`
      : `跟进提醒：${projects.length} 个项目到了计划跟进日期 / ${projects.length} of your projects are due for a follow-up`;
  return notice(
    'follow-up-due',
    projects,
    title,
    `以下项目到了计划的下次跟进日期，请及时跟进并登记。/ These projects are due for the follow-up you planned.\n${listOf(
      projects,
      (p) => `${p.name}（${p.on_date}）`,
    )}`,
  );
}

function idleNotice(projects: DueProject[], idleDays: number, today: string) {
  const [first] = projects;
  const title =
    projects.length === 1
      ? `久未跟进：${first.name} 已 ${daysBetween(first.on_date, today)} 天无跟进记录 / No activity on ${first.name} for ${daysBetween(first.on_date, today)} days`
      : `久未跟进：${projects.length} 个项目超过 ${idleDays} 天无跟进记录 / ${projects.length} of your projects have had no activity for ${idleDays}+ days`;
  return notice(
    'project-idle',
    projects,
    title,
    `以下项目超过 ${idleDays} 天没有跟进记录，请跟进或更新项目状态。/ No activity for more than ${idleDays} days: follow up, or update the project's status.\n${listOf(
      projects,
      (p) => `${p.name}（最近跟进 / last activity ${p.on_date}）`,
    )}`,
  );
}
