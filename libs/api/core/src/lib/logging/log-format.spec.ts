import { formatLogLine, logDestination } from './log-format';

describe('log lines for operators', () => {
  const time = new Date(2040, 2, 1, 14, 2, 31).getTime();

  it('prints a request as one short line: time, level, method, path, status, time taken, user', () => {
    const json = JSON.stringify({ level: 30, time, req: { method: 'GET', path: '/api/projects' }, res: { statusCode: 200 }, responseTime: 12, userId: 'u-1', msg: 'request completed' });
    expect(formatLogLine(json)).toBe('14:02:31 INFO  GET /api/projects 200 12ms user=u-1\n');
  });

  it('prints a service message with its context, and an error with its stack', () => {
    expect(formatLogLine(JSON.stringify({ level: 40, time, context: 'SignInService', msg: 'sign-in locked for user zhang' }))).toBe(
      '14:02:31 WARN  [SignInService] sign-in locked for user zhang\n',
    );
    expect(formatLogLine(JSON.stringify({ level: 50, time, msg: 'failed', err: { stack: 'Error: boom\n    at x' } }))).toBe(
      '14:02:31 ERROR failed\nError: boom\n    at x\n',
    );
  });

  it('writes JSON when not on a terminal or in production, readable lines on a development terminal', () => {
    const written: string[] = [];
    const out = (isTTY: boolean) => ({ isTTY, write: (s: string) => written.push(s) }) as unknown as NodeJS.WriteStream;
    const line = JSON.stringify({ level: 30, time, msg: 'hello' }) + '\n';
    logDestination('development', out(false)).write(line);
    logDestination('production', out(true)).write(line);
    logDestination('development', out(true)).write(line);
    expect(written).toEqual([line, line, '14:02:31 INFO  hello\n']);
  });
});
