import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { apiErrorBodySchema, errorStatus, healthStatusSchema, type UsStateCode } from '@telehealth/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uniqueIp } from '@/test/requests';
import { createStaff, sessionCookie } from '@/test/staff';
import { bindingFor, cookieName } from '../cookies';
import { publicConfig } from '../env';
import { clientAddressReport } from '../http';
import { buildOpenApiDocument, type OpenApiDocument, servedOpenApiDocument } from '.';
import { errorCasesOf } from './document';
import {
  APPLICANT_COOKIE_NAME,
  clientAddressReportSchema,
  operationSpecs,
  SIGNUP_COOKIE_NAME,
} from './operations';

const apiDir = fileURLToPath(new URL('../../app/api', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
/** The committed document is built for the dev default states, so it does not follow the shell's env. */
const SNAPSHOT_STATES: UsStateCode[] = ['CA', 'NY', 'TX', 'FL', 'WA'];
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
/** Route files that are not operations, and why. */
const NOT_OPERATIONS: Record<string, string> = {
  '[...path]/route.ts': 'the catch-all: any unknown /api path answers 404 in the error shape',
  'auth/[...nextauth]/route.ts':
    "next-auth's own endpoints (csrf, session, callback/staff, signout): their shapes are next-auth's, not our contracts'; docs/portal.md describes the ones the portal uses",
};
const CATCH_ALL = '[...path]/route.ts';

type Handler = (request: Request) => Response | Promise<Response>;
interface RouteFile {
  file: string;
  url: string;
  handlers: Partial<Record<(typeof HTTP_METHODS)[number], Handler>>;
}

function findRouteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findRouteFiles(path);
    return entry.name === 'route.ts' ? [path] : [];
  });
}

/** `patient/provisional/route.ts` → `/api/patient/provisional`; `(group)` dropped, `[id]` → `{id}`. */
function urlOf(file: string): string {
  const segments = relative(apiDir, dirname(file))
    .split(sep)
    .filter((segment) => segment && !/^\(.*\)$/.test(segment))
    .map((segment) => segment.replace(/^\[([^.\]]+)\]$/, '{$1}'));
  return `/api${segments.length ? `/${segments.join('/')}` : ''}`;
}

let routes: RouteFile[];
let document: OpenApiDocument;

beforeAll(async () => {
  routes = await Promise.all(
    findRouteFiles(apiDir).map(async (file) => {
      const module = (await import(file)) as Record<string, unknown>;
      const handlers = Object.fromEntries(
        HTTP_METHODS.filter((method) => typeof module[method] === 'function').map((method) => [
          method,
          module[method] as Handler,
        ]),
      );
      return { file: relative(apiDir, file).split(sep).join('/'), url: urlOf(file), handlers };
    }),
  );
  document = buildOpenApiDocument({ servedStates: SNAPSHOT_STATES });
});

const operationsOf = (doc: OpenApiDocument) =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );
const routeNamed = (url: string) => {
  const found = routes.find((route) => route.url === url);
  if (!found) throw new Error(`no route.ts for ${url}`);
  return found;
};
const handler = (url: string, method: keyof RouteFile['handlers']) => {
  const found = routeNamed(url).handlers[method];
  if (!found) throw new Error(`${url} exports no ${method}`);
  return found;
};
const operation = (url: string, method: string) =>
  document.paths[url]?.[method.toLowerCase()] as
    | { responses: Record<string, { description: string }>; security: unknown }
    | undefined;

describe('the OpenAPI document covers every route', () => {
  it('has an operation for each method each route.ts exports, and no operation without one', () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const exported = routes
      .filter((route) => !NOT_OPERATIONS[route.file])
      .flatMap((route) => Object.keys(route.handlers).map((method) => `${method} ${route.url}`));
    expect(exported).toContain('POST /api/patient/provisional');
    expect(operationsOf(document).sort()).toEqual(exported.sort());
  });

  it('leaves out only the catch-all, which answers 404 in the error shape for every method, and next-auth', async () => {
    const left = routes.filter((route) => NOT_OPERATIONS[route.file]);
    expect(left.map((route) => route.file).sort()).toEqual(Object.keys(NOT_OPERATIONS).sort());
    const catchAll = left.filter((route) => route.file === CATCH_ALL);
    for (const [method, handle] of Object.entries(catchAll[0]?.handlers ?? {})) {
      const response = await handle(new Request('http://localhost/api/no/such/path', { method }));
      expect(response.status, method).toBe(404);
      expect(apiErrorBodySchema.parse(await response.json()).error.code).toBe('not_found');
    }
    expect(Object.keys(catchAll[0]?.handlers ?? {}).length).toBeGreaterThanOrEqual(5);
  });

  it('lists each error case under the status of its code', () => {
    for (const spec of operationSpecs(SNAPSHOT_STATES)) {
      const responses = operation(spec.path, spec.method)?.responses ?? {};
      for (const errorCase of errorCasesOf(spec)) {
        expect(responses[String(errorStatus[errorCase.code])]?.description).toContain(
          `\`${errorCase.code}\``,
        );
      }
    }
  });
});

describe('the document is valid OpenAPI 3.1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** `redocly lint` (recommended rules) on a document; the problems it reports. */
  async function lint(doc: unknown) {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(doc));
    const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
    const args = [
      cli,
      'lint',
      file,
      '--format=json',
      // A private API: no license to name.
      '--skip-rule=info-license',
      // Health and this document have no client error to answer.
      '--skip-rule=operation-4xx-response',
    ];
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
    const { stdout } = await promisify(execFile)(process.execPath, args, { env }).catch(
      (error: { stdout: string }) => error,
    );
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string }[];
    };
    return report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`);
  }

  it('passes redocly lint with no error or warning', async () => {
    expect(await lint(document)).toEqual([]);
  }, 60_000);

  it('is linted for real: a broken document is reported', async () => {
    const broken = structuredClone(document) as unknown as {
      info?: unknown;
      components: OpenApiDocument['components'];
    };
    delete broken.info;
    (broken.components.schemas.VerifyPatient as { type: string }).type = 'strin';
    const problems = await lint(broken);
    expect(problems.some((problem) => problem.includes('`info` must be present'))).toBe(true);
    expect(problems.some((problem) => problem.includes('`type` can be one of'))).toBe(true);
  }, 60_000);

  it('has request examples that the contracts accept', () => {
    for (const spec of operationSpecs(SNAPSHOT_STATES)) {
      if (spec.body?.example === undefined) continue;
      expect(z.safeParse(spec.body.schema, spec.body.example).success, spec.operationId).toBe(true);
    }
  });
});

describe('the document is current', () => {
  it('matches docs/openapi.json (regenerate: pnpm --filter @telehealth/web openapi)', () => {
    const file = join(repoRoot, 'docs/openapi.json');
    // Compared as data, so reformatting the file (`pnpm format`) does not make it stale.
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
    const committed: unknown = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
    expect(
      committed,
      'docs/openapi.json is stale: run `pnpm --filter @telehealth/web openapi` and commit it',
    ).toEqual(document);
  });

  it('has a section in docs/api.md for every operation', () => {
    const apiDoc = readFileSync(join(repoRoot, 'docs/api.md'), 'utf8');
    const missing = operationsOf(document).filter((op) => !apiDoc.includes(`## \`${op}\``));
    expect(missing).toEqual([]);
  });

  it('names the cookies the API really sets, and the shape diagnostics really answers', () => {
    const request = new Request('http://localhost/api');
    expect(bindingFor(request).setCookie.startsWith(`${cookieName(SIGNUP_COOKIE_NAME)}=`)).toBe(true);
    expect(cookieName(APPLICANT_COOKIE_NAME)).toMatch(/lumen-applicant$/);
    const headers = new Headers({
      'x-forwarded-for': '203.0.113.9, 10.0.0.1',
      'cloudfront-viewer-address': '[2001:db8::1]:443',
    });
    for (const source of ['cloudfront-viewer-address', 'x-forwarded-for', 'none'] as const) {
      expect(() =>
        clientAddressReportSchema.parse(clientAddressReport(headers, { source, trustedProxyHops: 1 })),
      ).not.toThrow();
    }
  });
});

describe('statuses the routes really answer are documented', () => {
  const post = (body: string, contentType: string, extra: Record<string, string> = {}) =>
    new Request('http://localhost/api', {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-forwarded-for': uniqueIp(), ...extra },
      body,
    });

  /** The route answered `status` with `code` in the error shape, and the document lists that. */
  async function expectDocumented(
    url: string,
    method: string,
    response: Response,
    status: number,
    code: string,
  ) {
    expect(response.status, `${method} ${url}`).toBe(status);
    expect(apiErrorBodySchema.parse(await response.json()).error.code).toBe(code);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(
      operation(url, method)?.responses[String(status)]?.description,
      `${method} ${url} ${status}`,
    ).toContain(`\`${code}\``);
  }

  it('every JSON body route: 415 without JSON, 400 for malformed JSON, 413 over its limit', async () => {
    const specs = operationSpecs(SNAPSHOT_STATES).filter((spec) => spec.body);
    expect(specs.length).toBeGreaterThanOrEqual(6);
    // Staff-only routes check the session before the body: these calls come from an admin.
    const adminCookie = await sessionCookie(await createStaff('admin'));
    for (const spec of specs) {
      const route = handler(spec.path, 'POST');
      const staffOnly = spec.security.some((alternative) => 'staffSession' in alternative);
      const handle = (request: Request) => {
        if (staffOnly) request.headers.set('cookie', adminCookie);
        return route(request);
      };
      await expectDocumented(
        spec.path,
        'POST',
        await handle(post('hello', 'text/plain')),
        415,
        'unsupported_media_type',
      );
      await expectDocumented(
        spec.path,
        'POST',
        await handle(post('{"', 'application/json')),
        400,
        'validation_failed',
      );
      const big = JSON.stringify({ padding: 'x'.repeat(spec.body?.maxBytes ?? 0) });
      await expectDocumented(
        spec.path,
        'POST',
        await handle(post(big, 'application/json')),
        413,
        'payload_too_large',
      );
    }
  });

  it('apply and session without the applicant cookie: 401', async () => {
    const session = handler('/api/clinician/email/session', 'GET');
    const request = new Request('http://localhost/api', { headers: { 'x-forwarded-for': uniqueIp() } });
    await expectDocumented(
      '/api/clinician/email/session',
      'GET',
      await session(request),
      401,
      'unauthenticated',
    );
    expect(operation('/api/clinician/apply', 'post')?.security).toEqual([{ applicantCookie: [] }]);
  });

  it('diagnostics without the token: 404 like an unknown path', async () => {
    const diagnostics = handler('/api/diagnostics/client-address', 'GET');
    const response = await diagnostics(
      new Request('http://localhost/api', { headers: { authorization: 'Bearer nope' } }),
    );
    await expectDocumented('/api/diagnostics/client-address', 'GET', response, 404, 'not_found');
  });

  it('health answers its documented body', async () => {
    const response = await handler('/api/health', 'GET')(new Request('http://localhost/api/health'));
    expect(response.status).toBe(200);
    expect(healthStatusSchema.parse(await response.json())).toEqual({ status: 'ok' });
    expect(operation('/api/health', 'get')?.responses['200']).toBeDefined();
  });
});

describe('GET /api/openapi.json', () => {
  it('serves the document for the configured states, with an ETag that answers 304', async () => {
    const get = handler('/api/openapi.json', 'GET');
    const response = await get(new Request('http://localhost/api/openapi.json'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(await response.json()).toEqual(buildOpenApiDocument({ servedStates: publicConfig.servedStates }));

    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get(
      new Request('http://localhost/api/openapi.json', { headers: { 'if-none-match': `W/${etag}` } }),
    );
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await get(
      new Request('http://localhost/api/openapi.json', { headers: { 'if-none-match': '"old"' } }),
    );
    expect(other.status).toBe(200);
  });

  it('builds the document once per process', () => {
    expect(servedOpenApiDocument()).toBe(servedOpenApiDocument());
  });
});
