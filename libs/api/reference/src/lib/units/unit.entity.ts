import type { UnitKind } from '@crm/domain';
import { Column, Entity, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { UnitAlias } from './unit-alias.entity';

/** 单位: a bureau, committee, park or company that serves chains and reports monthly. */
@Entity('unit')
export class Unit {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  name!: string;

  @Column({ type: 'enum', enumName: 'unit_kind' })
  kind!: UnitKind;

  @OneToMany(() => UnitAlias, (alias) => alias.unit)
  aliases!: UnitAlias[];
}
