import { chainFigures, readCockpitPeriodOf, type CockpitChain } from '@crm/api/cockpit';
import { canReadChain, NotificationWriter, type AuthUser, CLOCK, type Clock } from '@crm/api/core';
import { headlineFigures, headlineTargets, signedBetween } from '@crm/api/pipeline';
import {
  shanghaiToday,
  type ChainCode,
  type Role,
  type WeeklyDigestChainSection,
  type WeeklyDigestView,
} from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { digestNotice } from './weekly-digest.notice';
import {
  FUNDS,
  ITEM_NOTES,
  ITEMS_DUE,
  itemView,
  NEW_LEADS,
  OVERDUE_FOLLOW_UPS,
  projectRef,
  RECIPIENTS,
  SIGNINGS,
  STAGE_MOVES,
  type AmountRow,
  type FollowUpRow,
  type SigningRow,
  type ItemNoteRow,
  type ItemRow,
  type ProjectRow,
  type StageMoveRow,
} from './weekly-digest.queries';
import { digestWeek, dueDigestMonday, isMonday, latestMonday } from './weekly-digest.week';

export interface WeeklyDigestSent {
  userId: string;
  week: string;
  notificationId: string;
  chains: ChainCode[];
}

type DigestChain = CockpitChain;

interface RecipientRow {
  id: string;
  username: string;
  display_name: string;
  roles: Role[];
  unit_id: number | null;
  person_id: number | null;
  all_chains: boolean;
  chain_ids: number[];
  editable_chain_ids: number[];
}

/** Sections by chain set, shared by the users of one run who read the same chains. */
type SectionCache = Map<string, Promise<WeeklyDigestChainSection[]>>;

/**
 * 周跟踪: what happened on a person's chains in the week before a Monday (new leads, stage moves,
 * signings, funds recorded), and what is pressing (action items due that week or overdue,
 * follow-ups past their planned date). A person's chains are those they may read, as canReadChain
 * decides for a session: a leader's the chains they lead, staff's those their unit serves, the
 * office's all seven.
 *
 * The worker sends it on Monday mornings, once per person and week: weekly_digest_sent's key
 * (user, Monday) is taken in the transaction that writes the notification, so a second run, or
 * a second worker at the same moment, finds it taken. The e-mail copy goes out with the
 * reporting area's delivery job, which reads the notification table.
 */
@Injectable()
export class WeeklyDigestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly notifications: NotificationWriter,
  ) {}

  /** The user's digest for a Monday (default: the latest Monday on or before today, Shanghai). */
  async forUser(user: AuthUser, monday?: string): Promise<WeeklyDigestView> {
    const week = monday ?? latestMonday(this.clock.now());
    if (!isMonday(week)) throw new Error(`weekly digest: ${week} is not a Monday`);
    return this.digest(user, week, await this.allChains(), new Map());
  }

  /**
   * Sends the digests due: this Monday's when `now` is a Monday from 08:00 Shanghai on (so a
   * missed hourly run is made up by the next), nothing on another day; an explicit week (a
   * Monday not after the latest one) is sent whatever the day, to whoever has not had it.
   */
  async send(now: Date, explicitWeek?: string): Promise<WeeklyDigestSent[]> {
    const monday = explicitWeek ?? dueDigestMonday(now);
    if (monday === null) return [];
    if (!isMonday(monday) || monday > latestMonday(now)) {
      throw new Error(`weekly digest: ${monday} is not a Monday on or before today`);
    }
    const recipients: RecipientRow[] = await this.dataSource.query(RECIPIENTS, [monday, shanghaiToday(now)]);
    const chains = await this.allChains();
    const cache: SectionCache = new Map();
    const sent: WeeklyDigestSent[] = [];
    for (const r of recipients) {
      const user = recipientUser(r);
      if (!chains.some((c) => canReadChain(user, c.id))) continue;
      const view = await this.digest(user, monday, chains, cache);
      const s = await this.deliver(view, now);
      if (s) sent.push(s);
    }
    return sent;
  }

  private deliver(view: WeeklyDigestView, now: Date): Promise<WeeklyDigestSent | null> {
    const notice = digestNotice(view);
    return this.dataSource.transaction(async (tx) => {
      // Taking the key first: a concurrent run waits on it, then finds it taken.
      const claimed = await tx.query(
        `INSERT INTO weekly_digest_sent (user_id, week, sent_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, week) DO NOTHING RETURNING user_id`,
        [view.recipient.id, view.week, now],
      );
      if (!claimed.length) return null;
      // In the claim's transaction: the key and the notification commit together.
      const [id] = await this.notifications.notify(tx, [view.recipient.id], { kind: 'weekly-digest', ...notice });
      await tx.query(`UPDATE weekly_digest_sent SET notification_id = $3 WHERE user_id = $1 AND week = $2`, [
        view.recipient.id,
        view.week,
        id,
      ]);
      return { userId: view.recipient.id, week: view.week, notificationId: id, chains: view.chains.map((c) => c.chain.code) };
    });
  }

  private async digest(user: AuthUser, monday: string, all: DigestChain[], cache: SectionCache): Promise<WeeklyDigestView> {
    const chains = all.filter((c) => canReadChain(user, c.id));
    const key = `${monday}|${chains.map((c) => c.id).join(',')}`;
    let sections = cache.get(key);
    if (!sections) {
      sections = this.sections(chains, monday);
      cache.set(key, sections);
    }
    const { week, from, to } = digestWeek(monday);
    return { week, from, to, recipient: { id: user.id, displayName: user.displayName }, chains: await sections };
  }

  private async allChains(): Promise<DigestChain[]> {
    const rows: { id: number; code: ChainCode; name_zh: string }[] = await this.dataSource.query(
      `SELECT id, code, name_zh FROM chain ORDER BY sort_order, id`,
    );
    return rows.map((r) => ({ id: r.id, code: r.code, nameZh: r.name_zh }));
  }

  /** The chains' sections: seven queries for all of them together. */
  private async sections(chains: DigestChain[], monday: string): Promise<WeeklyDigestChainSection[]> {
    if (!chains.length) return [];
    const { from, to, aheadTo } = digestWeek(monday);
    const ids = chains.map((c) => c.id);
    // The year to date through the period whose window holds the week's Sunday, as every other screen counts it.
    const period = await readCockpitPeriodOf(this.dataSource.manager, to, this.clock.now());
    const q = <T>(sql: string, params: unknown[]): Promise<T[]> => this.dataSource.query(sql, params);
    const [leads, moves, signings, signed, funds, followUps, items, rows, targets] = await Promise.all([
      q<ProjectRow>(NEW_LEADS, [ids, from, monday]),
      q<StageMoveRow>(STAGE_MOVES, [ids, from, monday]),
      q<SigningRow>(SIGNINGS, [ids, from, monday]),
      signedBetween(this.dataSource.manager, ids, from, monday),
      q<AmountRow>(FUNDS, [ids, from, monday]),
      q<FollowUpRow>(OVERDUE_FOLLOW_UPS, [ids, monday]),
      q<ItemRow>(ITEMS_DUE, [ids, aheadTo]),
      headlineFigures(this.dataSource.manager, ids, { year: period.year, month: period.month }),
      headlineTargets(this.dataSource.manager, ids, period.year),
    ]);
    const itemIds = [...new Set(items.map((i) => i.id))];
    const notes = itemIds.length ? await q<ItemNoteRow>(ITEM_NOTES, [itemIds]) : [];
    const today = shanghaiToday(this.clock.now());
    const of = <T extends { chain_id: number }>(rows: T[], chain: DigestChain) => rows.filter((r) => r.chain_id === chain.id);
    return chains.map((chain) => {
      const chainSignings = of(signings, chain);
      const chainFunds = of(funds, chain);
      return {
        chain: { code: chain.code, nameZh: chain.nameZh },
        newLeads: of(leads, chain).map(projectRef),
        stageMoves: of(moves, chain).map((m) => ({
          project: projectRef(m),
          from: m.from_stage,
          to: m.to_stage,
          movedOn: m.moved_on,
        })),
        signings: chainSignings.map((s) => ({ project: projectRef(s), amount: s.amount, signedOn: s.on_date })),
        // 签约额 of the week by the headline figures' rule; "0" when none, as the contract says.
        signedTotal: chainSignings.length ? (signed.get(chain.id)?.amount ?? '0') : '0',
        funds: chainFunds.map((f) => ({ project: projectRef(f), amount: f.amount, recordedOn: f.on_date })),
        fundsTotal: chainFunds[0]?.chain_total ?? '0',
        itemsDue: of(items, chain).map((i) =>
          itemView(
            i,
            notes.filter((n) => n.action_item_id === i.id),
            today,
          ),
        ),
        overdueFollowUps: of(followUps, chain).map((f) => ({ project: projectRef(f), dueOn: f.due_on })),
        figures: chainFigures(
          chain,
          rows.filter((r) => r.chainId === chain.id),
          targets.get(chain.id) ?? null,
          period,
        ),
        window: period.window,
      };
    });
  }
}

/** A recipient as the session guard would see them, so canReadChain decides their chains. */
function recipientUser(r: RecipientRow): AuthUser {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: r.roles,
    unitId: r.unit_id,
    personId: r.person_id,
    allChains: r.all_chains,
    chainIds: r.chain_ids,
    editableChainIds: r.editable_chain_ids,
    sessionId: '',
  };
}
