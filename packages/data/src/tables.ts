/**
 * The DynamoDB tables: the single source for the local bootstrap and the CDK stack.
 * Names come from env; the defaults are the names the existing deployment uses.
 */
export type AttributeType = 'S' | 'N';

export interface KeyAttribute {
  name: string;
  type: AttributeType;
}

export interface TableDefinition {
  /** Env variable that overrides the table name. */
  envVar: string;
  defaultName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  indexes?: ReadonlyArray<{ name: string; partitionKey: KeyAttribute; sortKey?: KeyAttribute }>;
  /** Attribute holding an epoch-seconds expiry. DynamoDB deletes late, so code checks expiry itself. */
  ttlAttribute?: string;
}

export const tableDefinitions = {
  /**
   * Patients, one item an email (normalised). A patient exists once a signup is verified; items with
   * `status: PENDING_VERIFICATION` are left from before signups were bound to a browser.
   */
  patients: {
    envVar: 'AWS_DYNAMO_TABLE',
    defaultName: 'telehealth-patient-provisional',
    partitionKey: { name: 'email', type: 'S' },
    ttlAttribute: 'expiresAtEpoch',
  },
  clinicianApplications: {
    envVar: 'AWS_CLINICIAN_TABLE',
    defaultName: 'telehealth-clinician-applications',
    partitionKey: { name: 'applicationId', type: 'S' },
    indexes: [
      {
        name: 'status-index',
        partitionKey: { name: 'status', type: 'S' },
        sortKey: { name: 'submittedAt', type: 'S' },
      },
      {
        name: 'email-index',
        partitionKey: { name: 'email', type: 'S' },
        sortKey: { name: 'submittedAt', type: 'S' },
      },
    ],
  },
  /** Audit events: one partition a subject (e.g. `patient#<id>`), newest last; `day-index` lists a day. */
  audit: {
    envVar: 'AWS_AUDIT_TABLE',
    defaultName: 'telehealth-audit-log',
    partitionKey: { name: 'subject', type: 'S' },
    sortKey: { name: 'eventKey', type: 'S' },
    indexes: [
      { name: 'day-index', partitionKey: { name: 'day', type: 'S' }, sortKey: { name: 'at', type: 'S' } },
    ],
  },
  /**
   * One-time email codes, one item per purpose, browser and email (the key is an HMAC of the three):
   * the code's hash, its attempts, the resend backoff and, for a patient signup, the pending details.
   */
  emailVerifications: {
    envVar: 'AWS_EMAIL_VERIFICATION_TABLE',
    defaultName: 'telehealth-email-verifications',
    partitionKey: { name: 'verificationKey', type: 'S' },
    ttlAttribute: 'expiresAtEpoch',
  },
  /**
   * The waitlist: one item a proven email (the key is an HMAC of it), with why we cannot serve the
   * person yet, the consent they gave and the hash of the one-time removal token. Deleted on removal;
   * TTL removes an entry nobody acted on after two years.
   */
  waitlist: {
    envVar: 'AWS_WAITLIST_TABLE',
    defaultName: 'telehealth-waitlist',
    partitionKey: { name: 'entryKey', type: 'S' },
    ttlAttribute: 'expiresAtEpoch',
  },
  /**
   * Staff of the portal: one `user#<id>` item a person, and one `email#<address>` item a person whose
   * conditional put in the same transaction keeps emails unique (a GSI is eventually consistent and
   * cannot refuse a duplicate). `list-index` lists users (only user items carry `listKey`). Sign-in
   * tickets (`ticket#<hash>`) live here too and expire by `expiresAtEpoch`.
   */
  staffUsers: {
    envVar: 'AWS_STAFF_USERS_TABLE',
    defaultName: 'telehealth-staff-users',
    partitionKey: { name: 'pk', type: 'S' },
    indexes: [
      {
        name: 'list-index',
        partitionKey: { name: 'listKey', type: 'S' },
        sortKey: { name: 'createdAt', type: 'S' },
      },
    ],
    ttlAttribute: 'expiresAtEpoch',
  },
  /** Rate-limit counters and cooldowns, shared by every server instance. */
  rateLimits: {
    envVar: 'AWS_RATE_LIMIT_TABLE',
    defaultName: 'telehealth-rate-limits',
    partitionKey: { name: 'key', type: 'S' },
    ttlAttribute: 'expiresAtEpoch',
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof tableDefinitions;
export type TableNames = Record<TableKey, string>;

/** Resolves every table's name from an env-like record, falling back to the deployment defaults. */
export function resolveTableNames(env: Readonly<Record<string, string | undefined>>): TableNames {
  const names = {} as TableNames;
  for (const [key, def] of Object.entries(tableDefinitions) as [TableKey, TableDefinition][]) {
    names[key] = env[def.envVar] || def.defaultName;
  }
  return names;
}
