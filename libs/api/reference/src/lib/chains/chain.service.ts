import type { ChainCode, ChainView } from '@crm/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { In, type DataSource, type Repository } from 'typeorm';
import type { Person } from '../people/person.entity';
import type { Unit } from '../units/unit.entity';
import { toEnterpriseView, toPersonView, toUnitView } from '../view-mappers';
import { ChainAnchorFirm } from './chain-anchor-firm.entity';
import { ChainLeader } from './chain-leader.entity';
import { ChainTarget } from './chain-target.entity';
import { ChainUnit } from './chain-unit.entity';
import { Chain } from './chain.entity';
import { KeyTask } from './key-task.entity';

/**
 * Reads chains with everything that hangs off them: one query per table for all the chains asked
 * for, assembled in memory (no query per chain).
 */
@Injectable()
export class ChainService {
  constructor(
    @InjectRepository(Chain) private readonly chains: Repository<Chain>,
    @InjectRepository(ChainLeader) private readonly leaders: Repository<ChainLeader>,
    @InjectRepository(ChainUnit) private readonly units: Repository<ChainUnit>,
    @InjectRepository(ChainAnchorFirm) private readonly anchorFirms: Repository<ChainAnchorFirm>,
    @InjectRepository(KeyTask) private readonly keyTasks: Repository<KeyTask>,
    @InjectRepository(ChainTarget) private readonly targets: Repository<ChainTarget>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The chains as they stand on a date (YYYY-MM-DD): the people and units holding their roles then, that year's key tasks. */
  async findAll(on: string): Promise<ChainView[]> {
    const chains = await this.chains.find({ order: { sortOrder: 'ASC' } });
    return this.withDetails(chains, on);
  }

  async findByCode(code: ChainCode, on: string): Promise<ChainView | null> {
    const chain = await this.chains.findOneBy({ code });
    return chain ? (await this.withDetails([chain], on))[0] : null;
  }

  private async withDetails(chains: Chain[], on: string): Promise<ChainView[]> {
    const year = Number(on.slice(0, 4));
    const ids = chains.map((c) => c.id);
    const [leaders, units, firms, yearTasks, targets, published] = await Promise.all([
      this.leaders.find({ where: { chainId: In(ids) }, relations: { person: true }, order: { sortOrder: 'ASC' } }),
      this.units.find({
        where: { chainId: In(ids) },
        relations: { unit: { aliases: true } },
        order: { sortOrder: 'ASC' },
      }),
      this.anchorFirms.find({
        where: { chainId: In(ids) },
        relations: { enterprise: true },
        order: { sortOrder: 'ASC' },
      }),
      this.keyTasks.find({
        where: { chainId: In(ids), year },
        relations: { units: { unit: { aliases: true } } },
        order: { year: 'DESC', seq: 'ASC', units: { sortOrder: 'ASC' } },
      }),
      // Targets are read only from published plans (a draft's figures are not yet the year's).
      this.targets
        .createQueryBuilder('t')
        .where('t.chainId IN (:...ids)', { ids })
        .andWhere(`EXISTS (SELECT 1 FROM annual_plan a WHERE a.year = t.year AND a.status = 'published')`)
        .orderBy('t.year', 'DESC')
        .getMany(),
      this.dataSource.query(`SELECT 1 FROM annual_plan WHERE year = $1 AND status = 'published'`, [year]),
    ]);
    // Key tasks, like targets, are the year's once its plan is published (a draft's are not yet).
    const tasks = published.length ? yearTasks : [];
    // A person's post and a unit's name as they were on the date (person_post, unit_name hold the former ones).
    const [posts, names]: [{ person_id: number; position: string }[], { unit_id: number; name: string }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT person_id, position FROM person_post
         WHERE (valid_from IS NULL OR valid_from <= $1::date) AND valid_to >= $1::date`,
        [on],
      ),
      this.dataSource.query(
        `SELECT unit_id, name FROM unit_name WHERE (valid_from IS NULL OR valid_from <= $1::date) AND valid_to >= $1::date`,
        [on],
      ),
    ]);
    const postOf = new Map(posts.map((p) => [p.person_id, p.position]));
    const nameOf = new Map(names.map((n) => [n.unit_id, n.name]));
    const personView = (person: Person) => toPersonView({ ...person, position: postOf.get(person.id) ?? person.position });
    const unitView = (unit: Unit) => toUnitView({ ...unit, name: nameOf.get(unit.id) ?? unit.name });
    const of = <T extends { chainId: number }>(rows: T[], chainId: number) => rows.filter((r) => r.chainId === chainId);
    const heldOn = <T extends { validFrom: string | null; validTo: string | null }>(r: T) =>
      (r.validFrom === null || r.validFrom <= on) && (r.validTo === null || r.validTo >= on);

    return chains.map((chain) => {
      const chainLeaders = of(leaders, chain.id).filter(heldOn);
      const chainUnits = of(units, chain.id).filter(heldOn).map((cu) => ({ role: cu.role, isLead: cu.isLead, unit: unitView(cu.unit) }));
      const liaison = chainLeaders.find((l) => l.role === 'liaison');
      return {
        code: chain.code,
        asOf: on,
        nameZh: chain.nameZh,
        nameEn: chain.nameEn,
        kind: chain.kind,
        sortOrder: chain.sortOrder,
        direction: chain.direction,
        liaisonLeader: liaison ? personView(liaison.person) : null,
        responsibleLeaders: chainLeaders.filter((l) => l.role === 'responsible').map((l) => personView(l.person)),
        responsibleUnits: chainUnits.filter((u) => u.role === 'responsible'),
        cooperatingUnits: chainUnits.filter((u) => u.role === 'cooperating'),
        anchorFirms: of(firms, chain.id).map((f) => toEnterpriseView(f.enterprise)),
        keyTasks: of(tasks, chain.id).map((task) => ({
          id: task.id,
          seq: task.seq,
          text: task.text,
          units: task.units.map((link) => unitView(link.unit)),
        })),
        targets: of(targets, chain.id).map((t) => ({
          year: t.year,
          signedAmount: t.signedAmount,
          signedAtLeast: t.signedAtLeast,
          bigProjectThreshold: t.bigProjectThreshold,
          bigProjectMinCount: t.bigProjectMinCount,
          bigProjectAtLeast: t.bigProjectAtLeast,
          fundsInPlace: t.fundsInPlace,
          fundsAtLeast: t.fundsAtLeast,
        })),
      };
    });
  }
}
