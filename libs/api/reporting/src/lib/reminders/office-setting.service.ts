import { CLOCK, staleRecord, type Clock } from '@crm/api/core';
import { AuditService } from '@crm/api/audit';
import type { AuthUser } from '@crm/api/core';
import {
  OFFICE_SETTING_KEYS,
  OFFICE_SETTINGS,
  type OfficeSettingKey,
  type OfficeSettingView,
} from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { refuse } from '../common/errors';

interface SettingRow {
  key: string;
  value: number;
  version: number;
  updated_at: Date;
  updated_by_name: string | null;
}

/** 办公室设置: integer settings by key (office_setting), each with its default and bounds. */
@Injectable()
export class OfficeSettingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The value in force: the stored one, else the default. */
  value(
    key: OfficeSettingKey,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    return officeSettingValue(manager, key);
  }

  async list(): Promise<OfficeSettingView[]> {
    const rows: SettingRow[] = await this.dataSource.query(
      `SELECT s.key, s.value, s.version, s.updated_at, u.display_name AS updated_by_name
       FROM office_setting s LEFT JOIN app_user u ON u.id = s.updated_by WHERE s.key = ANY($1)`,
      [OFFICE_SETTING_KEYS],
    );
    const byKey = new Map(rows.map((r) => [r.key, r]));
    return OFFICE_SETTING_KEYS.map((key) => view(key, byKey.get(key)));
  }

  async set(
    user: AuthUser,
    key: string,
    value: number,
    version?: number,
  ): Promise<OfficeSettingView> {
    if (!isKey(key))
      throw refuse.notFound('该设置项', `office setting "${key}"`);
    const def = OFFICE_SETTINGS[key];
    if (!Number.isInteger(value) || value < def.min || value > def.max) {
      throw refuse.rule(
        `${def.zh}应为 ${def.min} 到 ${def.max} 之间的整数`,
        `${def.en}: a whole number from ${def.min} to ${def.max}`,
      );
    }
    await this.dataSource.transaction(async (tx) => {
      const [before] = await tx.query(
        `SELECT value, version FROM office_setting WHERE key = $1 FOR UPDATE`,
        [key],
      );
      if (version !== undefined && version !== (before?.version ?? 1)) {
        throw staleRecord('该设置', (await this.list()).find((s) => s.key === key));
      }
      await tx.query(
        // A setting never saved reads as version 1 (its default), so its first save makes version 2.
        `INSERT INTO office_setting (key, value, updated_by, updated_at, version) VALUES ($1, $2, $3, $4, 2)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by,
           updated_at = EXCLUDED.updated_at, version = office_setting.version + 1`,
        [key, value, user.id, this.clock.now()],
      );
      await this.audit.record(tx, user, {
        action: before ? 'update' : 'create',
        entityType: 'office_setting',
        entityId: key,
        before: before ? { value: Number(before.value) } : null,
        after: { value },
      });
    });
    return (await this.list()).find((s) => s.key === key) as OfficeSettingView;
  }
}

/** The value in force of an office setting: the stored one, else the default. */
export async function officeSettingValue(
  manager: EntityManager,
  key: OfficeSettingKey,
): Promise<number> {
  const [row] = await manager.query(
    `SELECT value FROM office_setting WHERE key = $1`,
    [key],
  );
  return row ? Number(row.value) : OFFICE_SETTINGS[key].default;
}

function isKey(key: string): key is OfficeSettingKey {
  return (OFFICE_SETTING_KEYS as string[]).includes(key);
}

function view(key: OfficeSettingKey, row?: SettingRow): OfficeSettingView {
  return {
    key,
    ...OFFICE_SETTINGS[key],
    value: row ? Number(row.value) : OFFICE_SETTINGS[key].default,
    updatedAt: row?.updated_at ? row.updated_at.toISOString() : null,
    updatedBy: row?.updated_by_name ?? null,
    version: row?.version ?? 1,
  };
}
