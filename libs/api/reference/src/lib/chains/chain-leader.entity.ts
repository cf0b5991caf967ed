import type { ChainLeaderRole } from '@crm/domain';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Person } from '../people/person.entity';

/** 包联领导 (liaison) or 责任领导 (responsible) of a chain. */
@Entity('chain_leader')
export class ChainLeader {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'chain_id', type: 'smallint' })
  chainId!: number;

  @Column({ name: 'person_id' })
  personId!: number;

  @Column({ type: 'enum', enumName: 'chain_leader_role' })
  role!: ChainLeaderRole;

  @Column({ name: 'sort_order', type: 'smallint' })
  sortOrder!: number;

  /** First day held; null: since before the product's data. */
  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom!: string | null;

  /** Last day held; null: still held. */
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @ManyToOne(() => Person)
  @JoinColumn({ name: 'person_id' })
  person!: Person;
}
