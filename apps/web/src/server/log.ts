import 'server-only';

type Fields = Record<string, string | number | boolean | undefined>;

/**
 * Structured JSON lines. Callers pass ids, codes and counts only: never an email, phone, date of
 * birth, name, one-time code or token.
 *
 * What is logged per API request: one line for every refused or failed request (route(): code,
 * request id, duration), plus the few events services name themselves; a successful request leaves
 * no line of its own beyond those. In production a line goes straight to stdout (info) or stderr
 * (warn, error), as `console` would send it, without `console`'s formatting or the wrappers Next.js
 * puts around `console` on every call. Elsewhere it goes through `console`, so `next dev` and the test
 * runner show (or silence) it as usual.
 */
const direct = process.env.NODE_ENV === 'production';

function write(level: 'info' | 'warn' | 'error', event: string, fields: Fields): void {
  const line = JSON.stringify({ level, event, time: new Date().toISOString(), ...fields });
  if (direct) (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
  else if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.info(line);
}

export const log = {
  info: (event: string, fields: Fields = {}) => write('info', event, fields),
  warn: (event: string, fields: Fields = {}) => write('warn', event, fields),
  error: (event: string, fields: Fields = {}) => write('error', event, fields),
};
