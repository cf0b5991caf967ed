import {
  AlertService,
  AlertSettingsService,
  ChainFiguresService,
  chainFigures,
  chainStuckProjects,
  readCockpitPeriodOf,
  projectRefsById,
  type CockpitChain,
} from '@crm/api/cockpit';
import { unledGapsOfChain } from '@crm/api/chain-map';
import { blockedByNeeds } from '@crm/api/guarantees';
import { actionItemCompletionByChain, canReadChain, completionOf, type AuthUser, CLOCK, type Clock } from '@crm/api/core';
import { planMissing, readPlanState } from '@crm/api/plan';
import {
  ALERT_KINDS,
  shanghaiToday,
  type AlertSettingsView,
  type AlertView,
  type CockpitProjectRef,
  type MeetingKind,
  type MeetingPackChainSection,
  type MeetingPackView,
  type MeetingView,
  type Stage,
} from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ActionItemService } from '../action-items/action-item.service';
import { chainsByCode } from '../common/meeting-access';
import { MeetingService } from '../meetings/meeting.service';
import { MONTH_BEFORE, PREVIOUS_MEETING, PROBLEMS, STAGE_MOVES } from './meeting-pack.queries';

/** Alerts listed per kind in the pack; the counts cover them all. */
export const PACK_ALERTS_PER_KIND = 20;

/**
 * 会议材料: what a meeting needs on the table, per chain: the figures of the year through the
 * meeting's month against target (as the cockpit), the pipeline, the moves since the previous
 * meeting, what is stuck, the alerts, the units' 需协调解决的问题, open action items and the
 * completion rate at the meeting date. Read by whoever may read the meeting; a joint meeting
 * shows the chains the reader may read. Targets come only from the year's published plan: until
 * then the pack says so (`plan`) and its figures carry none.
 */
@Injectable()
export class MeetingPackService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingService,
    private readonly items: ActionItemService,
    private readonly figures: ChainFiguresService,
    private readonly alerts: AlertService,
    private readonly alertSettings: AlertSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async pack(user: AuthUser, id: string): Promise<MeetingPackView> {
    const meeting = await this.meetings.get(user, id);
    const now = this.clock.now();
    const today = shanghaiToday(now);
    const chains = (await chainsByCode(this.dataSource.manager, meeting.chains.map((c) => c.code))).filter((c) =>
      canReadChain(user, c.id),
    );
    const [previous]: { id: string; kind: MeetingKind; held_on: string }[] = await this.dataSource.query(PREVIOUS_MEETING, [
      id,
      chains.map((c) => c.id),
      meeting.heldOn,
    ]);
    const since = previous?.held_on ?? (await this.dataSource.query(MONTH_BEFORE, [meeting.heldOn]))[0].since;
    const year = Number(meeting.heldOn.slice(0, 4));
    const month = Number(meeting.heldOn.slice(5, 7));
    const settings = await this.alertSettings.read();
    const state = await readPlanState(this.dataSource.manager, year);
    const sections: MeetingPackChainSection[] = [];
    for (const chain of chains) {
      sections.push(await this.section(user, chain, meeting, since, settings, today));
    }
    return {
      meeting,
      generatedAt: now.toISOString(),
      since,
      previousMeeting: previous ? { id: previous.id, kind: previous.kind, heldOn: previous.held_on } : null,
      year,
      month,
      plan: state === 'published' ? null : planMissing(year, state),
      chains: sections,
    };
  }

  private async section(
    user: AuthUser,
    chain: CockpitChain,
    meeting: MeetingView,
    since: string,
    settings: AlertSettingsView,
    today: string,
  ): Promise<MeetingPackChainSection> {
    // The period whose statistical window holds the meeting's day.
    const period = await readCockpitPeriodOf(this.dataSource.manager, meeting.heldOn, this.clock.now());
    const q = <T>(sql: string, params: unknown[]): Promise<T[]> => this.dataSource.query(sql, params);
    const [rows, targets, funnel, moves, stuck, problems, [completion], alerts, openItems] = await Promise.all([
      this.figures.monthRows([chain.id], period, true),
      this.figures.targets([chain.id], period.year),
      this.figures.funnel(chain),
      q<{ project_id: string; from_stage: Stage | null; to_stage: Stage; moved_on: string }>(STAGE_MOVES, [
        chain.id,
        since,
        meeting.heldOn,
      ]),
      // Days in the stage from its business date (the leader page's list), counted to today.
      chainStuckProjects(this.dataSource.manager, chain.id, today),
      q<{ unit_id: number; unit_name: string; period: string; problems: string }>(PROBLEMS, [chain.id, period.asOf, meeting.heldOn]),
      actionItemCompletionByChain(this.dataSource.manager, meeting.heldOn, [chain.id]),
      this.alerts.alerts([chain], settings, today),
      this.items.list(user, { chain: chain.code, filter: 'open' }),
    ]);
    const gaps = await unledGapsOfChain(this.dataSource.manager, period.year, chain.id);
    // 要素制约 today, as the stuck projects: what the meeting should unblock.
    const blocked = await blockedByNeeds(this.dataSource.manager, { chainIds: [chain.id], asOf: today });
    const movedProjects = await projectRefsById(this.dataSource.manager, moves.map((m) => m.project_id));
    const perKind = new Map<string, number>();
    const listed: AlertView[] = alerts.items.filter((a) => {
      const n = (perKind.get(a.kind) ?? 0) + 1;
      perKind.set(a.kind, n);
      return n <= PACK_ALERTS_PER_KIND;
    });
    return {
      chain: { code: chain.code, nameZh: chain.nameZh },
      figures: chainFigures(chain, rows, targets.get(chain.id) ?? null, period),
      window: period.window,
      funnel,
      moved: moves.map((m) => ({
        project: movedProjects.get(m.project_id) as CockpitProjectRef,
        from: m.from_stage,
        to: m.to_stage,
        movedOn: m.moved_on,
      })),
      stuck,
      alerts: listed,
      alertCounts: Object.fromEntries(ALERT_KINDS.map((k) => [k, alerts.counts[k] ?? 0])) as MeetingPackChainSection['alertCounts'],
      problems: problems.map((p) => ({ unit: { id: p.unit_id, name: p.unit_name }, period: p.period, text: p.problems.trim() })),
      // Overdue first, then by due date (the list comes by due date, then by creation).
      openItems: [...openItems].sort((a, b) => Number(b.overdue) - Number(a.overdue)),
      completion: completionOf(completion),
      mapGaps: gaps && gaps.map((g) => g.linkName),
      blockedByNeeds: blocked,
    };
  }
}
