import { randomUUID } from 'node:crypto';

type Handler = (r: Request) => Promise<Response>;

/** A client address no other test uses, so per-IP limits never leak between tests. */
export function uniqueIp(): string {
  const n = Number.parseInt(randomUUID().slice(0, 8), 16);
  return `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Calls a route handler the way Next.js does, with a JSON body (or raw text), an address and cookies. */
export function postJson(handler: Handler, body: unknown, ip = uniqueIp(), cookie?: string) {
  return handler(
    new Request('http://localhost/api', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': ip,
        ...(cookie ? { cookie } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

/**
 * One browser: it keeps the cookies the API sets and sends them back, from one address, so tests can
 * tell "the browser that asked for the code" from another one.
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  constructor(readonly ip = uniqueIp()) {}

  get cookieHeader(): string | undefined {
    if (!this.cookies.size) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(response: Response): Response {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return response;
  }

  async post(handler: Handler, body: unknown): Promise<Response> {
    return this.keep(await postJson(handler, body, this.ip, this.cookieHeader));
  }

  async get(handler: Handler): Promise<Response> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip };
    if (this.cookieHeader) headers.cookie = this.cookieHeader;
    return this.keep(await handler(new Request('http://localhost/api', { headers })));
  }
}
