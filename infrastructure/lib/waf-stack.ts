import { CfnOutput, Stack, type StackProps, Token } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/** Amplify Hosting takes only web ACLs of CloudFront scope, and those exist only in us-east-1. */
export const WAF_REGION = 'us-east-1';
/** Rate-based rules count over this window (seconds). */
export const RATE_WINDOW_SECONDS = 300;
export const DEFAULT_API_REQUESTS_PER_WINDOW = 1000;
export const DEFAULT_REQUESTS_PER_WINDOW = 6000;

const AMPLIFY_APP_ARN = /^arn:aws[a-z-]*:amplify:[a-z0-9-]+:\d{12}:apps\/[A-Za-z0-9]+$/;

export interface TelehealthWafStackProps extends StackProps {
  /**
   * `arn:aws:amplify:<region>:<account>:apps/<appId>` of the Amplify Hosting app (same account).
   * Without it the web ACL is created and its ARN output, to be associated by hand
   * (docs/deployment.md).
   */
  amplifyAppArn?: string;
  /** Requests one client address may send to `/api/` in 5 minutes before WAF answers 429. */
  apiRequestsPerWindow?: number;
  /** Requests one client address may send to anything (pages, assets, API) in 5 minutes. */
  requestsPerWindow?: number;
}

/** The API's error shape, so the app's forms show WAF's refusal like the app's own 429. */
const RATE_LIMITED_BODY = JSON.stringify({
  error: {
    code: 'rate_limited',
    message: 'Too many requests from your network. Please wait a few minutes and try again.',
  },
});

/**
 * The edge's own line in front of the app's per-route limits: per-IP rate-based rules in an AWS WAF
 * web ACL on the Amplify app. WAF counts the address CloudFront sees the connection from, which no
 * header can spoof, so rotating `X-Forwarded-For` values does not escape it.
 */
export class TelehealthWafStack extends Stack {
  readonly webAcl: wafv2.CfnWebACL;
  readonly association?: wafv2.CfnWebACLAssociation;

  constructor(scope: Construct, id: string, props: TelehealthWafStackProps = {}) {
    super(scope, id, props);
    if (!Token.isUnresolved(this.region) && this.region !== WAF_REGION) {
      throw new Error(
        `The WAF stack must be deployed in ${WAF_REGION} (CloudFront scope), not ${this.region}`,
      );
    }
    const { amplifyAppArn } = props;
    if (
      amplifyAppArn !== undefined &&
      !Token.isUnresolved(amplifyAppArn) &&
      !AMPLIFY_APP_ARN.test(amplifyAppArn)
    ) {
      throw new Error(
        `amplifyAppArn must look like arn:aws:amplify:<region>:<account>:apps/<appId>, got ${amplifyAppArn}`,
      );
    }
    const apiLimit = props.apiRequestsPerWindow ?? DEFAULT_API_REQUESTS_PER_WINDOW;
    const allLimit = props.requestsPerWindow ?? DEFAULT_REQUESTS_PER_WINDOW;

    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const tooManyRequests: wafv2.CfnWebACL.RuleActionProperty = {
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: 'rate-limited',
          responseHeaders: [{ name: 'retry-after', value: String(RATE_WINDOW_SECONDS) }],
        },
      },
    };

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: 'telehealth-web',
      description: 'Per-IP rate limits in front of the telehealth app on Amplify Hosting',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('telehealth-web'),
      customResponseBodies: {
        'rate-limited': { contentType: 'APPLICATION_JSON', content: RATE_LIMITED_BODY },
      },
      rules: [
        {
          // Signup, codes and uploads: the routes an attacker scripts.
          name: 'api-per-ip',
          priority: 0,
          action: tooManyRequests,
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: apiLimit,
              evaluationWindowSec: RATE_WINDOW_SECONDS,
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: '/api/',
                  textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
                },
              },
            },
          },
          visibilityConfig: visibility('api-per-ip'),
        },
        {
          // Everything else too, high enough for pages and their assets.
          name: 'all-per-ip',
          priority: 1,
          action: tooManyRequests,
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: allLimit,
              evaluationWindowSec: RATE_WINDOW_SECONDS,
            },
          },
          visibilityConfig: visibility('all-per-ip'),
        },
      ],
    });

    if (amplifyAppArn) {
      // Amplify Hosting's firewall: a CloudFront-scope ACL associated with the app's ARN (the same
      // call the console's Firewall tab makes). AWS bills the association per app and month.
      this.association = new wafv2.CfnWebACLAssociation(this, 'AmplifyAssociation', {
        resourceArn: amplifyAppArn,
        webAclArn: this.webAcl.attrArn,
      });
    }

    new CfnOutput(this, 'WebAclArn', {
      key: 'WebAclArn',
      description: amplifyAppArn
        ? 'The web ACL associated with the Amplify app'
        : 'Associate with the Amplify app: Amplify console > Hosting > Firewall, or redeploy with -c amplifyAppArn=…',
      value: this.webAcl.attrArn,
    });
  }
}
