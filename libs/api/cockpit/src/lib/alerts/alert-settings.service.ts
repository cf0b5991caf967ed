import { AuditService } from '@crm/api/audit';
import { CLOCK, staleRecord, type AuthUser, type Clock } from '@crm/api/core';
import { ALERT_SETTING_LIMITS, type AlertSettingsInput, type AlertSettingsView, type AlertThresholds } from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Where each N lives in office_setting. "No activity for N days" is the office's one idle setting,
 * shared with the daily reminders (issue 5), so the alert and the reminder never disagree.
 */
export const ALERT_SETTING_KEYS: Record<keyof AlertThresholds, string> = {
  signedNoLandMonths: 'alert-signed-no-land-months',
  landNotStartedMonths: 'alert-land-not-started-months',
  constructionMonths: 'alert-construction-months',
  idleDays: 'project-idle-days',
};

const FIELDS = Object.keys(ALERT_SETTING_KEYS) as (keyof AlertThresholds)[];

/** The alerts' Ns, set by the office; a missing row reads as the default. */
@Injectable()
export class AlertSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The Ns in force and one version for the four: the sum of their rows' versions (a row never saved
   * counts 1), which grows with every save of any of them.
   */
  async read(manager: EntityManager = this.dataSource.manager, lock = false): Promise<AlertSettingsView> {
    const rows: { key: string; value: number; version: number }[] = await manager.query(
      `SELECT key, value, version FROM office_setting WHERE key = ANY ($1) ORDER BY key${lock ? ' FOR UPDATE' : ''}`,
      [Object.values(ALERT_SETTING_KEYS)],
    );
    const view = { version: 0 } as AlertSettingsView;
    for (const field of FIELDS) {
      const row = rows.find((r) => r.key === ALERT_SETTING_KEYS[field]);
      view[field] = row?.value ?? ALERT_SETTING_LIMITS[field].default;
      view.version += row?.version ?? 1;
    }
    return view;
  }

  async write(user: AuthUser, input: AlertSettingsInput): Promise<AlertSettingsView> {
    return this.dataSource.transaction(async (tx) => {
      // Rows never saved cannot be locked FOR UPDATE: one lock for the four keeps two first saves apart.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('office_setting:alerts'))`);
      const before = await this.read(tx, true);
      if (input.version !== undefined && input.version !== before.version) throw staleRecord('预警设置', before);
      const changed = FIELDS.filter((f) => before[f] !== input[f]);
      for (const field of changed) {
        await tx.query(
          // A row never saved counts version 1, so its first save makes version 2.
          `INSERT INTO office_setting (key, value, updated_at, updated_by, version) VALUES ($1, $2, $4, $3, 2)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
             updated_by = excluded.updated_by, version = office_setting.version + 1`,
          [ALERT_SETTING_KEYS[field], input[field], user.id, this.clock.now()],
        );
      }
      const after = await this.read(tx);
      if (changed.length) {
        await this.audit.record(tx, user, {
          action: 'update',
          entityType: 'alert-settings',
          entityId: 'alerts',
          before: Object.fromEntries(changed.map((f) => [f, before[f]])),
          after: Object.fromEntries(changed.map((f) => [f, after[f]])),
        });
      }
      return after;
    });
  }
}
