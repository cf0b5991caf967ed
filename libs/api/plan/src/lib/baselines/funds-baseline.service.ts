import { CLOCK, staleRecord, type Clock } from '@crm/api/core';
import { AuditService } from '@crm/api/audit';
import type { AuthUser } from '@crm/api/core';
import type { FundsBaselineView } from '@crm/domain';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { FundsBaselineDto } from '../plans/plan.dto';

const BASELINE_SQL = `
  SELECT b.year, c.code AS "chainCode", b.sector, b.amount::text, b.note, b.version
  FROM funds_baseline b JOIN chain c ON c.id = b.chain_id`;

/** 往年实绩: the actual funds in place of years before the product, per chain and sector, entered by the office. */
@Injectable()
export class FundsBaselineService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(year?: number): Promise<FundsBaselineView[]> {
    return this.dataSource.query(
      `${BASELINE_SQL} ${year === undefined ? '' : 'WHERE b.year = $1'} ORDER BY b.year DESC, c.sort_order, b.sector`,
      year === undefined ? [] : [year],
    );
  }

  async put(user: AuthUser, input: FundsBaselineDto): Promise<FundsBaselineView> {
    return this.dataSource.transaction(async (tx) => {
      const [chain] = await tx.query(`SELECT id FROM chain WHERE code = $1`, [input.chainCode]);
      if (!chain) throw new NotFoundException(`没有代码为 ${input.chainCode} 的产业链 / No chain ${input.chainCode}`);
      const [before] = await tx.query(`${BASELINE_SQL} WHERE b.year = $1 AND b.chain_id = $2 AND b.sector = $3 FOR UPDATE OF b`, [
        input.year,
        chain.id,
        input.sector,
      ]);
      if (input.version !== undefined && input.version !== (before?.version ?? 0)) {
        throw staleRecord('该往年实绩', before ?? null);
      }
      await tx.query(
        `INSERT INTO funds_baseline (year, chain_id, sector, amount, note, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (year, chain_id, sector) DO UPDATE SET amount = EXCLUDED.amount, note = EXCLUDED.note,
           updated_at = EXCLUDED.updated_at, version = funds_baseline.version + 1`,
        [input.year, chain.id, input.sector, input.amount, input.note ?? '', this.clock.now()],
      );
      const [after] = await tx.query(`${BASELINE_SQL} WHERE b.year = $1 AND b.chain_id = $2 AND b.sector = $3`, [
        input.year,
        chain.id,
        input.sector,
      ]);
      await this.audit.record(tx, user, {
        action: before ? 'update' : 'create',
        entityType: 'funds_baseline',
        entityId: `${input.year}/${input.chainCode}/${input.sector}`,
        before: before ?? null,
        after,
      });
      return after;
    });
  }
}
