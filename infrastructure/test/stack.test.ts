import { createTableInput, type TableDefinition, tableDefinitions } from '@telehealth/data';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { outputKey, TelehealthStack } from '../lib/telehealth-stack';

const appOrigin = 'https://portal.lumen-health.test';
const definitions = Object.values(tableDefinitions) as TableDefinition[];

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
type Statement = { Sid?: string; Action: string | string[]; Resource: unknown; Effect: string };

let template: Template;
let tables: Resource[];
let roleStatements: Statement[];

/** The SSR role's policy statements that name the given action prefix. */
const statementsFor = (prefix: string) =>
  roleStatements.filter((s) => [s.Action].flat().some((action) => action.startsWith(prefix)));

const byName = <T extends { AttributeName?: string }>(items: readonly T[] = []) =>
  [...items].sort((a, b) => (a.AttributeName ?? '').localeCompare(b.AttributeName ?? ''));

beforeAll(() => {
  const app = new App();
  const stack = new TelehealthStack(app, 'Test', { appOrigin, mailDomain: 'lumen-health.test' });
  template = Template.fromStack(stack);
  tables = Object.values(template.findResources('AWS::DynamoDB::Table')) as Resource[];
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
  expect(policies).toHaveLength(1);
  const document = policies[0]?.Properties.PolicyDocument as { Statement: Statement[] } | undefined;
  roleStatements = document?.Statement ?? [];
});

describe('DynamoDB tables match packages/data', () => {
  it('has exactly one table a definition', () => {
    expect(tables.map((t) => t.Properties.TableName).sort()).toEqual(
      definitions.map((def) => def.defaultName).sort(),
    );
  });

  describe.each(definitions.map((def) => [def.defaultName, def] as const))('%s', (name, def) => {
    const expected = createTableInput(def, name);
    const table = () => {
      const found = tables.find((t) => t.Properties.TableName === name);
      if (!found) throw new Error(`no table ${name}`);
      return found.Properties;
    };

    it('has the same keys, attributes and indexes as the local bootstrap', () => {
      const props = table();
      expect(props.BillingMode).toBe('PAY_PER_REQUEST');
      expect(props.KeySchema).toEqual(expected.KeySchema);
      expect(byName(props.AttributeDefinitions as { AttributeName: string }[])).toEqual(
        byName(expected.AttributeDefinitions),
      );
      const indexes = (props.GlobalSecondaryIndexes ?? []) as { IndexName: string }[];
      expect([...indexes].sort((a, b) => a.IndexName.localeCompare(b.IndexName))).toEqual(
        [...(expected.GlobalSecondaryIndexes ?? [])].sort((a, b) =>
          (a.IndexName ?? '').localeCompare(b.IndexName ?? ''),
        ),
      );
    });

    it('expires items by the defined TTL attribute, if any', () => {
      expect(table().TimeToLiveSpecification).toEqual(
        def.ttlAttribute ? { AttributeName: def.ttlAttribute, Enabled: true } : undefined,
      );
    });

    it('has point-in-time recovery, KMS encryption with the stack key and deletion protection', () => {
      const props = table();
      expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(props.SSESpecification).toEqual({
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] },
      });
      expect(props.DeletionProtectionEnabled).toBe(true);
      expect(tables.find((t) => t.Properties.TableName === name)?.DeletionPolicy).toBe('Retain');
    });

    it('outputs its name under its env variable', () => {
      template.hasOutput(outputKey(def.envVar), { Description: def.envVar });
    });
  });
});

describe('KMS key', () => {
  it('rotates and outlives the stack', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true },
      DeletionPolicy: 'Retain',
    });
  });
});

describe('upload bucket', () => {
  it('blocks public access, is versioned and encrypted with the stack key', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'telehealth-clinician-uploads',
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] },
            },
          },
        ],
      },
    });
  });

  it('lets only the app origin PUT, GET and HEAD from a browser', () => {
    const buckets = Object.values(template.findResources('AWS::S3::Bucket')) as Resource[];
    expect(buckets).toHaveLength(1);
    expect(buckets[0]?.Properties.CorsConfiguration).toEqual({
      CorsRules: [
        {
          AllowedOrigins: [appOrigin],
          AllowedMethods: ['PUT', 'GET', 'HEAD'],
          AllowedHeaders: ['*'],
          ExposedHeaders: ['ETag'],
          MaxAge: 600,
        },
      ],
    });
  });

  it('refuses requests without TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('rejects an appOrigin that is not an origin', () => {
    expect(
      () => new TelehealthStack(new App(), 'Bad', { appOrigin: 'https://app.test/', mailDomain: 'x.test' }),
    ).toThrow(/appOrigin/);
  });
});

describe('SSR compute role', () => {
  it('is assumed by Amplify only', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'amplify.amazonaws.com' } },
        ],
      },
    });
  });

  it('reads and writes objects under drafts/ and applications/ only, and deletes and tags only copies', () => {
    const s3 = statementsFor('s3:');
    expect(s3).toHaveLength(3);
    const prefixOf = (resource: unknown) => JSON.stringify(resource).match(/"\/(\w+)\/\*"/)?.[1];
    const readWrite = s3.find((s) => [s.Action].flat().includes('s3:PutObject'));
    expect([readWrite?.Action].flat().sort()).toEqual(['s3:GetObject', 's3:PutObject']);
    expect([readWrite?.Resource].flat().map(prefixOf).sort()).toEqual(['applications', 'drafts']);
    const remove = s3.find((s) => [s.Action].flat().includes('s3:DeleteObject'));
    expect([remove?.Action].flat()).toEqual(['s3:DeleteObject']);
    expect([remove?.Resource].flat().map(prefixOf)).toEqual(['applications']);
    // CopyObject with Tagging and the retag after commit both need s3:PutObjectTagging.
    const tag = s3.find((s) => [s.Action].flat().includes('s3:PutObjectTagging'));
    expect([tag?.Action].flat()).toEqual(['s3:PutObjectTagging']);
    expect([tag?.Resource].flat().map(prefixOf)).toEqual(['applications']);
  });

  it('expires drafts after 7 days, and copies still tagged pending after 2 days, and keeps committed documents', () => {
    const buckets = Object.values(template.findResources('AWS::S3::Bucket')) as Resource[];
    const lifecycle = buckets[0]?.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] };
    const rules = lifecycle?.Rules ?? [];
    expect(rules).toEqual([
      {
        Id: 'expire-drafts',
        Prefix: 'drafts/',
        ExpirationInDays: 7,
        NoncurrentVersionExpiration: { NoncurrentDays: 1 },
        Status: 'Enabled',
      },
      {
        Id: 'expire-uncommitted-application-documents',
        Prefix: 'applications/',
        TagFilters: [{ Key: 'state', Value: 'pending' }],
        ExpirationInDays: 2,
        NoncurrentVersionExpiration: { NoncurrentDays: 30 },
        Status: 'Enabled',
      },
      {
        Id: 'remove-expired-delete-markers',
        Prefix: 'applications/',
        ExpiredObjectDeleteMarker: true,
        Status: 'Enabled',
      },
    ]);
    // No rule reaches a committed copy: the only expiring rule under applications/ filters on the pending tag.
    const expiring = rules.filter((rule) => rule.Prefix === 'applications/' && rule.ExpirationInDays);
    expect(expiring.map((rule) => rule.TagFilters)).toEqual([[{ Key: 'state', Value: 'pending' }]]);
  });

  describe('DynamoDB: per table, only the actions the code calls', () => {
    // Written out, not imported from the stack: a change to the grants must change this test too.
    const expected: Record<string, string[]> = {
      patients: ['ConditionCheckItem', 'GetItem', 'PutItem'],
      emailVerifications: ['ConditionCheckItem', 'GetItem', 'UpdateItem'],
      clinicianApplications: ['GetItem', 'PutItem', 'Query'],
      audit: ['GetItem', 'PutItem', 'Query'],
      rateLimits: ['ConditionCheckItem', 'DeleteItem', 'GetItem', 'UpdateItem'],
      waitlist: ['DeleteItem', 'GetItem', 'PutItem'],
      staffUsers: ['ConditionCheckItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'],
    };
    const allowed = () => statementsFor('dynamodb:').filter((s) => s.Effect === 'Allow');
    /** What the role may do on the table itself and on its indexes, by table key. */
    const grantsOf = (key: string) => {
      const on = (index: boolean) =>
        allowed()
          .filter((s) =>
            [s.Resource].flat().some((resource) => {
              const json = JSON.stringify(resource);
              return json.includes(`"${key}Table`) && json.includes('/index/*') === index;
            }),
          )
          .flatMap((s) => [s.Action].flat().map((action) => action.replace('dynamodb:', '')))
          .sort();
      return { table: on(false), indexes: on(true) };
    };

    it('lists every table of packages/data', () => {
      expect(Object.keys(expected).sort()).toEqual(Object.keys(tableDefinitions).sort());
    });

    it.each(Object.entries(expected))('grants %s exactly its actions', (key, actions) => {
      expect(grantsOf(key).table).toEqual(actions);
    });

    it('grants Query on indexes only where the table has Query, and nothing else on indexes', () => {
      for (const [key, def] of Object.entries(tableDefinitions) as [string, TableDefinition][]) {
        const queried = expected[key]?.includes('Query') && Boolean(def.indexes?.length);
        expect(grantsOf(key).indexes).toEqual(queried ? ['Query'] : []);
      }
      expect(grantsOf('audit').indexes).toEqual(['Query']);
      expect(grantsOf('clinicianApplications').indexes).toEqual(['Query']);
    });

    it('grants no PutItem where the code never puts and no DeleteItem except for rate-limit cooldowns, waitlist removals and staff sign-in tickets', () => {
      for (const key of ['emailVerifications', 'rateLimits'])
        expect(grantsOf(key).table).not.toContain('PutItem');
      for (const key of ['patients', 'emailVerifications', 'clinicianApplications', 'audit']) {
        expect(grantsOf(key).table).not.toContain('DeleteItem');
      }
      for (const key of ['patients', 'clinicianApplications', 'audit', 'waitlist']) {
        expect(grantsOf(key).table).not.toContain('UpdateItem');
      }
    });

    it('grants item-level actions only: no scans, batches, PartiQL, wildcards or table management', () => {
      const actions = new Set(allowed().flatMap((s) => [s.Action].flat()));
      expect([...actions].sort()).toEqual([
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ]);
    });

    it('explicitly denies changing or deleting audit events, on the audit table and its indexes', () => {
      const denies = statementsFor('dynamodb:').filter((s) => s.Effect === 'Deny');
      expect(denies).toHaveLength(1);
      expect([denies[0]?.Action].flat()).toEqual(
        expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']),
      );
      expect([denies[0]?.Action].flat()).toEqual(
        expect.arrayContaining(['dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete', 'dynamodb:DeleteTable']),
      );
      const resources = [denies[0]?.Resource].flat().map((resource) => JSON.stringify(resource));
      expect(resources).toHaveLength(2);
      expect(resources.every((resource) => resource.includes('"auditTable'))).toBe(true);
      expect(resources.some((resource) => resource.includes('/index/*'))).toBe(true);
      expect(resources.some((resource) => !resource.includes('/index/'))).toBe(true);
    });
  });

  it('sends email only from the identity, with the configuration set', () => {
    const sesStatements = statementsFor('ses:');
    expect(sesStatements).toHaveLength(1);
    expect([sesStatements[0]?.Action].flat().sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(JSON.stringify(sesStatements[0]?.Resource)).toMatch(/:identity\/.*:configuration-set\//);
  });

  it('uses the key only through DynamoDB and S3', () => {
    const kmsStatements = statementsFor('kms:');
    expect(kmsStatements).toHaveLength(1);
    expect(kmsStatements[0]).toMatchObject({
      Condition: { StringEquals: { 'kms:ViaService': expect.any(Array) } },
    });
  });

  it('outputs the values Amplify needs', () => {
    for (const key of ['AWSS3UPLOADBUCKET', 'SESCONFIGURATIONSET', 'MAILDOMAIN', 'SsrComputeRoleArn']) {
      expect(Object.keys(template.findOutputs(key))).toEqual([key]);
    }
  });

  it('verifies the one mail domain as the SES identity and outputs it as MAIL_DOMAIN', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'lumen-health.test' });
    template.hasOutput('MAILDOMAIN', { Description: 'MAIL_DOMAIN', Value: 'lumen-health.test' });
  });
});
