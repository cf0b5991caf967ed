import { ManualClock } from './clock';
import {
  DEFAULT_REMINDER_SCHEDULE,
  dueReminders,
  parseReminderSchedule,
  reminderTimes,
} from './reminder';

const kinds = (period: string, at: string, extendedTo?: string) =>
  dueReminders(period, new Date(at), extendedTo).map((r) => r.kind);

describe('reminders', () => {
  it('falls due on the 20th, the 23rd, the morning of the 25th, and escalates as the 26th begins', () => {
    expect(
      reminderTimes('2025-03').map((r) => [r.kind, r.at.toISOString()]),
    ).toEqual([
      ['before-5d', '2025-03-20T01:00:00.000Z'],
      ['before-2d', '2025-03-23T01:00:00.000Z'],
      ['due-day', '2025-03-25T00:00:00.000Z'],
      ['escalation', '2025-03-25T16:00:00.000Z'],
    ]);
  });

  it('says which are due at a given local time', () => {
    expect(kinds('2025-03', '2025-03-20T08:59+08:00')).toEqual([]);
    expect(kinds('2025-03', '2025-03-20T09:00+08:00')).toEqual(['before-5d']);
    expect(kinds('2025-03', '2025-03-24T12:00+08:00')).toEqual([
      'before-5d',
      'before-2d',
    ]);
    expect(kinds('2025-03', '2025-03-25T23:59+08:00')).toEqual([
      'before-5d',
      'before-2d',
      'due-day',
    ]);
    // After the deadline only the escalation remains.
    expect(kinds('2025-03', '2025-03-26T00:01+08:00')).toEqual(['escalation']);
    expect(kinds('2025-03', '2025-04-02T10:00+08:00')).toEqual(['escalation']);
  });

  it('uses the 20th/23rd/25th in February too (28 or 29 days)', () => {
    expect(kinds('2025-02', '2025-02-25T08:00+08:00')).toEqual([
      'before-5d',
      'before-2d',
      'due-day',
    ]);
    expect(kinds('2024-02', '2024-02-26T00:01+08:00')).toEqual(['escalation']);
    expect(reminderTimes('2024-02').at(-1)?.at.toISOString()).toBe(
      '2024-02-25T16:00:00.000Z',
    );
  });

  it('follows a unit extension', () => {
    expect(kinds('2025-03', '2025-03-26T00:01+08:00', '2025-03-28')).toEqual([
      'before-5d',
    ]);
    expect(kinds('2025-03', '2025-03-29T00:00+08:00', '2025-03-28')).toEqual([
      'escalation',
    ]);
  });

  it('parses a configured schedule', () => {
    expect(
      parseReminderSchedule(
        'before-5d:5@9,before-2d:2@9,due-day:0@8;escalation+0',
      ),
    ).toEqual(DEFAULT_REMINDER_SCHEDULE);
    expect(parseReminderSchedule('d3:3@10;escalation+9')).toEqual({
      reminders: [{ kind: 'd3', daysBefore: 3, hour: 10 }],
      escalationHoursAfterDue: 9,
    });
    expect(parseReminderSchedule('x:1@24')).toBeNull();
    expect(parseReminderSchedule('x:1@2,x:2@2')).toBeNull();
    expect(parseReminderSchedule('escalation:1@2')).toBeNull();
  });

  it('a manual clock stands still until moved', () => {
    const clock = new ManualClock('2025-03-20T09:00+08:00');
    expect(clock.now().toISOString()).toBe('2025-03-20T01:00:00.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2025-03-20T01:01:00.000Z');
    clock.set('2025-03-26T00:00+08:00');
    expect(kinds('2025-03', clock.now().toISOString())).toEqual(['escalation']);
  });
});
