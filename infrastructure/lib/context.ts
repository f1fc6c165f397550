import type { Node } from 'constructs';
import { z } from 'zod';

/**
 * The CDK context `bin/app.ts` reads (`cdk synth -c appOrigin=… -c mailDomain=…`, or `context` in
 * cdk.json). An empty value counts as unset, like a cleared variable.
 */
const optional = (schema: z.ZodString) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const required = (example: string) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? `missing: pass -c ${example}` : 'must be text'),
    })
    .min(1, `missing: pass -c ${example}`);

export const appContextSchema = z.object({
  /** The app's public origin, exactly `APP_URL`: the only origin the upload bucket's CORS allows. */
  appOrigin: required('appOrigin=https://app.example.org').refine(
    (value) => URL.canParse(value) && new URL(value).origin === value,
    'must be an origin such as https://app.example.org (no path or trailing slash)',
  ),
  /** The one mail domain (MAIL_DOMAIN): the SES identity; no-reply@, support@ and privacy@ live on it. */
  mailDomain: required('mailDomain=example.org').regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
    'must be a domain name such as example.org',
  ),
  tableNamePrefix: optional(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'may hold only A-Z a-z 0-9 _ . -')),
  uploadBucketName: optional(
    z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name'),
  ),
  /** Left out on the first deployment, before the Amplify app exists (docs/deployment.md#waf). */
  amplifyAppArn: optional(z.string()),
});

export type AppContext = z.output<typeof appContextSchema>;
export const appContextKeys = Object.keys(appContextSchema.shape) as (keyof AppContext)[];

/** Reads and validates the app's context; throws naming each missing or invalid key. */
export function readAppContext(node: Node): AppContext {
  const raw = Object.fromEntries(appContextKeys.map((key) => [key, node.tryGetContext(key)]));
  const result = appContextSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Missing or invalid CDK context:\n${lines.join('\n')}`);
  }
  return result.data;
}
