import { AuditService } from '@crm/api/audit';
import { CLOCK, type AuthUser, type Clock } from '@crm/api/core';
import { ALERT_SETTING_LIMITS, type AlertSettingsInput, type AlertSettingsView } from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * Where each N lives in office_setting. "No activity for N days" is the office's one idle setting,
 * shared with the daily reminders (issue 5), so the alert and the reminder never disagree.
 */
export const ALERT_SETTING_KEYS: Record<keyof AlertSettingsView, string> = {
  signedNoLandMonths: 'alert-signed-no-land-months',
  landNotStartedMonths: 'alert-land-not-started-months',
  constructionMonths: 'alert-construction-months',
  idleDays: 'project-idle-days',
};

const FIELDS = Object.keys(ALERT_SETTING_KEYS) as (keyof AlertSettingsView)[];

/** The alerts' Ns, set by the office; a missing row reads as the default. */
@Injectable()
export class AlertSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async read(): Promise<AlertSettingsView> {
    const rows: { key: string; value: number }[] = await this.dataSource.query(
      `SELECT key, value FROM office_setting WHERE key = ANY ($1)`,
      [Object.values(ALERT_SETTING_KEYS)],
    );
    const view = {} as AlertSettingsView;
    for (const field of FIELDS) {
      view[field] = rows.find((r) => r.key === ALERT_SETTING_KEYS[field])?.value ?? ALERT_SETTING_LIMITS[field].default;
    }
    return view;
  }

  async write(user: AuthUser, input: AlertSettingsInput): Promise<AlertSettingsView> {
    return this.dataSource.transaction(async (tx) => {
      const before = await this.read();
      for (const field of FIELDS) {
        await tx.query(
          `INSERT INTO office_setting (key, value, updated_at, updated_by) VALUES ($1, $2, $4, $3)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
             updated_by = excluded.updated_by`,
          [ALERT_SETTING_KEYS[field], input[field], user.id, this.clock.now()],
        );
      }
      const after = Object.fromEntries(FIELDS.map((f) => [f, input[f]])) as unknown as AlertSettingsView;
      const changed = FIELDS.filter((f) => before[f] !== after[f]);
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
