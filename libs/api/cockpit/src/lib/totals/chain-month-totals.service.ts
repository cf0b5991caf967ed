import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CHAIN_MONTH_DISCREPANCIES } from './chain-month-recompute.sql';

export interface ChainMonthDiscrepancy {
  /** chain id / YYYY-MM */
  key: string;
  kept: string;
  recomputed: string;
}

/**
 * Checks chain_month_total (kept by triggers) against a full recomputation from the ledgers.
 * An empty answer means the cockpit's figures can be trusted.
 */
@Injectable()
export class ChainMonthTotalsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  discrepancies(manager: EntityManager = this.dataSource.manager): Promise<ChainMonthDiscrepancy[]> {
    return manager.query(CHAIN_MONTH_DISCREPANCIES);
  }
}
