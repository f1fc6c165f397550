import 'server-only';
import { apiErrorBodySchema, type ErrorCode, errorStatus, type UsStateCode } from '@telehealth/contracts';
import { routeCeilings, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../http';
import {
  APPLICANT_COOKIE_NAME,
  type ErrorCase,
  type OperationSpec,
  operationSpecs,
  SIGNUP_COOKIE_NAME,
  STAFF_SESSION_COOKIE,
  STAFF_TICKET_COOKIE,
} from './operations';
import { type JsonSchema, openApiSchema } from './schema';

/** Bumped by hand when the API changes in a way a client must follow. */
export const API_VERSION = '1.0.0';

export interface OpenApiConfig {
  /** The states the deployment covers (`SERVICE_STATES`): the signup contract accepts only these. */
  servedStates: readonly UsStateCode[];
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: Record<string, unknown>;
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    headers: Record<string, Record<string, unknown>>;
    securitySchemes: Record<string, Record<string, unknown>>;
  };
}

const tags = [
  { name: 'Patients', description: 'Signup from the landing page: details, then the emailed code.' },
  {
    name: 'Clinician applicants',
    description: 'Proving the email, uploading documents, submitting the application.',
  },
  {
    name: 'Waitlist',
    description:
      'Leaving a proven email to hear once when we can serve someone (under 18, or a state not served yet).',
  },
  { name: 'Operations', description: 'Liveness, deployment diagnostics, this document.' },
  {
    name: 'Staff',
    description:
      'Portal accounts: invitations, the two-step sign-in, TOTP set-up, sign-out. next-auth’s own `/api/auth/*` endpoints (csrf, session, callback/staff) are described in docs/portal.md.',
  },
  {
    name: 'Application review',
    description:
      'Admins review clinician applications: the queue, one application, its documents and the decisions (state machine in docs/portal.md).',
  },
];

const description = `The public API of the app (\`apps/web/src/app/api\`). Conventions, limits and examples: \`docs/api.md\`.

- Request bodies are JSON (\`content-type: application/json\`), parsed by the contracts in \`packages/contracts\`; an unknown field is refused, naming it.
- Every error has one shape, \`{ "error": { "code", "message", "issues"? } }\` (\`ApiError\`); \`issues\` lists fields for \`validation_failed\`.
- Every answer of a route with a request id carries \`x-request-id\`; a 500's message quotes it.
- \`429\` and \`503\` carry \`Retry-After\` (seconds).
- Any other path under \`/api/\` answers \`404 not_found\` in the error shape, for every method: it is not an operation.
- Cookies are HttpOnly, SameSite=Lax, Path=/; over HTTPS they are Secure and named with the \`__Host-\` prefix (\`__Host-${SIGNUP_COOKIE_NAME}\`), over plain HTTP (local development) without it.`;

const commonErrors = {
  validation_failed: 'the body is not JSON or fails the contract (`issues` lists each field)',
  payload_too_large: (bytes: number) => `the body is over ${bytes / 1024} KiB`,
  unsupported_media_type: 'the body is not sent as `application/json`',
  ceiling: (limit: number) =>
    `more than ${limit} requests a minute to this route from all clients together (its ceiling, times \`ROUTE_CEILING_SCALE\`)`,
  internal_error: 'unexpected; logged with the request id, which the message quotes; no details',
  service_unavailable: `DynamoDB, SES or S3 timed out, throttled or refused, the request's time budget (\`REQUEST_BUDGET_MS\`) ran out, or the rate-limit store is unreachable (limits fail closed); \`Retry-After: ${UNAVAILABLE_RETRY_AFTER_SECONDS}\``,
} as const;

/** Example messages, so each documented error shows a real answer. */
const exampleMessages: Record<ErrorCode, string> = {
  validation_failed: 'Some fields need your attention.',
  invalid_code:
    'That code is not valid or has expired. Check the latest email we sent, or ask for a new code.',
  unauthenticated: 'Confirm your email address to continue.',
  forbidden:
    'This application uses a different email from the one you confirmed. Confirm this email, then submit again.',
  not_found: 'There is no API endpoint at this address.',
  conflict: 'An application for this email is already being reviewed.',
  payload_too_large: 'The request body is too large.',
  unsupported_media_type: 'Send the request body as application/json.',
  rate_limited: 'Too many attempts from this network. You can try again in 45 minutes.',
  internal_error: 'Something went wrong on our side. Please try again. (Reference <request id>)',
  service_unavailable: 'We could not complete this request in time. Please try again in a few seconds.',
};

/** The error cases an operation can answer: its own, and those of body parsing and `route()`. */
export function errorCasesOf(spec: OperationSpec): ErrorCase[] {
  const cases: ErrorCase[] = [];
  if (spec.body) {
    cases.push(
      { code: 'validation_failed', when: commonErrors.validation_failed },
      { code: 'payload_too_large', when: commonErrors.payload_too_large(spec.body.maxBytes) },
      { code: 'unsupported_media_type', when: commonErrors.unsupported_media_type },
    );
  }
  cases.push(...spec.errors);
  const ceiling = spec.routeName ? routeCeilings[spec.routeName] : undefined;
  // A route with a ceiling counts it in DynamoDB, so it can also hit a dependency's failure.
  if (ceiling) cases.push({ code: 'rate_limited', when: commonErrors.ceiling(ceiling.limit) });
  if (spec.routeName) cases.push({ code: 'internal_error', when: commonErrors.internal_error });
  if (ceiling) cases.push({ code: 'service_unavailable', when: commonErrors.service_unavailable });
  return cases;
}

const ref = (kind: 'schemas' | 'headers', name: string) => ({ $ref: `#/components/${kind}/${name}` });

function errorResponses(spec: OperationSpec): Record<string, unknown> {
  const byStatus = new Map<number, ErrorCase[]>();
  for (const errorCase of errorCasesOf(spec)) {
    const status = errorStatus[errorCase.code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), errorCase]);
  }
  const responses: Record<string, unknown> = {};
  for (const [status, cases] of [...byStatus].sort(([a], [b]) => a - b)) {
    const codes = [...new Set(cases.map((c) => c.code))];
    const headers: Record<string, unknown> = {};
    if (spec.routeName) headers['x-request-id'] = ref('headers', 'RequestId');
    if (status === 429 || status === 503) headers['retry-after'] = ref('headers', 'RetryAfter');
    responses[String(status)] = {
      description: cases.map((c) => `- \`${c.code}\`: ${c.when}`).join('\n'),
      ...(Object.keys(headers).length ? { headers } : {}),
      content: {
        'application/json': {
          schema: ref('schemas', 'ApiError'),
          examples: Object.fromEntries(
            codes.map((code) => [code, { value: { error: { code, message: exampleMessages[code] } } }]),
          ),
        },
      },
    };
  }
  return responses;
}

/**
 * The OpenAPI 3.1 document of every route under /api, from the zod contracts (zod's own JSON Schema
 * output: see docs/decisions/0009-openapi-from-zod.md).
 */
export function buildOpenApiDocument(config: OpenApiConfig): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = {};
  const addSchema = (name: string, schema: JsonSchema) => {
    const existing = schemas[name];
    if (existing && JSON.stringify(existing) !== JSON.stringify(schema)) {
      throw new Error(`Two different schemas are named ${name} in the OpenAPI document`);
    }
    schemas[name] = schema;
    return ref('schemas', name);
  };
  addSchema('ApiError', openApiSchema(apiErrorBodySchema, { io: 'output' }));

  const paths: OpenApiDocument['paths'] = {};
  for (const spec of operationSpecs(config.servedStates)) {
    const successHeaders: Record<string, unknown> = {};
    if (spec.routeName) successHeaders['x-request-id'] = ref('headers', 'RequestId');
    for (const [name, header] of Object.entries(spec.success.headers ?? {})) successHeaders[name] = header;
    const ceiling = spec.routeName ? routeCeilings[spec.routeName] : undefined;

    const operation: Record<string, unknown> = {
      operationId: spec.operationId,
      tags: [spec.tag],
      summary: spec.summary,
      description: spec.description,
      security: spec.security,
      ...(spec.pathParams || spec.queryParams
        ? {
            parameters: [
              ...Object.entries(spec.pathParams ?? {}).map(([name, param]) => ({
                name,
                in: 'path',
                required: true,
                ...(typeof param === 'string'
                  ? { description: param, schema: { type: 'string', format: 'uuid' } }
                  : param),
              })),
              ...Object.entries(spec.queryParams ?? {}).map(([name, param]) => ({
                name,
                in: 'query',
                required: false,
                ...param,
              })),
            ],
          }
        : {}),
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              description: `JSON, at most ${spec.body.maxBytes / 1024} KiB.`,
              content: {
                'application/json': {
                  schema: addSchema(
                    spec.body.name,
                    openApiSchema(spec.body.schema, { io: 'input', hints: spec.body.hints }),
                  ),
                  ...(spec.body.example === undefined ? {} : { example: spec.body.example }),
                },
              },
            },
          }
        : {}),
      responses: {
        [String(spec.success.status)]: {
          description: spec.success.description,
          ...(Object.keys(successHeaders).length ? { headers: successHeaders } : {}),
          ...(spec.success.schema
            ? {
                content: {
                  'application/json': {
                    schema: addSchema(
                      spec.success.name,
                      openApiSchema(spec.success.schema, { io: 'output' }),
                    ),
                  },
                },
              }
            : {}),
        },
        ...spec.otherResponses,
        ...errorResponses(spec),
      },
      ...(ceiling
        ? { 'x-route-ceiling': { limit: ceiling.limit, windowSeconds: ceiling.windowSeconds } }
        : {}),
    };
    paths[spec.path] ??= {};
    const path = paths[spec.path] ?? {};
    if (path[spec.method]) throw new Error(`${spec.method.toUpperCase()} ${spec.path} is listed twice`);
    path[spec.method] = operation;
  }

  return {
    openapi: '3.1.0',
    info: { title: 'Telehealth API', version: API_VERSION, description },
    servers: [{ url: '/', description: 'The app’s own origin' }],
    tags,
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      headers: {
        RequestId: {
          description: 'Names this request in the logs; quote it when reporting a problem.',
          schema: { type: 'string', format: 'uuid' },
        },
        RetryAfter: {
          description: 'Seconds to wait before trying again.',
          required: true,
          schema: { type: 'integer', minimum: 0 },
        },
      },
      securitySchemes: {
        signupCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: `__Host-${SIGNUP_COOKIE_NAME}`,
          description: `Binds a one-time code to the browser that asked for it: set by \`POST /api/patient/provisional\` and \`POST /api/clinician/email/code\`, required by the two verify endpoints. \`${SIGNUP_COOKIE_NAME}\` over plain HTTP.`,
        },
        applicantCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: `__Host-${APPLICANT_COOKIE_NAME}`,
          description: `A signed proof of the applicant's email: set by \`POST /api/clinician/email/verify\`, required by \`POST /api/clinician/apply\` and \`GET /api/clinician/email/session\`. \`${APPLICANT_COOKIE_NAME}\` over plain HTTP.`,
        },
        staffSession: {
          type: 'apiKey',
          in: 'cookie',
          name: `__Secure-${STAFF_SESSION_COOKIE}`,
          description: `The staff session (next-auth, an encrypted JWT): HttpOnly, SameSite=Lax; 20 minutes from the last use, 12 hours at most, revoked by sign-out, a password change or disabling. \`${STAFF_SESSION_COOKIE}\` over plain HTTP.`,
        },
        staffTicket: {
          type: 'apiKey',
          in: 'cookie',
          name: `__Host-${STAFF_TICKET_COOKIE}`,
          description: `A sign-in in progress between the password and the session: set by \`POST /api/staff/sign-in\` and \`POST /api/staff/invitation/accept\`, spent by next-auth's \`POST /api/auth/callback/staff\`. \`${STAFF_TICKET_COOKIE}\` over plain HTTP.`,
        },
        diagnosticsToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The value of `DIAGNOSTICS_TOKEN`; the endpoint does not exist while it is unset.',
        },
      },
    },
  };
}
