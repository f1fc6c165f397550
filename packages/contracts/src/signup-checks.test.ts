import { describe, expect, it } from 'vitest';
import { firstIssueByPath, toFieldIssues } from './issues';
import { makeProvisionalPatientSchema } from './patient';
import { checkOtpCode, checkSignup, looksLikePhoneNumber } from './signup-checks';
import type { UsStateCode } from './states';

const served: UsStateCode[] = ['CA', 'NY', 'TX', 'FL', 'WA'];
const schema = makeProvisionalPatientSchema(served);
const valid = {
  firstName: ' Ada ',
  lastName: 'Lovelace',
  email: ' Ada@Example.COM ',
  phone: '(415) 555-0134',
  dateOfBirth: '1990-12-10',
  state: 'CA',
  consent: { telehealth: true, privacy: true },
};

function serverIssues(input: Record<string, unknown>): Record<string, string> {
  const result = schema.safeParse(input);
  return result.success ? {} : firstIssueByPath(toFieldIssues(result.error));
}

const browserIssues = (input: Record<string, unknown>) =>
  firstIssueByPath(checkSignup(input as Parameters<typeof checkSignup>[0], served));

describe('the browser signup check', () => {
  const cases: Record<string, Record<string, unknown>> = {
    valid,
    empty: {
      firstName: '',
      lastName: '',
      email: '',
      phone: '',
      dateOfBirth: '',
      state: undefined,
      consent: { telehealth: false, privacy: false },
    },
    'whitespace names, bad email, short phone': { ...valid, firstName: '  ', email: 'ada@', phone: '12345' },
    'control and direction characters': { ...valid, firstName: 'A\tda', lastName: 'Love\u202Elace' },
    'too long': {
      ...valid,
      firstName: 'a'.repeat(101),
      email: `${'a'.repeat(250)}@x.com`,
      phone: '1'.repeat(33),
    },
    'not a date': { ...valid, dateOfBirth: '1990-02-30' },
    'before 1900': { ...valid, dateOfBirth: '1899-12-31' },
    'in the future': { ...valid, dateOfBirth: '2999-01-01' },
    'too young': { ...valid, dateOfBirth: new Date().toISOString().slice(0, 10) },
    'state not served': { ...valid, state: 'AK' },
    'no consent': { ...valid, consent: { telehealth: true, privacy: false } },
  };

  for (const [name, input] of Object.entries(cases)) {
    it(`gives the contract's messages: ${name}`, () => {
      expect(browserIssues(input)).toEqual(serverIssues(input));
    });
  }

  it('accepts the phone shapes people type, and leaves the final word to the server', () => {
    for (const phone of [
      '(415) 555-0134',
      '415-555-0134',
      '+1 415 555 0134',
      '14155550134',
      '+44 20 7946 0958',
    ]) {
      expect(looksLikePhoneNumber(phone), phone).toBe(true);
    }
    for (const phone of ['12345', '(015) 555-0134', 'call me', '555-0134']) {
      expect(looksLikePhoneNumber(phone), phone).toBe(false);
    }
  });

  it('checks a code like the contract', () => {
    expect(checkOtpCode(' 123456 ')).toEqual({ ok: true, code: '123456' });
    expect(checkOtpCode('12345')).toEqual({ ok: false, message: 'Enter the 6-digit code from your email.' });
  });
});
