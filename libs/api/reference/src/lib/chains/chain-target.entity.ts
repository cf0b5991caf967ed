import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 工作目标 of a chain for a year. Amounts in 万元, kept as decimal strings (numeric). */
@Entity('chain_target')
export class ChainTarget {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'chain_id', type: 'smallint' })
  chainId!: number;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ name: 'signed_amount', type: 'numeric', precision: 20, scale: 6 })
  signedAmount!: string;

  @Column({ name: 'big_project_threshold', type: 'numeric', precision: 20, scale: 6 })
  bigProjectThreshold!: string;

  @Column({ name: 'big_project_min_count', type: 'smallint' })
  bigProjectMinCount!: number;

  @Column({ name: 'funds_in_place', type: 'numeric', precision: 20, scale: 6 })
  fundsInPlace!: string;

  /** "at least" (…以上 / 不少于) or exact, as the plan writes each figure. */
  @Column({ name: 'signed_at_least', type: 'boolean', default: true })
  signedAtLeast!: boolean;

  @Column({ name: 'funds_at_least', type: 'boolean', default: true })
  fundsAtLeast!: boolean;

  @Column({ name: 'big_project_at_least', type: 'boolean', default: true })
  bigProjectAtLeast!: boolean;
}
