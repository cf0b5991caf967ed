import { actionItemCompletionByChain, actionItemCompletionByUnit, completionOf, type ActionItemCompletionRow, type AuthUser, CLOCK, type Clock } from '@crm/api/core';
import { shanghaiToday, type ActionItemSummaryRow, type ActionItemSummaryView, type ChainCode } from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * 交办事项督办汇总: completion (ActionItemCompletion), open and overdue items at a date, by chain
 * or by owner unit. The counts come from the one query the roll-up and the cockpit use too.
 *
 * Who sees what:
 * - by chain: a row for every chain the user may read (office, admin: all seven; a leader: the
 *   chains they lead; staff: the chains their unit serves), zeros when it has no items. A joint
 *   meeting's item counts for each of its chains.
 * - by unit: a row for every owner unit with items the user may see, counting only those items:
 *   items of meetings of chains the user may read, and, for staff, every item their own unit owns
 *   (so their unit's row is complete even for another chain's meeting). The office and admin see
 *   every unit with items. Each item counts once, for its owner unit.
 */
@Injectable()
export class ActionItemSummaryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async summary(user: AuthUser, by: 'chain' | 'unit' = 'chain', asOf?: string): Promise<ActionItemSummaryView> {
    const date = asOf ?? shanghaiToday(this.clock.now());
    const chainIds = user.allChains ? null : user.chainIds;
    const rows = by === 'chain' ? await this.byChain(date, chainIds) : await this.byUnit(user, date, chainIds);
    return { by, asOf: date, rows };
  }

  private async byChain(asOf: string, chainIds: number[] | null): Promise<ActionItemSummaryRow[]> {
    const manager = this.dataSource.manager;
    const chains: { id: number; code: ChainCode; name_zh: string }[] = await manager.query(
      `SELECT id, code, name_zh FROM chain ORDER BY sort_order, id`,
    );
    const counts = await actionItemCompletionByChain(manager, asOf, chainIds);
    return counts.map((r) => {
      const c = chains.find((x) => x.id === r.id) as { code: ChainCode; name_zh: string };
      return row(r, { chain: { code: c.code, nameZh: c.name_zh }, unit: null });
    });
  }

  private async byUnit(user: AuthUser, asOf: string, chainIds: number[] | null): Promise<ActionItemSummaryRow[]> {
    const manager = this.dataSource.manager;
    const counts = await actionItemCompletionByUnit(manager, asOf, {
      chainIds,
      // Staff see their own unit's items whatever the meeting's chains (as GET /api/action-items).
      ownerUnitId: chainIds !== null && user.roles.includes('staff') ? user.unitId : null,
    });
    if (!counts.length) return [];
    const units: { id: number; name: string }[] = await manager.query(
      `SELECT id, name FROM unit WHERE id = ANY ($1::int[])`,
      [counts.map((r) => r.id)],
    );
    const name = (id: number) => units.find((u) => u.id === id)?.name ?? '';
    return counts
      .map((r) => row(r, { chain: null, unit: { id: r.id, name: name(r.id) } }))
      .sort((a, b) => (a.unit?.name ?? '').localeCompare(b.unit?.name ?? '', 'zh-CN') || (a.unit?.id ?? 0) - (b.unit?.id ?? 0));
  }
}

function row(r: ActionItemCompletionRow, key: Pick<ActionItemSummaryRow, 'chain' | 'unit'>): ActionItemSummaryRow {
  return { ...key, open: r.open, overdue: r.overdue, doneTotal: r.doneTotal, completion: completionOf(r) };
}
