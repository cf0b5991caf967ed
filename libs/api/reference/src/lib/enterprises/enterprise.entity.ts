import type { EnterpriseOwnership, EnterpriseTag } from '@crm/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** 企业 of the enterprise library (重点企业库). */
@Entity('enterprise')
export class Enterprise {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column()
  name!: string;

  /** The name as compared for duplicates; see normaliseEnterpriseName. */
  @Column({ name: 'normalised_name' })
  normalisedName!: string;

  /** 统一社会信用代码, when the firm has one. */
  @Column({ name: 'credit_code', type: 'char', length: 18, nullable: true })
  creditCode!: string | null;

  @Column({ type: 'enum', enumName: 'enterprise_ownership', nullable: true })
  ownership!: EnterpriseOwnership | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: EnterpriseTag[];

  @Column({ type: 'varchar', nullable: true })
  region!: string | null;

  /** 集团: the parent firm when this one is a subsidiary. */
  @Column({ name: 'parent_enterprise_id', type: 'uuid', nullable: true })
  parentEnterpriseId!: string | null;

  /** A duplicate merged into another firm (POST /api/enterprises/:id/merge). */
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
