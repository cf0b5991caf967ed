import type { Stage } from '@crm/domain';
import { CLOCK, type Clock } from '@crm/api/core';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { STAGE_HISTORY } from './chain-page.queries';

/** A chain's stage history, summed: projects that ever reached each stage, and completed stays. */
export interface ChainStageHistoryStats {
  reached: Partial<Record<Stage, number>>;
  completed: Partial<Record<Stage, { n: number; median: number | null }>>;
}

interface StoredRow {
  version: string;
  computed_version: string | null;
  reached: ChainStageHistoryStats['reached'] | null;
  completed: ChainStageHistoryStats['completed'] | null;
}

/**
 * The leader page's history figures, kept in chain_stage_history per version: triggers bump the
 * chain's version in the transaction of any change that can alter them, and the stored answer is
 * used only while its version is the current one. A stale answer is recomputed in one statement
 * (one snapshot, with the version it saw) and stored only if no change has bumped the version
 * since, so a slow reader never stores figures older than a change it did not see.
 */
@Injectable()
export class ChainStageHistory {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async stats(chainId: number): Promise<ChainStageHistoryStats> {
    const [stored]: StoredRow[] = await this.dataSource.query(
      `SELECT version::text, computed_version::text, reached, completed FROM chain_stage_history WHERE chain_id = $1`,
      [chainId],
    );
    if (stored && stored.computed_version === stored.version && stored.reached && stored.completed) {
      return { reached: stored.reached, completed: stored.completed };
    }
    const [fresh]: { version: string | null; reached: StoredRow['reached']; completed: StoredRow['completed'] }[] =
      await this.dataSource.query(STAGE_HISTORY, [chainId]);
    const stats = { reached: fresh?.reached ?? {}, completed: fresh?.completed ?? {} };
    if (fresh?.version) {
      await this.dataSource.query(
        `UPDATE chain_stage_history
         SET reached = $2, completed = $3, computed_version = $4::bigint, computed_at = $5
         WHERE chain_id = $1 AND version = $4::bigint`,
        [chainId, JSON.stringify(stats.reached), JSON.stringify(stats.completed), fresh.version, this.clock.now()],
      );
    }
    return stats;
  }
}
