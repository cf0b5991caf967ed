import type { ChainUnitRole } from '@crm/domain';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Unit } from '../units/unit.entity';

/** 责任单位 (牵头单位 when isLead) or 配合单位 of a chain. */
@Entity('chain_unit')
export class ChainUnit {
  @PrimaryColumn({ name: 'chain_id', type: 'smallint' })
  chainId!: number;

  @PrimaryColumn({ name: 'unit_id' })
  unitId!: number;

  @PrimaryColumn({ type: 'enum', enumName: 'chain_unit_role' })
  role!: ChainUnitRole;

  @Column({ name: 'is_lead' })
  isLead!: boolean;

  @Column({ name: 'sort_order', type: 'smallint' })
  sortOrder!: number;

  @ManyToOne(() => Unit)
  @JoinColumn({ name: 'unit_id' })
  unit!: Unit;
}
