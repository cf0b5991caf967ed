import { canEditChain, canReadChain, hasRole, type AuthUser } from '@crm/api/core';
import type { ChainCode, CockpitChainRef } from '@crm/domain';
import { ForbiddenException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface MeetingChain extends CockpitChainRef {
  id: number;
}

/** Refusals of the meetings area, in Chinese and English. */
export const refuse = {
  notFound: (zh: string, en: string) => new NotFoundException(`没有找到${zh} / No ${en}`),
  rule: (zh: string, en: string) => new UnprocessableEntityException({ statusCode: 422, message: `${zh} / ${en}` }),
  forbidden: (zh: string, en: string) => new ForbiddenException(`${zh} / ${en}`),
};

/** The chains of the given codes, in the plan's order; 422 naming any unknown code. */
export async function chainsByCode(manager: EntityManager, codes: string[]): Promise<MeetingChain[]> {
  const rows: { id: number; code: ChainCode; name_zh: string }[] = await manager.query(
    `SELECT id, code, name_zh FROM chain WHERE code = ANY($1) ORDER BY sort_order, id`,
    [codes],
  );
  const unknown = codes.filter((c) => !rows.some((r) => r.code === c));
  if (unknown.length) throw refuse.rule(`没有代码为 ${unknown.join('、')} 的产业链`, `no chain with code ${unknown.join(', ')}`);
  return rows.map((r) => ({ id: r.id, code: r.code, nameZh: r.name_zh }));
}

/** A chain by code for a list: 404 when there is none, 403 when the user may not read it (as the cockpit). */
export async function readableChain(manager: EntityManager, user: AuthUser, code: string): Promise<MeetingChain> {
  const [row]: { id: number; code: ChainCode; name_zh: string }[] = await manager.query(
    `SELECT id, code, name_zh FROM chain WHERE code = $1`,
    [code],
  );
  if (!row) throw new NotFoundException(`没有代码为 ${code} 的产业链 / No chain with code ${code}`);
  if (!canReadChain(user, row.id)) {
    throw new ForbiddenException(`您无权查看产业链 ${row.name_zh} / You may not read the chain ${code}`);
  }
  return { id: row.id, code: row.code, nameZh: row.name_zh };
}

/** A meeting is the user's to read when they may read any of its chains. */
export function canReadMeeting(user: AuthUser, chainIds: number[]): boolean {
  return chainIds.some((c) => canReadChain(user, c));
}

/**
 * Who records a meeting and its decisions: the office, or staff of a unit serving one of its
 * chains who may also read every other chain of it (a joint meeting names other chains' units).
 */
export function canRecordMeeting(user: AuthUser, chainIds: number[]): boolean {
  if (hasRole(user, 'office')) return true;
  return (
    hasRole(user, 'staff') &&
    chainIds.some((c) => canEditChain(user, c)) &&
    chainIds.every((c) => canReadChain(user, c))
  );
}

export function mayNotRecord(): ForbiddenException {
  return new ForbiddenException(
    '只有该产业链责任单位的工作人员或市招商办可以登记会议及交办事项 / Only staff of the chain’s units or the office may record its meetings and action items',
  );
}
