import 'server-only';
import { randomBytes } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';
import { serverEnv } from './env';

/**
 * Cookies the API sets: HttpOnly, SameSite=Lax, path /. Over HTTPS (production) they are Secure and
 * carry the `__Host-` prefix, so no subdomain or plain-HTTP page can set or overwrite them.
 */
function secure(): boolean {
  return serverEnv().APP_URL.startsWith('https:');
}

export function cookieName(base: string, overHttps = secure()): string {
  return overHttps ? `__Host-${base}` : base;
}

export function readCookie(request: Request, base: string): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  return parseCookie(header)[cookieName(base)];
}

export function setCookie(base: string, value: string, maxAgeSeconds: number, overHttps = secure()): string {
  return stringifySetCookie({
    name: cookieName(base, overHttps),
    value,
    httpOnly: true,
    secure: overHttps,
    sameSite: 'lax',
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

const SIGNUP_COOKIE = 'lumen-signup';
const SIGNUP_COOKIE_MAX_AGE = 24 * 3600;
const BINDING_ID = /^[A-Za-z0-9_-]{43}$/;

/** The random id that binds a one-time code to the browser that asked for it (the signup cookie). */
export interface BrowserBinding {
  id: string;
  /** The Set-Cookie header that (re)sets it on the response. */
  setCookie: string;
}

/** The browser's binding id, if it sent a well-formed one. */
export function readBinding(request: Request): string | undefined {
  const value = readCookie(request, SIGNUP_COOKIE);
  return value && BINDING_ID.test(value) ? value : undefined;
}

/** The browser's binding, or a new random one (256 bits) when it has none. */
export function bindingFor(request: Request): BrowserBinding {
  const id = readBinding(request) ?? randomBytes(32).toString('base64url');
  return { id, setCookie: setCookie(SIGNUP_COOKIE, id, SIGNUP_COOKIE_MAX_AGE) };
}
