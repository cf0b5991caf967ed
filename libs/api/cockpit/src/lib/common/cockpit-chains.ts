import { canReadChain, type AuthUser } from '@crm/api/core';
import type { ChainCode, CockpitChainRef } from '@crm/domain';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface CockpitChain extends CockpitChainRef {
  id: number;
}

/**
 * Which chains a user sees on the cockpit: those they may read (a leader: the chains they lead;
 * the office and admin: all seven), in the plan's order.
 */
@Injectable()
export class CockpitChains {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async all(): Promise<CockpitChain[]> {
    const rows: { id: number; code: ChainCode; name_zh: string }[] = await this.dataSource.query(
      `SELECT id, code, name_zh FROM chain ORDER BY sort_order, id`,
    );
    return rows.map((r) => ({ id: r.id, code: r.code, nameZh: r.name_zh }));
  }

  async visible(user: AuthUser): Promise<CockpitChain[]> {
    return (await this.all()).filter((c) => canReadChain(user, c.id));
  }

  /** The chain by code: 404 when there is none, 403 when the user may not read it. */
  async readable(user: AuthUser, code: string): Promise<CockpitChain> {
    const chain = (await this.all()).find((c) => c.code === code);
    if (!chain) throw new NotFoundException(`没有代码为 ${code} 的产业链 / No chain with code ${code}`);
    if (!canReadChain(user, chain.id)) {
      throw new ForbiddenException(`您不负责产业链 ${chain.nameZh} / You do not lead the chain ${code}`);
    }
    return chain;
  }
}

/** A chain reference without its id, for a view. */
export function chainRef(chain: CockpitChain): CockpitChainRef {
  return { code: chain.code, nameZh: chain.nameZh };
}
