import type { UnitView } from '@crm/domain';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { toUnitView } from '../view-mappers';
import { Unit } from './unit.entity';

@Injectable()
export class UnitService {
  constructor(@InjectRepository(Unit) private readonly units: Repository<Unit>) {}

  async findAll(): Promise<UnitView[]> {
    const units = await this.units.find({ relations: { aliases: true }, order: { id: 'ASC' } });
    return units.map(toUnitView);
  }

  async findById(id: number): Promise<UnitView | null> {
    const unit = await this.units.findOne({ where: { id }, relations: { aliases: true } });
    return unit ? toUnitView(unit) : null;
  }

  /** Resolves any spelling, canonical or alias (市发改委 → 市发展和改革委员会). */
  async findByAnyName(name: string): Promise<UnitView | null> {
    const unit = await this.units
      .createQueryBuilder('unit')
      .leftJoinAndSelect('unit.aliases', 'alias')
      .where('unit.name = :name OR unit.id IN (SELECT unit_id FROM unit_alias WHERE alias = :name)', { name })
      .getOne();
    return unit ? toUnitView(unit) : null;
  }
}
