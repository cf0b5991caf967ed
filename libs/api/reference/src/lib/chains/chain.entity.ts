import type { ChainCode, ChainKind } from '@crm/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 产业链 (and its 招商专班). */
@Entity('chain')
export class Chain {
  @PrimaryGeneratedColumn({ type: 'smallint' })
  id!: number;

  @Column({ type: 'varchar' })
  code!: ChainCode;

  @Column({ name: 'name_zh' })
  nameZh!: string;

  @Column({ name: 'name_en' })
  nameEn!: string;

  @Column({ type: 'enum', enumName: 'chain_kind' })
  kind!: ChainKind;

  /** 招商方向 */
  @Column({ type: 'text' })
  direction!: string;

  @Column({ name: 'sort_order', type: 'smallint' })
  sortOrder!: number;
}
