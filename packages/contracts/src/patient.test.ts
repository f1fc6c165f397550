import { describe, expect, it } from 'vitest';
import { signupInput } from './fixtures';
import { firstIssueByPath, toFieldIssues } from './issues';
import { currentVersions, documentsToAccept, legalDocuments, staleDocuments } from './legal-documents';
import {
  checkUsMobile,
  isAtLeastYearsOld,
  makeProvisionalPatientSchema,
  normalizeEmail,
  toE164,
  verifyPatientSchema,
} from './patient';

const schema = makeProvisionalPatientSchema(['CA', 'NY', 'TX', 'FL', 'WA']);
const valid = signupInput({ firstName: ' Ada ', email: ' Ada@Example.COM ' });

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
      consent: { ...valid.consent, telehealth: false },
    });
    expect(issues).toEqual({
      firstName: 'Enter your first name.',
      email: 'Enter a valid email address, like name@example.com.',
      phone: 'Enter a valid phone number, like (415) 555-0134.',
      dateOfBirth: 'Date of birth must be a real date.',
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

  it('wants the version of each document the person was shown', () => {
    const { versions: _omit, ...noVersions } = valid.consent;
    expect(issuesOf({ ...valid, consent: noVersions })).toHaveProperty('consent.versions');
    const { terms: _terms, ...noTerms } = currentVersions();
    expect(issuesOf({ ...valid, consent: { ...valid.consent, versions: noTerms } })).toHaveProperty(
      'consent.versions.terms',
    );
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
    expect(toE164('+1 (212) 555-0134')).toBe('+12125550134');
    expect(toE164('555-0134')).toBeUndefined();
  });

  it('takes only US mobile numbers, and says so to anyone with another number', () => {
    const notUs =
      'Enter a US mobile number, like (415) 555-0134. We can only use phone numbers in the United States.';
    // A UK mobile, a UK landline, a French mobile, and +1 numbers of Canada and Puerto Rico.
    for (const phone of [
      '+44 7911 123456',
      '+44 20 7946 0958',
      '+33 6 12 34 56 78',
      '+1 604 555 0134',
      '787 555 0134',
    ]) {
      expect(checkUsMobile(phone), phone).toEqual({ ok: false, message: notUs });
    }
    expect(checkUsMobile('(800) 555-0134')).toEqual({
      ok: false,
      message:
        'That is not a US mobile number. Enter a mobile number, like (415) 555-0134; toll-free and premium-rate numbers cannot be used.',
    });
    expect(issuesOf({ ...valid, phone: '+44 7911 123456' }).phone).toBe(notUs);
  });
});

describe('legal documents', () => {
  it('names the documents whose current version was not accepted, so they are offered again', () => {
    const at = '2026-11-27T10:00:00.000Z';
    const accepted = {
      telehealth: { version: legalDocuments.telehealth.version, acceptedAt: at },
      privacy: { version: legalDocuments.privacy.version, acceptedAt: at },
      terms: { version: legalDocuments.terms.version, acceptedAt: at },
    };
    expect(documentsToAccept(accepted)).toEqual([]);
    expect(documentsToAccept({ ...accepted, terms: { version: 'old', acceptedAt: at } })).toEqual(['terms']);
    expect(documentsToAccept(undefined)).toEqual(['telehealth', 'privacy', 'terms']);
    expect(staleDocuments({ ...currentVersions(), privacy: 'old' })).toEqual(['privacy']);
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
