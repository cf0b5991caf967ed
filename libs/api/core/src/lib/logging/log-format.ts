import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What a request log line keeps: method, path, status, time and the signed-in user. No headers (so
 * no cookie, session token or CSRF token), no query string, no body.
 */
export function requestSerializer(req: IncomingMessage & { originalUrl?: string; raw?: IncomingMessage }) {
  const raw = (req.raw ?? req) as IncomingMessage & { originalUrl?: string };
  const url = raw.originalUrl ?? raw.url ?? '';
  return { method: raw.method, path: url.split('?')[0] };
}

export function responseSerializer(res: ServerResponse & { raw?: ServerResponse }) {
  return { statusCode: (res.raw ?? res).statusCode };
}

/** Any header, cookie or token that still reached a log object is censored (belt and braces). */
export const REDACTED_PATHS = [
  'req.headers',
  'res.headers',
  'headers',
  'cookie',
  'cookies',
  '*.cookie',
  '*.cookies',
  '*.authorization',
  '*["x-xsrf-token"]',
  '*["x-csrf-token"]',
  '*.csrfToken',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.initialPassword',
  '*.token',
];

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };

/**
 * One JSON log line as an operator reads it on a terminal:
 *   14:02:31 INFO  GET /api/projects 200 12ms user=5f0c…
 *   14:02:32 WARN  [SignInService] sign-in locked for user zhang after 5 failures …
 */
export function formatLogLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json);
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const time = new Date(typeof entry['time'] === 'number' ? entry['time'] : Date.now());
  const clock = time.toTimeString().slice(0, 8);
  const level = LEVELS[Number(entry['level'])] ?? String(entry['level'] ?? '');
  const req = entry['req'] as { method?: string; path?: string } | undefined;
  const res = entry['res'] as { statusCode?: number } | undefined;
  const parts = [clock, level];
  if (entry['context']) parts.push(`[${String(entry['context'])}]`);
  if (req && res && entry['responseTime'] !== undefined) {
    parts.push(`${req.method} ${req.path} ${res.statusCode} ${entry['responseTime']}ms`);
    if (entry['userId']) parts.push(`user=${String(entry['userId'])}`);
    const msg = String(entry['msg'] ?? '');
    if (msg && msg !== 'request completed') parts.push(msg);
  } else {
    parts.push(String(entry['msg'] ?? ''));
  }
  const err = entry['err'] as { stack?: string; message?: string } | undefined;
  const tail = err ? `\n${err.stack ?? err.message ?? ''}` : '';
  return `${parts.join(' ')}${tail}\n`;
}

/**
 * Where log lines go: JSON lines to stdout in production or when stdout is not a terminal (a file,
 * journald, a collector); short readable lines on a terminal in development.
 */
export function logDestination(nodeEnv: string, out: NodeJS.WriteStream = process.stdout): { write(line: string): void } {
  const readable = nodeEnv !== 'production' && out.isTTY === true;
  return readable ? { write: (line) => void out.write(formatLogLine(line)) } : { write: (line) => void out.write(line) };
}
