import type { AuthUser } from '@crm/api/core';
import { normaliseEnterpriseName, type EnterpriseView } from '@crm/domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, type EntityManager, type Repository } from 'typeorm';
import { toEnterpriseView } from '../view-mappers';
import type { CreateEnterpriseDto, SearchEnterprisesDto, UpdateEnterpriseDto } from './enterprise.dto';
import { Enterprise } from './enterprise.entity';
import { EnterpriseWriter } from './enterprise.writer';

const UNIQUE_VIOLATION = '23505';

/** The enterprise library: one record per firm, found by credit code or by normalised name; written through EnterpriseWriter. */
@Injectable()
export class EnterpriseService {
  constructor(
    @InjectRepository(Enterprise) private readonly enterprises: Repository<Enterprise>,
    private readonly writer: EnterpriseWriter,
  ) {}

  async search(query: SearchEnterprisesDto): Promise<{ items: EnterpriseView[]; total: number }> {
    // A duplicate merged into another firm is found as that firm, not on its own.
    const builder = this.enterprises
      .createQueryBuilder('e')
      .where('e.merged_into_id IS NULL')
      .orderBy('e.name', 'ASC')
      .addOrderBy('e.id', 'ASC');
    if (query.q) {
      const escaped = query.q.replace(/[\\%_]/g, (c) => `\\${c}`);
      builder.andWhere('(e.name ILIKE :contains OR e.normalised_name LIKE :normalised OR e.credit_code LIKE :prefix)', {
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
    return this.inTransaction(input, (tx) => this.writer.create(tx, user, input));
  }

  async update(user: AuthUser, id: string, input: UpdateEnterpriseDto): Promise<EnterpriseView> {
    const { version, ...changes } = input;
    return this.inTransaction(changes, (tx) => this.writer.update(tx, user, id, changes, version), id);
  }

  private async load(id: string): Promise<Enterprise> {
    const firm = await this.enterprises.findOneBy({ id });
    if (!firm) throw new NotFoundException(`没有找到该企业 / No enterprise ${id}`);
    return firm;
  }

  /**
   * One transaction through the writer; a concurrent save of the same firm loses on the unique
   * index and still answers 409 with the firm that exists, not a 500.
   */
  private async inTransaction(
    input: { name?: string; creditCode?: string | null },
    work: (tx: EntityManager) => Promise<EnterpriseView>,
    exceptId?: string,
  ): Promise<EnterpriseView> {
    try {
      return await this.enterprises.manager.transaction(work);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION && input.name) {
        await this.writer.refuseDuplicate(this.enterprises.manager, normaliseEnterpriseName(input.name), input.creditCode ?? null, exceptId);
      }
      throw error;
    }
  }
}
