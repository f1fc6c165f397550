import 'server-only';

type Fields = Record<string, string | number | boolean | undefined>;

/**
 * Structured JSON lines. Callers pass ids, codes and counts only: never an email, phone, date of
 * birth, name, one-time code or token.
 *
 * On the API's hot path: one line per refused or failed request (route(): code, request id, duration),
 * which is what an operator watches for brute force and outages, plus the few events services name.
 * A line costs ~5 µs, with or without Next.js's console wrappers; writing to the streams directly was
 * measured and bought nothing (docs/performance.md).
 */
function write(level: 'info' | 'warn' | 'error', event: string, fields: Fields): void {
  const line = JSON.stringify({ level, event, time: new Date().toISOString(), ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.info(line);
}

export const log = {
  info: (event: string, fields: Fields = {}) => write('info', event, fields),
  warn: (event: string, fields: Fields = {}) => write('warn', event, fields),
  error: (event: string, fields: Fields = {}) => write('error', event, fields),
};
