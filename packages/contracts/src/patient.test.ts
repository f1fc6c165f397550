import { describe, expect, it } from 'vitest';
import { firstIssueByPath, toFieldIssues } from './issues';
import {
  isAtLeastYearsOld,
  makeProvisionalPatientSchema,
  normalizeEmail,
  toE164,
  verifyPatientSchema,
} from './patient';

const schema = makeProvisionalPatientSchema(['CA', 'NY', 'TX', 'FL', 'WA']);
const valid = {
  firstName: ' Ada ',
  lastName: 'Lovelace',
  email: ' Ada@Example.COM ',
  phone: '(415) 555-0134',
  dateOfBirth: '1990-12-10',
  state: 'CA',
  consent: { telehealth: true, privacy: true },
};

function issuesOf(input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  return result.success ? {} : firstIssueByPath(toFieldIssues(result.error));
}

describe('provisional patient contract', () => {
  it('normalises a valid signup: trimmed names, lower-case email, E.164 phone', () => {
    expect(schema.parse(valid)).toEqual({
      ...valid,
      firstName: 'Ada',
      email: 'ada@example.com',
      phone: '+14155550134',
    });
  });

  it('names each bad field with a message a person can act on', () => {
    const issues = issuesOf({
      ...valid,
      firstName: '',
      email: 'ada@',
      phone: '12',
      dateOfBirth: '2001-02-30',
      state: 'AK',
      consent: { telehealth: false, privacy: true },
    });
    expect(issues).toEqual({
      firstName: 'Enter your first name.',
      email: 'Enter a valid email address, like name@example.com.',
      phone: 'Enter a valid phone number, like (415) 555-0134.',
      dateOfBirth: 'Enter a real date as YYYY-MM-DD.',
      state: 'We do not serve that state yet. Choose a state from the list.',
      'consent.telehealth': 'You must consent to receive care by telehealth.',
    });
  });

  it('refuses anyone under 18 and dates in the future', () => {
    const year = new Date().getUTCFullYear();
    expect(issuesOf({ ...valid, dateOfBirth: `${year - 10}-01-01` }).dateOfBirth).toMatch(/18 or older/);
    expect(issuesOf({ ...valid, dateOfBirth: `${year + 1}-01-01` }).dateOfBirth).toMatch(/future/);
  });

  it('refuses a missing consent object', () => {
    const { consent: _omit, ...rest } = valid;
    expect(issuesOf(rest)).toHaveProperty('consent');
  });

  it('refuses keys it does not define, naming each, at the top and inside consent', () => {
    expect(issuesOf({ ...valid, role: 'admin', consent: { ...valid.consent, marketing: true } })).toEqual({
      role: 'Unknown field: role',
      'consent.marketing': 'Unknown field: marketing',
    });
  });

  it('refuses names with text-direction or control characters, and stores names in NFC', () => {
    expect(issuesOf({ ...valid, firstName: 'Ada\u202Egnp.exe', lastName: 'Love\u0000lace' })).toEqual({
      firstName: 'This contains hidden characters that change the direction of text. Retype it without them.',
      lastName: 'This cannot contain line breaks, tabs or other control characters. Retype it on one line.',
    });
    expect(schema.parse({ ...valid, firstName: 'Zoe\u0308' }).firstName).toBe('Zoë');
  });
});

describe('age rule', () => {
  it('turns 18 on the birthday, not the day before', () => {
    expect(isAtLeastYearsOld('2008-11-23', 18, '2026-11-23')).toBe(true);
    expect(isAtLeastYearsOld('2008-11-24', 18, '2026-11-23')).toBe(false);
  });

  it('treats a 29 February birthday as reached on 1 March in a common year', () => {
    expect(isAtLeastYearsOld('2008-02-29', 18, '2026-02-28')).toBe(false);
    expect(isAtLeastYearsOld('2008-02-29', 18, '2026-03-01')).toBe(true);
  });
});

describe('contact details', () => {
  it('normalises emails and phone numbers', () => {
    expect(normalizeEmail('  Ann@X.COM ')).toBe('ann@x.com');
    expect(toE164('415-555-0134')).toBe('+14155550134');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
    expect(toE164('555-0134')).toBeUndefined();
  });
});

describe('verify contract', () => {
  it('accepts exactly six digits', () => {
    expect(verifyPatientSchema.parse({ email: 'A@b.co', code: ' 012345 ' })).toEqual({
      email: 'a@b.co',
      code: '012345',
    });
    for (const code of ['12345', '1234567', '12a456', '']) {
      expect(verifyPatientSchema.safeParse({ email: 'a@b.co', code }).success).toBe(false);
    }
  });

  it('refuses an unknown key, naming it', () => {
    const result = verifyPatientSchema.safeParse({ email: 'a@b.co', code: '012345', signupId: 'x' });
    expect(result.error && toFieldIssues(result.error)).toEqual([
      { path: 'signupId', message: 'Unknown field: signupId' },
    ]);
  });
});
