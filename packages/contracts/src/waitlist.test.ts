import { describe, expect, it } from 'vitest';
import { toFieldIssues } from './issues';
import { makeWaitlistCodeSchema, makeWaitlistVerifySchema, waitlistRemoveSchema } from './waitlist';

const served = ['CA', 'NY'] as const;
const codeSchema = makeWaitlistCodeSchema(served);
const pathsOf = (input: unknown) => {
  const result = codeSchema.safeParse(input);
  return result.success ? [] : toFieldIssues(result.error).map((issue) => issue.path);
};

describe('waitlist contracts', () => {
  it('accepts an unserved state with its reason, and under 18 without a state', () => {
    expect(
      codeSchema.parse({
        email: ' Ada@Example.com ',
        reason: 'state-not-served',
        state: 'OR',
        consent: true,
      }),
    ).toEqual({ email: 'ada@example.com', reason: 'state-not-served', state: 'OR', consent: true });
    expect(codeSchema.safeParse({ email: 'a@example.com', reason: 'under-18', consent: true }).success).toBe(
      true,
    );
  });

  it('refuses a served state, a missing state, a state with under 18, no consent and any other field', () => {
    const base = { email: 'a@example.com', reason: 'state-not-served', consent: true };
    expect(pathsOf({ ...base, state: 'CA' })).toEqual(['state']);
    expect(pathsOf(base)).toEqual(['state']);
    expect(pathsOf({ ...base, reason: 'under-18', state: 'OR' })).toEqual(['state']);
    expect(pathsOf({ ...base, state: 'OR', consent: false })).toEqual(['consent']);
    expect(pathsOf({ ...base, state: 'OR', dateOfBirth: '2012-01-01' })).toEqual(['dateOfBirth']);
  });

  it('needs the code with the answers, and a full link to remove', () => {
    const verify = makeWaitlistVerifySchema(served);
    expect(verify.safeParse({ email: 'a@example.com', reason: 'under-18', consent: true }).success).toBe(
      false,
    );
    expect(
      verify.safeParse({ email: 'a@example.com', reason: 'under-18', consent: true, code: '012345' }).success,
    ).toBe(true);
    const token = 'QQ6hNW0kiUu_ipFnfQVzspdBdFwPJDBYeKDK4CzXhjU';
    expect(waitlistRemoveSchema.safeParse({ entry: token, token }).success).toBe(true);
    expect(waitlistRemoveSchema.safeParse({ entry: token, token: token.slice(1) }).success).toBe(false);
  });
});
