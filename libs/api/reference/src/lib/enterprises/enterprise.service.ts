import { AuditService, changedFields } from '@crm/api/audit';
import type { AuthUser } from '@crm/api/core';
import { normaliseEnterpriseName, type EnterpriseView } from '@crm/domain';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, type EntityManager, type Repository } from 'typeorm';
import { toEnterpriseView } from '../view-mappers';
import type { CreateEnterpriseDto, SearchEnterprisesDto, UpdateEnterpriseDto } from './enterprise.dto';
import { Enterprise } from './enterprise.entity';

const UNIQUE_VIOLATION = '23505';

/** The enterprise library: one record per firm, found by credit code or by normalised name. */
@Injectable()
export class EnterpriseService {
  constructor(
    @InjectRepository(Enterprise) private readonly enterprises: Repository<Enterprise>,
    private readonly audit: AuditService,
  ) {}

  async search(query: SearchEnterprisesDto): Promise<{ items: EnterpriseView[]; total: number }> {
    const builder = this.enterprises.createQueryBuilder('e').orderBy('e.name', 'ASC').addOrderBy('e.id', 'ASC');
    if (query.q) {
      const escaped = query.q.replace(/[\\%_]/g, (c) => `\\${c}`);
      builder.where('(e.name ILIKE :contains OR e.normalised_name LIKE :normalised OR e.credit_code LIKE :prefix)', {
        contains: `%${escaped}%`,
        normalised: `%${normaliseEnterpriseName(escaped)}%`,
        prefix: `${escaped.toUpperCase()}%`,
      });
    }
    const [rows, total] = await builder.take(query.limit).skip(query.offset).getManyAndCount();
    return { items: rows.map(toEnterpriseView), total };
  }

  async findById(id: string): Promise<EnterpriseView> {
    return toEnterpriseView(await this.load(id));
  }

  async create(user: AuthUser, input: CreateEnterpriseDto): Promise<EnterpriseView> {
    const normalisedName = normaliseEnterpriseName(input.name);
    await this.refuseDuplicate(normalisedName, input.creditCode ?? null);
    const firm = this.enterprises.create({
      name: input.name,
      normalisedName,
      creditCode: input.creditCode ?? null,
      ownership: input.ownership ?? null,
      tags: input.tags ?? [],
      region: input.region ?? null,
    });
    const saved = await this.saveOrConflict(firm, (tx, e) =>
      this.audit.record(tx, user, { action: 'create', entityType: 'enterprise', entityId: e.id, after: toEnterpriseView(e) }),
    );
    return toEnterpriseView(saved);
  }

  async update(user: AuthUser, id: string, input: UpdateEnterpriseDto): Promise<EnterpriseView> {
    const firm = await this.load(id);
    if (input.version !== undefined && input.version !== firm.version) {
      throw new ConflictException({
        statusCode: 409,
        message: '该企业已被他人修改，请刷新后再改 / Someone else changed this enterprise; reload and try again',
        current: toEnterpriseView(firm),
      });
    }
    const name = input.name ?? firm.name;
    const normalisedName = normaliseEnterpriseName(name);
    const creditCode = input.creditCode === undefined ? firm.creditCode : input.creditCode;
    await this.refuseDuplicate(normalisedName, creditCode, firm.id);
    const before = toEnterpriseView(firm);
    Object.assign(firm, {
      name,
      normalisedName,
      creditCode,
      ownership: input.ownership === undefined ? firm.ownership : input.ownership,
      tags: input.tags ?? firm.tags,
      region: input.region === undefined ? firm.region : input.region,
    });
    const saved = await this.saveOrConflict(firm, async (tx, e) => {
      const diff = changedFields(before, { ...toEnterpriseView(e), updatedAt: before.updatedAt });
      if (diff) await this.audit.record(tx, user, { action: 'update', entityType: 'enterprise', entityId: e.id, ...diff });
    });
    return toEnterpriseView(saved);
  }

  private async load(id: string): Promise<Enterprise> {
    const firm = await this.enterprises.findOneBy({ id });
    if (!firm) throw new NotFoundException(`没有找到该企业 / No enterprise ${id}`);
    return firm;
  }

  /** Same credit code, or the same name once normalised: answer 409 with the record that exists. */
  private async refuseDuplicate(normalisedName: string, creditCode: string | null, exceptId?: string): Promise<void> {
    const builder = this.enterprises.createQueryBuilder('e').where('e.normalised_name = :normalisedName', {
      normalisedName,
    });
    if (creditCode) builder.orWhere('e.credit_code = :creditCode', { creditCode });
    const existing = (await builder.getMany()).find((e) => e.id !== exceptId);
    if (existing) {
      const sameCode = creditCode !== null && existing.creditCode === creditCode;
      throw new ConflictException({
        statusCode: 409,
        message: sameCode
          ? `统一社会信用代码 ${creditCode} 已登记为“${existing.name}” / This credit code is already registered`
          : `企业库中已有“${existing.name}” / This enterprise is already in the library`,
        existing: toEnterpriseView(existing),
      });
    }
  }

  /** A concurrent insert of the same firm loses on the unique index: still a 409, not a 500. */
  private async saveOrConflict(
    firm: Enterprise,
    record: (tx: EntityManager, saved: Enterprise) => Promise<void>,
  ): Promise<Enterprise> {
    try {
      return await this.enterprises.manager.transaction(async (tx) => {
        const saved = await tx.save(firm);
        await record(tx, saved);
        return saved;
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
        await this.refuseDuplicate(firm.normalisedName, firm.creditCode, firm.id);
      }
      throw error;
    }
  }
}
