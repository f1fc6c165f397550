import { currentVersions } from '@telehealth/contracts/client';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../api/client';
import { formatCountdown, formatWait, onlyDigits, rateLimitedMessage } from '../form/time';
import {
  checkSignupValues,
  dateOfBirthPartsToMark,
  emptySignupValues,
  firstInvalidFieldId,
  type SignupValues,
  toSignupPayload,
} from './form-values';

describe('signup helpers', () => {
  it('keeps only the digits of a pasted code', () => {
    expect(onlyDigits('123 456', 6)).toBe('123456');
    expect(onlyDigits(' 12-34-56-78', 6)).toBe('123456');
    expect(onlyDigits('abc', 6)).toBe('');
  });

  it('formats the resend countdown as m:ss', () => {
    expect(formatCountdown(42)).toBe('0:42');
    expect(formatCountdown(60)).toBe('1:00');
    expect(formatCountdown(125)).toBe('2:05');
    expect(formatCountdown(-3)).toBe('0:00');
  });

  it('says how long to wait in words', () => {
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(42)).toBe('42 seconds');
    expect(formatWait(301)).toBe('6 minutes');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('42', now)).toBe(42);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('sends the form values raw, with consent nested and the versions of the documents linked', () => {
    const payload = toSignupPayload({
      ...emptySignupValues,
      email: ' Ann@X.com ',
      dateOfBirth: { month: '3', day: '7', year: '1985' },
      state: 'CA',
      consentTelehealth: true,
      consentPrivacy: true,
    });
    expect(payload.email).toBe(' Ann@X.com ');
    expect(payload.dateOfBirth).toBe('1985-03-07');
    expect(payload.consent).toEqual({ telehealth: true, privacy: true, versions: currentVersions() });
    // Left empty: no state, and unticked boxes as they are, so the server names each.
    const untouched = toSignupPayload(emptySignupValues);
    expect(untouched).not.toHaveProperty('state');
    expect(untouched.consent).toMatchObject({ telehealth: false, privacy: false });
  });

  it('says which box of the date of birth to fix, and marks every box for a whole-date problem', () => {
    const form = (dateOfBirth: SignupValues['dateOfBirth']): SignupValues => ({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      phone: '(415) 555-0134',
      dateOfBirth,
      state: 'CA',
      consentTelehealth: true,
      consentPrivacy: true,
    });
    const dobIssue = (values: SignupValues) =>
      checkSignupValues(values, ['CA']).find((issue) => issue.path === 'dateOfBirth')?.message;
    expect(dobIssue(form({ month: '3', day: '', year: '' }))).toBe(
      'Date of birth must include a day and year.',
    );
    expect(dateOfBirthPartsToMark({ month: '3', day: '', year: '' })).toEqual(['day', 'year']);
    expect(dobIssue(form({ month: '13', day: '1', year: '1985' }))).toBe(
      'Date of birth must be a real date.',
    );
    expect(dobIssue(form({ month: '2', day: '30', year: '1985' }))).toBe(
      'Date of birth must be a real date.',
    );
    expect(dobIssue(form({ month: '3', day: '27', year: '85' }))).toBe('Year must include 4 numbers.');
    const year = new Date().getUTCFullYear() - 10;
    expect(dobIssue(form({ month: '1', day: '1', year: String(year) }))).toMatch(/18 or older/);
    expect(dateOfBirthPartsToMark({ month: '1', day: '1', year: String(year) })).toEqual([
      'month',
      'day',
      'year',
    ]);
    expect(dobIssue(form({ month: '03', day: '27', year: '1985' }))).toBeUndefined();
  });

  it('focuses the first invalid field in form order, else the summary', () => {
    expect(firstInvalidFieldId({ 'consent.privacy': 'x', phone: 'y' })).toBe('signup-phone');
    expect(firstInvalidFieldId({ dateOfBirth: 'x', state: 'y' }, 'year')).toBe('signup-dateOfBirth-year');
    expect(firstInvalidFieldId({ '': 'x' })).toBe('signup-error-summary');
  });
});

describe('rate-limit messages', () => {
  it('says when to try again once, whether or not the server already said it', () => {
    expect(rateLimitedMessage('Too many attempts from this network. Please try again later.', 300)).toBe(
      'Too many attempts from this network. Please try again later. You can try again in 5 minutes.',
    );
    const said = 'We sent a code to this address a moment ago. You can ask for another in 45 seconds.';
    expect(rateLimitedMessage(said, 45)).toBe(said);
    expect(rateLimitedMessage(undefined, 60)).toBe('Too many attempts. You can try again in 60 seconds.');
  });
});
