import { clockStartingAt } from './clock';
import { validateEnvironment } from '../config/environment';

describe('the set clock (CLOCK_START_AT)', () => {
  it('starts at the chosen instant and runs at the real pace', () => {
    let real = Date.parse('2026-12-02T12:00:00Z');
    const clock = clockStartingAt(new Date('2025-09-26T09:00:00+08:00'), () => real);
    expect(clock.now().toISOString()).toBe('2025-09-26T01:00:00.000Z');
    real += 90_000;
    expect(clock.now().toISOString()).toBe('2025-09-26T01:01:30.000Z');
  });

  it('is accepted for staging and refused in production', () => {
    expect(validateEnvironment({ NODE_ENV: 'development', CLOCK_START_AT: '2025-09-26T09:00:00+08:00' }).CLOCK_START_AT).toBe(
      '2025-09-26T09:00:00+08:00',
    );
    expect(() =>
      validateEnvironment({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), CLOCK_START_AT: '2025-09-26T09:00:00+08:00' }),
    ).toThrow(/CLOCK_START_AT: .*refused when NODE_ENV=production/);
  });

  it('refuses an instant without its offset or one that does not exist', () => {
    expect(() => validateEnvironment({ CLOCK_START_AT: '2025-09-26T09:00:00' })).toThrow(/CLOCK_START_AT/);
    expect(() => validateEnvironment({ CLOCK_START_AT: '2025-02-30T09:00:00+08:00' })).toThrow(/CLOCK_START_AT/);
  });
});
