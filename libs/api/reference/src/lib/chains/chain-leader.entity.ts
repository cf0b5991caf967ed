import type { ChainLeaderRole } from '@crm/domain';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Person } from '../people/person.entity';

/** 包联领导 (liaison) or 责任领导 (responsible) of a chain. */
@Entity('chain_leader')
export class ChainLeader {
  @PrimaryColumn({ name: 'chain_id', type: 'smallint' })
  chainId!: number;

  @PrimaryColumn({ name: 'person_id' })
  personId!: number;

  @PrimaryColumn({ type: 'enum', enumName: 'chain_leader_role' })
  role!: ChainLeaderRole;

  @Column({ name: 'sort_order', type: 'smallint' })
  sortOrder!: number;

  @ManyToOne(() => Person)
  @JoinColumn({ name: 'person_id' })
  person!: Person;
}
