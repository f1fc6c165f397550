import { describe, expect, it } from 'vitest';
import { signupInput } from './fixtures';
import { firstIssueByPath, toFieldIssues } from './issues';
import { currentVersions } from './legal-documents';
import { makeProvisionalPatientSchema } from './patient';
import {
  checkOtpCode,
  checkSignup,
  dateFromParts,
  looksInternational,
  looksLikePhoneNumber,
} from './signup-checks';
import type { UsStateCode } from './states';

const served: UsStateCode[] = ['CA', 'NY', 'TX', 'FL', 'WA'];
const schema = makeProvisionalPatientSchema(served);
const valid = signupInput({ firstName: ' Ada ', email: ' Ada@Example.COM ' });
const versions = currentVersions();

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
      consent: { telehealth: false, privacy: false, versions },
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
    'no consent': { ...valid, consent: { telehealth: true, privacy: false, versions } },
    'a UK number': { ...valid, phone: '+44 7911 123456' },
    'a UK number dialled from the US': { ...valid, phone: '011 44 7911 123456' },
  };

  for (const [name, input] of Object.entries(cases)) {
    it(`gives the contract's messages: ${name}`, () => {
      expect(browserIssues(input)).toEqual(serverIssues(input));
    });
  }

  it('accepts the US phone shapes people type, and leaves the final word to the server', () => {
    for (const phone of ['(415) 555-0134', '415-555-0134', '+1 415 555 0134', '14155550134']) {
      expect(looksLikePhoneNumber(phone), phone).toBe(true);
    }
    for (const phone of ['12345', '(015) 555-0134', 'call me', '555-0134', '+44 20 7946 0958']) {
      expect(looksLikePhoneNumber(phone), phone).toBe(false);
    }
    for (const phone of ['+44 20 7946 0958', '0044 7911 123456', '011 33 6 12 34 56 78']) {
      expect(looksInternational(phone), phone).toBe(true);
    }
    for (const phone of ['+1 415 555 0134', '(415) 555-0134', '0134']) {
      expect(looksInternational(phone), phone).toBe(false);
    }
  });

  it('reads a date of birth from three boxes, or names the boxes to fix', () => {
    expect(dateFromParts({ month: '3', day: '27', year: '1985' })).toEqual({ ok: true, date: '1985-03-27' });
    expect(dateFromParts({ month: ' 12 ', day: '01', year: '2000' })).toEqual({
      ok: true,
      date: '2000-12-01',
    });
    expect(dateFromParts({ month: '', day: '', year: '' })).toEqual({
      ok: false,
      message: 'Enter your date of birth.',
      parts: ['month', 'day', 'year'],
    });
    expect(dateFromParts({ month: '', day: '27', year: '1985' })).toEqual({
      ok: false,
      message: 'Date of birth must include a month.',
      parts: ['month'],
    });
    expect(dateFromParts({ month: '3', day: 'x', year: '1985' })).toMatchObject({
      ok: false,
      parts: ['day'],
    });
    expect(dateFromParts({ month: '2', day: '29', year: '2001' })).toMatchObject({
      ok: false,
      message: 'Date of birth must be a real date.',
    });
    expect(dateFromParts({ month: '2', day: '29', year: '2000' })).toEqual({ ok: true, date: '2000-02-29' });
  });

  it('checks a code like the contract', () => {
    expect(checkOtpCode(' 123456 ')).toEqual({ ok: true, code: '123456' });
    expect(checkOtpCode('12345')).toEqual({ ok: false, message: 'Enter the 6-digit code from your email.' });
  });
});
