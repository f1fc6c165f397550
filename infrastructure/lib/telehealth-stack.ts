import { type TableDefinition, type TableKey, tableDefinitions } from '@telehealth/data';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';

export const DEFAULT_UPLOAD_BUCKET_NAME = 'telehealth-clinician-uploads';
/** Where browsers upload (`drafts/<draftId>/<purpose>/<uuid>.<ext>`), through presigned PUTs. */
export const UPLOAD_PREFIX = 'drafts/';
/** Where the server freezes the checked copy of each submitted document; no browser can write here. */
export const APPLICATION_PREFIX = 'applications/';
/**
 * The tag every copy under `applications/` is made with (`state=pending`) and the value the app sets
 * once the application's record is committed (`state=committed`); see apps/web/src/server/uploads.
 */
export const DOCUMENT_STATE_TAG = 'state';
export const PENDING_DOCUMENT_DAYS = 2;
/** How long an expired or deleted pending copy stays recoverable as a noncurrent version. */
export const PENDING_DOCUMENT_RECOVERY_DAYS = 30;

type ItemAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query' | 'ConditionCheckItem';

/**
 * What the SSR role may do on each table: only the item actions the repositories in
 * `packages/data/src/repositories` call, directly or inside a transaction. Keyed by table, so a new
 * table in `packages/data` does not compile until someone decides its actions.
 */
export const tableActions = {
  // A verified patient is created by a conditional Put inside the signup transaction.
  patients: ['GetItem', 'PutItem', 'ConditionCheckItem'],
  // Codes are issued, counted and spent by conditional updates; the item is never deleted (TTL).
  emailVerifications: ['GetItem', 'UpdateItem', 'ConditionCheckItem'],
  // Created with its open-application lock in one transaction; the portal lists by status (Query).
  clinicianApplications: ['GetItem', 'PutItem', 'Query'],
  // Append-only: see the Deny below.
  audit: ['GetItem', 'PutItem', 'Query'],
  // Counters are updates; a failed send deletes its cooldown so the user can retry at once.
  rateLimits: ['GetItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'],
  // Joined by a put with its code's use (joining again replaces it); removed by a conditional delete.
  waitlist: ['GetItem', 'PutItem', 'DeleteItem'],
  // Users and their email items are created together (Put); invitations, passwords, lockout and
  // TOTP steps are conditional updates; sign-in tickets are spent by a conditional delete; the
  // staff list is a Query on list-index.
  staffUsers: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem', 'Query'],
} as const satisfies Record<TableKey, readonly ItemAction[]>;

/** Denied on the audit table and its indexes even if a broader policy is attached to the role later. */
export const AUDIT_DENIED_ACTIONS = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
  'dynamodb:UpdateTable',
  'dynamodb:DeleteTable',
  // Enabling TTL on the audit table would let DynamoDB delete events.
  'dynamodb:UpdateTimeToLive',
] as const;

export interface TelehealthStackProps extends StackProps {
  /** The app's public origin (`APP_URL`), e.g. `https://app.example.com`: the only origin the bucket's CORS allows. */
  appOrigin: string;
  /**
   * The app's one mail domain (`MAIL_DOMAIN`): SES sends from `no-reply@` on it, and pages and emails
   * name `support@` and `privacy@` on it. Verified here as the SES identity.
   */
  mailDomain: string;
  /** Prepended to every table's default name (e.g. `staging-`); empty for the existing deployment's names. */
  tableNamePrefix?: string;
  /** S3 bucket names are global: override when the default is taken. */
  uploadBucketName?: string;
}

/** IAM statement ids are alphanumeric: `rateLimits` becomes `RateLimits`. */
const statementId = (name: string) => name[0]?.toUpperCase() + name.slice(1);

/** CloudFormation output keys are alphanumeric: `AWS_DYNAMO_TABLE` becomes `AWSDYNAMOTABLE`. */
export const outputKey = (envVar: string) => envVar.replace(/[^A-Za-z0-9]/g, '');

const attributeType = (type: 'S' | 'N') =>
  type === 'N' ? dynamodb.AttributeType.NUMBER : dynamodb.AttributeType.STRING;

const key = (attribute: { name: string; type: 'S' | 'N' }): dynamodb.Attribute => ({
  name: attribute.name,
  type: attributeType(attribute.type),
});

/**
 * Everything the app needs in AWS: DynamoDB tables (from `@telehealth/data`, the same definitions the
 * local bootstrap uses), the upload bucket, SES, one KMS key for data at rest, and the least-privilege
 * role Amplify's SSR compute assumes.
 */
export class TelehealthStack extends Stack {
  readonly key: kms.Key;
  readonly tables: Record<TableKey, dynamodb.Table>;
  readonly uploadBucket: s3.Bucket;
  readonly configurationSet: ses.ConfigurationSet;
  readonly emailIdentity: ses.EmailIdentity;
  readonly ssrRole: iam.Role;

  constructor(scope: Construct, id: string, props: TelehealthStackProps) {
    super(scope, id, props);
    const origin = new URL(props.appOrigin).origin;
    if (origin !== props.appOrigin) {
      throw new Error(`appOrigin must be an origin such as https://app.example.com, got ${props.appOrigin}`);
    }
    const prefix = props.tableNamePrefix ?? '';

    this.key = new kms.Key(this, 'DataKey', {
      alias: 'alias/telehealth-data',
      description: 'Telehealth data at rest: DynamoDB tables and uploaded documents',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.tables = {} as Record<TableKey, dynamodb.Table>;
    for (const [name, def] of Object.entries(tableDefinitions) as [TableKey, TableDefinition][]) {
      const table = new dynamodb.Table(this, `${name}Table`, {
        tableName: `${prefix}${def.defaultName}`,
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        partitionKey: key(def.partitionKey),
        ...(def.sortKey ? { sortKey: key(def.sortKey) } : {}),
        ...(def.ttlAttribute ? { timeToLiveAttribute: def.ttlAttribute } : {}),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.key,
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      for (const index of def.indexes ?? []) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: key(index.partitionKey),
          ...(index.sortKey ? { sortKey: key(index.sortKey) } : {}),
          projectionType: dynamodb.ProjectionType.ALL,
        });
      }
      this.tables[name] = table;
      new CfnOutput(this, `${name}TableName`, {
        key: outputKey(def.envVar),
        description: def.envVar,
        value: table.tableName,
      });
    }

    this.uploadBucket = new s3.Bucket(this, 'UploadBucket', {
      bucketName: props.uploadBucketName ?? DEFAULT_UPLOAD_BUCKET_NAME,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      versioned: true,
      // Browsers PUT documents straight to S3 with presigned URLs; only the app's own pages may.
      cors: [
        {
          allowedOrigins: [props.appOrigin],
          allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: 600,
        },
      ],
      lifecycleRules: [
        // Drafts are scratch space: a submitted application's documents are copied out of drafts/.
        {
          id: 'expire-drafts',
          prefix: UPLOAD_PREFIX,
          expiration: Duration.days(7),
          noncurrentVersionExpiration: Duration.days(1),
        },
        // Copies are made tagged pending and retagged committed after the application's transaction:
        // a copy still pending days later belongs to no application (a crash, or a failed cleanup).
        // Expiry only adds a delete marker (versioned bucket), so a committed document whose retag
        // failed stays recoverable for PENDING_DOCUMENT_RECOVERY_DAYS; see docs/clinician-applications.md.
        {
          id: 'expire-uncommitted-application-documents',
          prefix: APPLICATION_PREFIX,
          tagFilters: { [DOCUMENT_STATE_TAG]: 'pending' },
          expiration: Duration.days(PENDING_DOCUMENT_DAYS),
          noncurrentVersionExpiration: Duration.days(PENDING_DOCUMENT_RECOVERY_DAYS),
        },
        // Delete markers left once every version under them is gone.
        { id: 'remove-expired-delete-markers', prefix: APPLICATION_PREFIX, expiredObjectDeleteMarker: true },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: 'telehealth',
      // Emails carry join links and one-time codes: never deliver them over plain SMTP.
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.emailIdentity = new ses.EmailIdentity(this, 'EmailIdentity', {
      identity: ses.Identity.domain(props.mailDomain),
      configurationSet: this.configurationSet,
    });

    this.ssrRole = new iam.Role(this, 'SsrComputeRole', {
      assumedBy: new iam.ServicePrincipal('amplify.amazonaws.com'),
      description: 'Assumed by the Amplify Hosting SSR compute of apps/web',
    });
    // Transactions need no action of their own: IAM checks each Put/Update/Delete/ConditionCheck in them.
    for (const [name, actions] of Object.entries(tableActions) as [TableKey, readonly ItemAction[]][]) {
      const table = this.tables[name];
      this.ssrRole.addToPolicy(
        new iam.PolicyStatement({
          sid: `${statementId(name)}Items`,
          actions: actions.map((action) => `dynamodb:${action}`),
          resources: [table.tableArn],
        }),
      );
      // Indexes are only ever queried.
      const def: TableDefinition = tableDefinitions[name];
      if (actions.includes('Query') && def.indexes?.length) {
        this.ssrRole.addToPolicy(
          new iam.PolicyStatement({
            sid: `${statementId(name)}Indexes`,
            actions: ['dynamodb:Query'],
            resources: [`${table.tableArn}/index/*`],
          }),
        );
      }
    }
    this.ssrRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'AuditIsAppendOnly',
        effect: iam.Effect.DENY,
        actions: [...AUDIT_DENIED_ACTIONS],
        resources: [this.tables.audit.tableArn, `${this.tables.audit.tableArn}/index/*`],
      }),
    );
    // Presigned PUTs are signed with this role; HeadObject is authorised by s3:GetObject; CopyObject
    // (draft → application) needs Get on the source and Put on the copy.
    this.ssrRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject'],
        resources: [
          this.uploadBucket.arnForObjects(`${UPLOAD_PREFIX}*`),
          this.uploadBucket.arnForObjects(`${APPLICATION_PREFIX}*`),
        ],
      }),
    );
    // Copies are made with the pending tag (CopyObject with Tagging) and retagged committed after the
    // transaction (PutObjectTagging): both need s3:PutObjectTagging, on copies only.
    this.ssrRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObjectTagging'],
        resources: [this.uploadBucket.arnForObjects(`${APPLICATION_PREFIX}*`)],
      }),
    );
    // Copies of a refused application are removed again; drafts are left to the lifecycle rule.
    this.ssrRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:DeleteObject'],
        resources: [this.uploadBucket.arnForObjects(`${APPLICATION_PREFIX}*`)],
      }),
    );
    this.ssrRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          this.emailIdentity.emailIdentityArn,
          this.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: this.configurationSet.configurationSetName,
          }),
        ],
      }),
    );
    // Only through DynamoDB and S3 in this region: the role cannot use the key directly.
    this.ssrRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [this.key.keyArn],
        conditions: {
          StringEquals: {
            'kms:ViaService': [`dynamodb.${this.region}.amazonaws.com`, `s3.${this.region}.amazonaws.com`],
          },
        },
      }),
    );

    new CfnOutput(this, 'UploadBucketName', {
      key: outputKey('AWS_S3_UPLOAD_BUCKET'),
      description: 'AWS_S3_UPLOAD_BUCKET',
      value: this.uploadBucket.bucketName,
    });
    new CfnOutput(this, 'ConfigurationSetName', {
      key: outputKey('SES_CONFIGURATION_SET'),
      description: 'SES_CONFIGURATION_SET',
      value: this.configurationSet.configurationSetName,
    });
    new CfnOutput(this, 'MailDomain', {
      key: outputKey('MAIL_DOMAIN'),
      description: 'MAIL_DOMAIN',
      value: props.mailDomain,
    });
    new CfnOutput(this, 'SsrRoleArn', {
      key: 'SsrComputeRoleArn',
      description: 'Amplify: App settings > IAM roles > Compute role',
      value: this.ssrRole.roleArn,
    });
    this.emailIdentity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, {
        key: `SesDkimCname${i + 1}`,
        description: `DNS CNAME that verifies ${props.mailDomain} for SES (name = value)`,
        value: `${record.name} = ${record.value}`,
      });
    });
  }
}
