import type { ChainUnitRole } from '@crm/domain';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Unit } from '../units/unit.entity';

/** 责任单位 (牵头单位 when isLead) or 配合单位 of a chain. */
@Entity('chain_unit')
export class ChainUnit {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'chain_id', type: 'smallint' })
  chainId!: number;

  @Column({ name: 'unit_id' })
  unitId!: number;

  @Column({ type: 'enum', enumName: 'chain_unit_role' })
  role!: ChainUnitRole;

  @Column({ name: 'is_lead' })
  isLead!: boolean;

  @Column({ name: 'sort_order', type: 'smallint' })
  sortOrder!: number;

  /** First day held; null: since before the product's data. */
  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom!: string | null;

  /** Last day held; null: still held. */
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @ManyToOne(() => Unit)
  @JoinColumn({ name: 'unit_id' })
  unit!: Unit;
}
