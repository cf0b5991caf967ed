import { dueInstant, shanghaiInstant } from './period';

/**
 * When reminders to report (催报) and the escalation (逾期提醒) fall due. A reminder is set as a
 * number of days before the unit's due date at a local hour; the escalation follows the due
 * instant. The defaults: the 20th and the 23rd at 09:00, the morning of the 25th at 08:00, and the
 * escalation as the 26th begins (the report is then late).
 */
export interface ReminderOffset {
  /** Stable name: part of the idempotency key (unit, period, kind). */
  kind: string;
  daysBefore: number;
  /** Local hour, 0..23. */
  hour: number;
}

export interface ReminderSchedule {
  reminders: ReminderOffset[];
  /** Hours after the due instant at which the escalation goes out (0: at once). */
  escalationHoursAfterDue: number;
}

export const ESCALATION_KIND = 'escalation';

export const DEFAULT_REMINDER_SCHEDULE: ReminderSchedule = {
  reminders: [
    { kind: 'before-5d', daysBefore: 5, hour: 9 },
    { kind: 'before-2d', daysBefore: 2, hour: 9 },
    { kind: 'due-day', daysBefore: 0, hour: 8 },
  ],
  escalationHoursAfterDue: 0,
};

export interface DueReminder {
  kind: string;
  /** When it fell due. */
  at: Date;
  escalation: boolean;
}

/** The due date's parts; extendedTo overrides the 25th. */
function dueDateParts(
  period: string,
  extendedTo?: string | null,
): [number, number, number] {
  const date = extendedTo ?? `${period}-25`;
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

/** Every reminder of the period for a unit, with the instant it falls due, in time order. */
export function reminderTimes(
  period: string,
  extendedTo?: string | null,
  schedule: ReminderSchedule = DEFAULT_REMINDER_SCHEDULE,
): DueReminder[] {
  const [y, m, d] = dueDateParts(period, extendedTo);
  const due = dueInstant(period, extendedTo);
  const reminders = schedule.reminders.map((r) => ({
    kind: r.kind,
    at: shanghaiInstant(y, m, d - r.daysBefore, r.hour),
    escalation: false,
  }));
  const escalation = {
    kind: ESCALATION_KIND,
    at: new Date(due.getTime() + schedule.escalationHoursAfterDue * 3600_000),
    escalation: true,
  };
  return [...reminders, escalation].sort(
    (a, b) => a.at.getTime() - b.at.getTime(),
  );
}

/**
 * The reminders that have fallen due at `now` for a unit that has not submitted. A run computes
 * this afresh from the clock, so a run after an outage catches up on what fell due meanwhile.
 * A reminder to report on time is pointless once the deadline has passed: from then on only the
 * escalation is due.
 */
export function dueReminders(
  period: string,
  now: Date,
  extendedTo?: string | null,
  schedule: ReminderSchedule = DEFAULT_REMINDER_SCHEDULE,
): DueReminder[] {
  const due = dueInstant(period, extendedTo).getTime();
  const t = now.getTime();
  return reminderTimes(period, extendedTo, schedule).filter(
    (r) => r.at.getTime() <= t && (r.escalation || t < due),
  );
}

/**
 * Parses a schedule written "kind:daysBefore@hour,…;escalation+hours", e.g.
 * "before-5d:5@9,before-2d:2@9,due-day:0@8;escalation+0". Returns null when malformed.
 */
export function parseReminderSchedule(text: string): ReminderSchedule | null {
  const [list, esc] = text.split(';');
  const reminders: ReminderOffset[] = [];
  for (const part of list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([a-z0-9-]{1,30}):(\d{1,2})@(\d{1,2})$/.exec(part);
    if (
      !m ||
      Number(m[3]) > 23 ||
      Number(m[2]) > 24 ||
      m[1] === ESCALATION_KIND
    )
      return null;
    reminders.push({
      kind: m[1],
      daysBefore: Number(m[2]),
      hour: Number(m[3]),
    });
  }
  if (new Set(reminders.map((r) => r.kind)).size !== reminders.length)
    return null;
  let escalationHoursAfterDue = 0;
  if (esc !== undefined) {
    const m = /^\s*escalation\+(\d{1,3})\s*$/.exec(esc);
    if (!m) return null;
    escalationHoursAfterDue = Number(m[1]);
  }
  return { reminders, escalationHoursAfterDue };
}
