import type { Params } from '@angular/router';
import {
  addDays,
  projectListParams,
  type ActionItemCompletion,
  type AlertKind,
  type MeetingKind,
  type MeetingScheduleStatus,
  type ProjectListQuery,
  type LandRoute,
  type Stage,
} from '@crm/domain';
import { apiErrorText, apiFieldErrors, type I18nService, type MessageKey } from '@crm/web/core';

/*
 * Small display helpers of the 会议材料, 日程, 督办 and 周跟踪 pages. Stage and alert names reuse
 * the pipeline's and the cockpit's texts; money goes through WanPipe (@crm/web/ui).
 */

export const stageKey = (stage: Stage): MessageKey => `pipeline.stage.${stage}`;
/** 既有用地（盘活存量） / 闲置厂房（盘活存量） beside a listed project on an existing site; null: no mark. */
export const landRouteMarkKey = (route: LandRoute | null | undefined): MessageKey | null =>
  route === 'existing-site' || route === 'idle-plant' ? `pipeline.landRoute.mark.${route}` : null;
export const alertKindKey = (kind: AlertKind): MessageKey => `cockpit.alert.${kind}`;
/** The meetings pages' own words for the kinds (libs/web/meetings, the `meetings` i18n section). */
export const meetingKindKey = (kind: MeetingKind): MessageKey => `meetings.kind.${kind}`;
export const scheduleStatusKey = (status: MeetingScheduleStatus): MessageKey =>
  `meetingPack.schedule.status.${status}`;

/**
 * The /projects URL parameters for a figure's query. Without `status` the figure counts every
 * status, which the list page writes `status=all` (as the cockpit does).
 */
export function projectsParams(query: ProjectListQuery): Params {
  const params: Params = projectListParams(query);
  if (!query.status?.length) params['status'] = 'all';
  return params;
}

/** "37.50" → "37.5", "100.00" → "100": a rate as people write it; null → "—". */
export function shortRate(rate: string | null): string {
  if (rate === null) return '—';
  return rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate;
}

/** 完成率 as a percent, or a dash when nothing was due. */
export function completionText(completion: ActionItemCompletion): string {
  return completion.rate === null ? '—' : `${shortRate(completion.rate)}%`;
}

/** A picker's local date as YYYY-MM-DD. */
export function dateText(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** YYYY-MM-DD as a local Date for a picker (noon, so no time zone moves it a day). */
export function dateOf(text: string): Date {
  const [y, m, d] = text.split('-').map(Number);
  return new Date(y, m - 1, d, 12);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDateText(value: string | null | undefined): value is string {
  if (!value || !DATE.test(value)) return false;
  return dateText(dateOf(value)) === value;
}

/** The Monday of the week holding `date` (weeks run Monday to Sunday). */
export function mondayOf(date: string): string {
  const weekday = dateOf(date).getDay();
  return addDays(date, -((weekday + 6) % 7));
}

export function isMonday(value: string | null | undefined): value is string {
  return isDateText(value) && dateOf(value).getDay() === 1;
}

/**
 * A failed call in words: the field messages of a refused input (a 400 from the validation pipe
 * says what to change there), else the API's own message or a plain description of the failure.
 */
export function problemText(error: unknown, i18n: I18nService): string {
  const fields = Object.values(apiFieldErrors(error, i18n.lang()));
  return fields.length ? fields.join(' ') : apiErrorText(error, i18n);
}
