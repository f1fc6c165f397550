import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { TelehealthWafStack } from '../lib/waf-stack';

const appArn = 'arn:aws:amplify:eu-west-1:123456789012:apps/d1a2b3c4e5f6g7';

type Rule = {
  Name: string;
  Action: {
    Block?: {
      CustomResponse?: { ResponseCode: number; ResponseHeaders?: unknown[]; CustomResponseBodyKey?: string };
    };
  };
  Statement: {
    RateBasedStatement: {
      AggregateKeyType: string;
      Limit: number;
      EvaluationWindowSec: number;
      ScopeDownStatement?: unknown;
    };
  };
};

function synth(props: ConstructorParameters<typeof TelehealthWafStack>[2] = {}) {
  const stack = new TelehealthWafStack(new App(), 'Waf', { env: { region: 'us-east-1' }, ...props });
  const template = Template.fromStack(stack);
  const acls = Object.values(template.findResources('AWS::WAFv2::WebACL')) as {
    Properties: {
      Scope: string;
      DefaultAction: unknown;
      Rules: Rule[];
      CustomResponseBodies: Record<string, { Content: string }>;
    };
  }[];
  expect(acls).toHaveLength(1);
  return { template, acl: acls[0]?.Properties };
}

describe('WAF web ACL for the Amplify app', () => {
  it('is a CloudFront-scope ACL that allows by default, so only the rate rules block', () => {
    const { acl } = synth({ amplifyAppArn: appArn });
    expect(acl?.Scope).toBe('CLOUDFRONT');
    expect(acl?.DefaultAction).toEqual({ Allow: {} });
  });

  it('limits each client address to 1000 API requests and 6000 requests in 5 minutes, answering 429', () => {
    const { acl } = synth({ amplifyAppArn: appArn });
    const rules = acl?.Rules ?? [];
    expect(rules.map((rule) => [rule.Name, rule.Statement.RateBasedStatement.Limit])).toEqual([
      ['api-per-ip', 1000],
      ['all-per-ip', 6000],
    ]);
    for (const rule of rules) {
      expect(rule.Statement.RateBasedStatement).toMatchObject({
        AggregateKeyType: 'IP',
        EvaluationWindowSec: 300,
      });
      expect(rule.Action.Block?.CustomResponse).toEqual({
        ResponseCode: 429,
        CustomResponseBodyKey: 'rate-limited',
        ResponseHeaders: [{ Name: 'retry-after', Value: '300' }],
      });
    }
    // Only the first is scoped, to paths starting /api/ (any case).
    expect(rules[0]?.Statement.RateBasedStatement.ScopeDownStatement).toEqual({
      ByteMatchStatement: {
        FieldToMatch: { UriPath: {} },
        PositionalConstraint: 'STARTS_WITH',
        SearchString: '/api/',
        TextTransformations: [{ Priority: 0, Type: 'LOWERCASE' }],
      },
    });
    expect(rules[1]?.Statement.RateBasedStatement.ScopeDownStatement).toBeUndefined();
    // The body is the API's own error shape, so the forms show it like the app's 429.
    const body = JSON.parse(acl?.CustomResponseBodies['rate-limited']?.Content ?? '{}');
    expect(body.error.code).toBe('rate_limited');
  });

  it('takes other limits', () => {
    const { acl } = synth({ apiRequestsPerWindow: 300, requestsPerWindow: 2000 });
    expect(acl?.Rules.map((rule) => rule.Statement.RateBasedStatement.Limit)).toEqual([300, 2000]);
  });

  it('is associated with the Amplify app when its ARN is given', () => {
    const { template } = synth({ amplifyAppArn: appArn });
    const associations = Object.values(template.findResources('AWS::WAFv2::WebACLAssociation')) as {
      Properties: { ResourceArn: string; WebACLArn: unknown };
    }[];
    expect(associations).toHaveLength(1);
    expect(associations[0]?.Properties.ResourceArn).toBe(appArn);
    expect(associations[0]?.Properties.WebACLArn).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^WebAcl/), 'Arn'],
    });
  });

  it('without the ARN creates the ACL only and outputs its ARN for the manual association', () => {
    const { template } = synth();
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    const output = Object.values(template.findOutputs('WebAclArn'))[0] as {
      Description: string;
      Value: unknown;
    };
    expect(output.Value).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^WebAcl/), 'Arn'] });
    expect(output.Description).toMatch(/Firewall/);
  });

  it('refuses a region other than us-east-1 and an ARN that is not an Amplify app', () => {
    expect(() => new TelehealthWafStack(new App(), 'Eu', { env: { region: 'eu-west-1' } })).toThrow(
      /us-east-1/,
    );
    expect(
      () =>
        new TelehealthWafStack(new App(), 'Cf', {
          env: { region: 'us-east-1' },
          amplifyAppArn: 'arn:aws:cloudfront::123456789012:distribution/E123',
        }),
    ).toThrow(/amplifyAppArn/);
  });
});
