import 'server-only';
import { createHmac, type KeyObject } from 'node:crypto';
import { type RateLimitDecision, RateLimitRepository } from '@telehealth/data';
import { dynamoDocumentClient, withAwsDeadline } from './aws';
import { serverEnv } from './env';
import { hmacKey } from './hmac';
import { canonicalIp, rateLimited, serviceUnavailable } from './http';
import { log } from './log';

/** A clean-up after a failed request gets its own short deadline: the request's may be spent. */
const RELEASE_DEADLINE_MS = 1_500;

/**
 * The subject a limit counts. An IPv6 client usually holds a whole /64 (and can rotate through it),
 * so IPv6 addresses count per /64; IPv4 addresses, emails and other subjects as they are.
 */
export function limitSubject(subject: string): string {
  const ip = canonicalIp(subject);
  if (!ip?.includes(':')) return subject;
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

export interface RateLimitRule {
  /** Names the counter, e.g. `signup-ip`. */
  name: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Limits backed by DynamoDB counters, so they hold across server instances. Subjects (emails, IPs)
 * are keyed by HMAC, so the table holds no contact details. A failing table fails closed.
 */
export class RateLimiter {
  private readonly secret: KeyObject;

  constructor(
    private readonly repo: RateLimitRepository,
    secret: string,
  ) {
    this.secret = hmacKey(secret);
  }

  /** The counter key of a rule and subject: the rule's name and an HMAC, so no email or IP is stored. */
  key(name: string, subject: string): string {
    const keyed = limitSubject(subject);
    return `${name}#${createHmac('sha256', this.secret).update(`rate-limit:${keyed}`).digest('base64url')}`;
  }

  /** `refusal` says what was refused ("Too many sign-ups from this network."); the wait is added. */
  private async decide(
    name: string,
    decide: () => Promise<RateLimitDecision>,
    refusal: string,
  ): Promise<void> {
    let decision: RateLimitDecision;
    try {
      decision = await decide();
    } catch (error) {
      log.error('rate_limit.unavailable', {
        rule: name,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
      throw serviceUnavailable();
    }
    if (!decision.allowed) throw rateLimited(refusal, decision.retryAfterSeconds);
  }

  async limit(rule: RateLimitRule, subject: string, now: Date, refusal: string): Promise<void> {
    await this.decide(
      rule.name,
      () => this.repo.hit(this.key(rule.name, subject), rule.limit, rule.windowSeconds, now),
      refusal,
    );
  }

  /** Releases a cooldown whose action failed, so the person can try again at once. Best effort. */
  async releaseCooldown(name: string, subject: string): Promise<void> {
    const signal = AbortSignal.timeout(RELEASE_DEADLINE_MS);
    await withAwsDeadline(signal, () => this.repo.release(this.key(name, subject))).catch(
      (error: unknown) => {
        log.warn('rate_limit.release_failed', {
          rule: name,
          errorName: error instanceof Error ? error.name : 'unknown',
        });
      },
    );
  }

  async cooldown(name: string, subject: string, seconds: number, now: Date, refusal: string): Promise<void> {
    await this.decide(name, () => this.repo.cooldown(this.key(name, subject), seconds, now), refusal);
  }
}

let shared: RateLimiter | undefined;

/** The limiter wired to the configured counter table. */
export function rateLimiter(): RateLimiter {
  const env = serverEnv();
  shared ??= new RateLimiter(
    new RateLimitRepository(dynamoDocumentClient(), env.tableNames.rateLimits),
    env.OTP_HMAC_SECRET,
  );
  return shared;
}
