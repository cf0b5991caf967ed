import type { Role } from '@crm/domain';
import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/** 用户: a person who signs in, belonging to a unit and, for leaders, a person of the reference data. */
@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar' })
  username!: string;

  @Column({ name: 'display_name', type: 'varchar' })
  displayName!: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash!: string;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ name: 'unit_id', type: 'integer', nullable: true })
  unitId!: number | null;

  @Column({ name: 'person_id', type: 'integer', nullable: true })
  personId!: number | null;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ name: 'must_change_password', type: 'boolean' })
  mustChangePassword!: boolean;

  @Column({ name: 'failed_attempts', type: 'integer' })
  failedAttempts!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @VersionColumn()
  version!: number;

  /** Set by UserService from the injected clock (not the database's now()). */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
