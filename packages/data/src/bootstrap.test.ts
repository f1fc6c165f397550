import { describe, expect, it } from 'vitest';
import { createTableInput } from './bootstrap';
import { resolveTableNames, tableDefinitions } from './tables';

describe('table definitions', () => {
  it('build one on-demand CreateTable input with every key attribute declared once', () => {
    const input = createTableInput(tableDefinitions.clinicianApplications, 'apps');
    expect(input).toMatchObject({ TableName: 'apps', BillingMode: 'PAY_PER_REQUEST' });
    expect(input.AttributeDefinitions?.map((a) => a.AttributeName).sort()).toEqual([
      'applicationId',
      'email',
      'status',
      'submittedAt',
    ]);
    expect(input.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['status-index', 'email-index']);
  });

  it('take names from the deployment env variables, else the defaults', () => {
    const names = resolveTableNames({ AWS_DYNAMO_TABLE: 'prod-patients', AWS_AUDIT_TABLE: '' });
    expect(names.patients).toBe('prod-patients');
    expect(names.audit).toBe('telehealth-audit-log');
    expect(names.clinicianApplications).toBe('telehealth-clinician-applications');
  });
});
