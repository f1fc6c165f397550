/**
 * The baseline for `pnpm bench`: a bare node:http server that calls the very same route handlers as
 * `next start` (the same `route()` wrapper, so the same contracts, per-route ceiling, deadline,
 * services, AWS calls and error shape), through the smallest adapter from node's request and
 * response to the Web Request and Response the handlers take. It also sends the same static headers
 * as `next.config.ts` gives the API. The only difference left is the framework.
 *
 * Run by bench/run.ts with NODE_ENV=production, as `next start` runs.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import * as notFound from '@/app/api/[...path]/route';
import * as health from '@/app/api/health/route';
import * as provisional from '@/app/api/patient/provisional/route';
import * as verify from '@/app/api/patient/verify/route';
import nextConfig from '../next.config';

type Handler = (request: Request) => Response | Promise<Response>;

type Methods = Partial<Record<string, Handler>>;

const routes: Record<string, Methods> = {
  '/api/health': { GET: health.GET },
  '/api/patient/provisional': { POST: provisional.POST },
  '/api/patient/verify': { POST: verify.POST },
};
const unknownPath: Methods = notFound;

/** The headers next.config.ts sets on API responses: read once (they are static), applied to each. */
async function apiHeaders(): Promise<Array<[string, string]>> {
  const rules = (await nextConfig.headers?.()) ?? [];
  // The rules that cover /api/patient/*: the catch-all and the API's own (all but the OpenAPI document).
  return rules
    .filter((rule) => rule.source === '/:path*' || rule.source.startsWith('/api/'))
    .flatMap((rule) => rule.headers.map(({ key, value }): [string, string] => [key.toLowerCase(), value]));
}

const port = Number(process.argv[2]);
const staticHeaders = await apiHeaders();
const origin = `http://127.0.0.1:${port}`;

/** node's request as a Web Request: headers as received, the body streamed from the socket. */
function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(`${origin}${req.url}`, {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody ? { body: req as unknown as ReadableStream, duplex: 'half' } : {}),
  } as RequestInit);
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  const headers: Array<[string, string]> = [...staticHeaders];
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') headers.push([key, value]);
  });
  for (const cookie of response.headers.getSetCookie()) headers.push(['set-cookie', cookie]);
  const body = Buffer.from(await response.arrayBuffer());
  headers.push(['content-length', String(body.byteLength)]);
  res.writeHead(response.status, headers.flat());
  res.end(body);
}

createServer((req, res) => {
  const path = req.url?.split('?')[0] ?? '/';
  const handler = (routes[path] ?? unknownPath)[req.method ?? 'GET'];
  if (!handler) {
    res.writeHead(405).end();
    return;
  }
  Promise.resolve(handler(toRequest(req)))
    .then((response) => send(response, res))
    .catch((error: unknown) => {
      // route() answers every failure itself; this is only the adapter failing.
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
}).listen(port, '127.0.0.1');

// A clean exit on SIGTERM, so `--cpu-prof` can write its profile.
process.on('SIGTERM', () => process.exit(0));
