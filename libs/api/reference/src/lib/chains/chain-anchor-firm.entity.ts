import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Enterprise } from '../enterprises/enterprise.entity';

/** 链主企业 of a chain. */
@Entity('chain_anchor_firm')
export class ChainAnchorFirm {
  @PrimaryColumn({ name: 'chain_id', type: 'smallint' })
  chainId!: number;

  @PrimaryColumn({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ name: 'sort_order', type: 'smallint' })
  sortOrder!: number;

  @ManyToOne(() => Enterprise)
  @JoinColumn({ name: 'enterprise_id' })
  enterprise!: Enterprise;
}
