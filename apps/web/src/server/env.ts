import 'server-only';
import { isUsStateCode, type UsStateCode } from '@telehealth/contracts';
import { resolveTableNames, type TableNames, tableDefinitions } from '@telehealth/data';
import { z } from 'zod';

/**
 * The only module that reads process.env. Public settings are safe at build time; server settings
 * are parsed on first use, with dev defaults that point at the local stack (`pnpm dev`) and, in
 * production, a failure that names each missing variable.
 */

const servedStatesSchema = z
  .string()
  .default('CA,NY,TX,FL,WA')
  .transform((value, ctx) => {
    const codes = value
      .split(',')
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean);
    const bad = codes.filter((code) => !isUsStateCode(code));
    if (bad.length || !codes.length) {
      ctx.addIssue({ code: 'custom', message: `not US state codes: ${bad.join(', ') || '(empty)'}` });
      return z.NEVER;
    }
    return codes as UsStateCode[];
  });

/** A DNS domain name such as `example.org`, lower-cased. */
const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain name such as example.org',
  );

/** The one domain every address the product shows or sends from lives on (MAIL_DOMAIN). */
const DEV_MAIL_DOMAIN = 'lumen-health.test';

/**
 * The addresses on the mail domain: the sender, and the mailboxes pages and emails name. One domain,
 * so the sender, the SES identity (CDK `mailDomain`) and the support address cannot drift apart.
 */
export function mailAddresses(domain: string) {
  return {
    noReply: `no-reply@${domain}`,
    support: `support@${domain}`,
    privacy: `privacy@${domain}`,
  };
}

/**
 * `Brand <no-reply@domain>`: a brand with RFC 5322 specials in it is quoted, one with non-ASCII
 * letters is MIME-encoded (SES refuses raw UTF-8 in a display name).
 */
export function senderAddress(brandName: string, domain: string): string {
  const name = /[^\x20-\x7e]/.test(brandName)
    ? `=?UTF-8?B?${Buffer.from(brandName, 'utf8').toString('base64')}?=`
    : /^[A-Za-z0-9 !#$%&'*+\-/=?^_`{|}~]+$/.test(brandName)
      ? brandName
      : `"${brandName.replace(/["\\]/g, '\\$&')}"`;
  return `${name} <${mailAddresses(domain).noReply}>`;
}

const publicSchema = z.object({
  BRAND_NAME: z.string().min(1).default('Lumen Health'),
  SERVICE_STATES: servedStatesSchema,
  /** The legal entity and its postal address, named in the Notice of Privacy Practices and the terms. */
  COMPANY_NAME: z.string().min(1).default('Lumen Health, Inc. (example)'),
  COMPANY_ADDRESS: z.string().min(1).default('100 Example Street, Suite 200, San Francisco, CA 94105'),
  MAIL_DOMAIN: domainName.default(DEV_MAIL_DOMAIN),
});

function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`).join('\n');
}

function parsePublic() {
  const result = publicSchema.safeParse(process.env);
  if (!result.success) throw new Error(`Invalid configuration:\n${formatIssues(result.error)}`);
  return {
    brandName: result.data.BRAND_NAME,
    servedStates: result.data.SERVICE_STATES,
    mailDomain: result.data.MAIL_DOMAIN,
    supportEmail: mailAddresses(result.data.MAIL_DOMAIN).support,
    privacyEmail: mailAddresses(result.data.MAIL_DOMAIN).privacy,
    companyName: result.data.COMPANY_NAME,
    companyAddress: result.data.COMPANY_ADDRESS,
  };
}

export type PublicConfig = ReturnType<typeof parsePublic>;
/** Brand and coverage: read at build time for static pages. */
export const publicConfig: PublicConfig = parsePublic();

const isProduction = process.env.NODE_ENV === 'production';
const dev = <T extends z.ZodType>(schema: T, devDefault: z.input<T>) =>
  isProduction ? schema : (schema.default(devDefault as never) as unknown as T);
/** An empty value counts as unset (a variable cleared in the hosting console). */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** Where the client address is read from; see `clientIp()` in http.ts. */
export const clientIpSources = ['cloudfront-viewer-address', 'x-forwarded-for', 'none'] as const;
export type ClientIpSource = (typeof clientIpSources)[number];

const serverSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  AWS_REGION: dev(z.string().min(1), 'us-east-1'),
  APP_URL: dev(z.url(), 'http://localhost:3000'),
  DYNAMODB_ENDPOINT: isProduction ? z.url().optional() : z.url().default('http://127.0.0.1:8000'),
  SES_ENDPOINT: isProduction ? z.url().optional() : z.url().default('http://127.0.0.1:8005'),
  S3_ENDPOINT: isProduction ? z.url().optional() : z.url().default('http://127.0.0.1:4569'),
  AWS_S3_UPLOAD_BUCKET: dev(z.string().min(3), 'telehealth-clinician-uploads'),
  /** Required in production: the sender and every address shown live on it (publicConfig reads it too). */
  MAIL_DOMAIN: dev(domainName, DEV_MAIL_DOMAIN),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  SEED_ADMIN_EMAIL: dev(z.email(), 'admin@lumen-health.test'),
  /** Keys the HMAC of one-time codes and rate-limit subjects. */
  OTP_HMAC_SECRET: dev(
    z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)'),
    'dev-only-otp-secret-not-for-production-use-0000',
  ),
  /** Encrypts the staff session cookie (a JWE, next-auth); 32+ random characters. */
  AUTH_SECRET: dev(
    z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)'),
    'dev-only-auth-secret-not-for-production-use-00000',
  ),
  /**
   * Mixed into every staff password hash (argon2id's secret): a stolen table alone cannot be
   * cracked offline without it. Changing it invalidates every password (docs/portal.md).
   */
  PASSWORD_PEPPER: dev(
    z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)'),
    'dev-only-password-pepper-not-for-production-use-0',
  ),
  /** AES-256-GCM key for TOTP secrets at rest: 64 hex characters (`openssl rand -hex 32`). */
  TOTP_ENCRYPTION_KEY: dev(
    z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (`openssl rand -hex 32`)'),
    '0000000000000000000000000000000000000000000000000000000000000000',
  ),
  /**
   * Where the client address comes from (docs/runbooks/client-address.md). Amplify Hosting puts
   * CloudFront's own `CloudFront-Viewer-Address` on every request, which a client cannot set; locally
   * and in tests the client (or `next start`) sends `X-Forwarded-For`.
   */
  CLIENT_IP_SOURCE: z
    .enum(clientIpSources)
    .default(isProduction ? 'cloudfront-viewer-address' : 'x-forwarded-for'),
  /** With `x-forwarded-for`: the client is the Nth entry from the right (N = proxies that append). */
  TRUSTED_PROXY_HOPS: z.coerce
    .number()
    .int()
    .min(1, 'must be 1 to 5; with no proxy in front set CLIENT_IP_SOURCE=none')
    .max(5)
    .default(1),
  /** Turns on GET /api/diagnostics/client-address for callers that present it; unset in normal running. */
  DIAGNOSTICS_TOKEN: optional(
    z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)'),
  ),
  /** Total time an API request may spend, AWS calls and retries included; Amplify's limit is 30 s. */
  REQUEST_BUDGET_MS: z.coerce.number().int().min(1_000).max(25_000).default(8_000),
  /** Multiplies every per-route ceiling (`routeCeilings` in http.ts); raised only for load tests. */
  ROUTE_CEILING_SCALE: z.coerce.number().positive().max(1_000).default(1),
});

export type ServerEnv = z.output<typeof serverSchema> & {
  tableNames: TableNames;
  /** The From address of every email: `Brand <no-reply@MAIL_DOMAIN>`. */
  fromAddress: string;
};

/** Every variable the app reads (table names included), for checks that deployment passes them all. */
export const configVariableNames: readonly string[] = [
  ...new Set([
    ...Object.keys(publicSchema.shape),
    ...Object.keys(serverSchema.shape),
    ...Object.values(tableDefinitions).map((table) => table.envVar),
  ]),
];

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const result = serverSchema.safeParse(process.env);
  if (!result.success) {
    throw new Error(`Missing or invalid environment variables:\n${formatIssues(result.error)}`);
  }
  cached = {
    ...result.data,
    tableNames: resolveTableNames(process.env),
    fromAddress: senderAddress(publicConfig.brandName, result.data.MAIL_DOMAIN),
  };
  return cached;
}
