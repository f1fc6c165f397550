import { randomUUID } from 'node:crypto';

/** A client address no other test uses, so per-IP limits never leak between tests. */
export function uniqueIp(): string {
  return `198.51.100.${randomUUID()}`;
}

/** Calls a route handler the way Next.js does, with a JSON body (or raw text) and a client address. */
export function postJson(handler: (r: Request) => Promise<Response>, body: unknown, ip = uniqueIp()) {
  return handler(
    new Request('http://localhost/api', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}
