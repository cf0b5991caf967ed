import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Environment, validateEnvironment } from './environment';

describe('environment validated at boot', () => {
  it('fills defaults for a developer machine', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/crm',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: 'crm',
      MIGRATE_ON_START: 'true',
    });
  });

  it('converts the port from text', () => {
    expect(validateEnvironment({ PORT: '8080' }).PORT).toBe(8080);
  });

  it('names every wrong variable in one message', () => {
    expect(() => validateEnvironment({ PORT: '70000', DATABASE_URL: 'mysql://x', REDIS_URL: 'localhost' })).toThrow(
      /PORT=70000: PORT must not be greater than 65535\n.*DATABASE_URL="mysql:\/\/x": must be a postgres:\/\/ URL.*\n.*REDIS_URL="localhost": must be a redis:\/\/ URL/,
    );
  });

  it('requires a long session secret in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: required/);
    expect(() => validateEnvironment({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(/at least 32/);
    expect(validateEnvironment({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).NODE_ENV).toBe('production');
  });
});

describe('.env.example', () => {
  it('documents every variable the app reads', () => {
    const variables = new Set<string>(
      getMetadataStorage()
        .getTargetValidationMetadatas(Environment, '', true, false)
        .map((m: { propertyName: string }) => m.propertyName),
    );
    const documented = readFileSync(join(__dirname, '../../../../../../.env.example'), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split('=')[0]);
    expect(variables.size).toBeGreaterThan(10);
    expect([...variables].filter((v) => !documented.includes(v))).toEqual([]);
  });
});
