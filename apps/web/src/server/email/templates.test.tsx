import { describe, expect, it } from 'vitest';
import {
  alreadyConfirmedEmail,
  applicationReceivedEmail,
  applicationWaitingEmail,
  renderCodeEmail,
  verificationCodeEmail,
} from './templates';

describe('code emails rendered once', () => {
  it('are the same email as one rendered with the code', async () => {
    for (const [code, page] of [
      ['012345', 'sign-up'],
      ['987654', 'sign-up'],
      ['000000', 'clinician application'],
    ] as const) {
      const cached = await verificationCodeEmail({ brandName: 'Lumen Health', code, minutesValid: 10, page });
      const direct = await renderCodeEmail('Lumen Health', code, 10, page);
      expect(cached).toEqual(direct);
      expect(cached.html).toContain(code);
      expect(cached.text).toContain(code);
    }
  });

  it('keep brands and validity apart', async () => {
    const a = await verificationCodeEmail({ brandName: 'Lumen Health', code: '111111', minutesValid: 10 });
    const b = await verificationCodeEmail({ brandName: 'Other Care', code: '111111', minutesValid: 15 });
    expect(b.subject).toBe('Your Other Care verification code');
    expect(b.text).toContain('15 minutes');
    expect(b.text).not.toContain('Lumen Health');
    expect(a.text).toContain('10 minutes');
  });

  it('render anything that is not a 6-digit code in full', async () => {
    const email = await verificationCodeEmail({ brandName: 'Lumen Health', code: '12 34', minutesValid: 10 });
    expect(email).toEqual(await renderCodeEmail('Lumen Health', '12 34', 10, 'sign-up'));
  });

  it('render the repeated-signup notice once per deployment', async () => {
    const input = { brandName: 'Lumen Health', appUrl: 'https://app.example' };
    const first = await alreadyConfirmedEmail(input);
    expect(await alreadyConfirmedEmail(input)).toBe(first);
    expect(first.text).toContain('https://app.example');
  });

  it('says there is no code and links to the app with words, from APP_URL', async () => {
    const email = await alreadyConfirmedEmail({ brandName: 'Lumen Health', appUrl: 'https://care.example' });
    expect(email.html).toMatch(/<a [^>]*href="https:\/\/care\.example"[^>]*>Go to Lumen Health<\/a>/);
    expect(email.text).toContain('there is no code to enter');
    expect(email.text).toContain('988');
  });
});

describe('clinician emails', () => {
  it('promise no number of business days and carry the applicant footer, not the signup one', async () => {
    const email = await applicationReceivedEmail({
      brandName: 'Lumen Health',
      supportEmail: 'support@lumen-health.test',
      firstName: 'Wei',
      referenceNumber: 'CA-7K3P-9QXA',
    });
    expect(email.text).toContain('usually takes 2 to 6 weeks');
    expect(email.text).not.toMatch(/business days/);
    expect(email.text).toMatch(
      /If you did not apply, email support@lumen-health\.test and quote CA-7K3P-9QXA/,
    );
    expect(email.text).not.toContain('to sign up for');
  });

  it('give the applicant code email and the admin notice footers of their own', async () => {
    const code = await renderCodeEmail('Lumen Health', '123456', 10, 'clinician application');
    expect(code.text).toContain('clinician application. If it was not you');
    expect(code.text).not.toContain('to sign up for');
    const signup = await renderCodeEmail('Lumen Health', '123456', 10, 'sign-up');
    expect(signup.text).toContain('to sign up for Lumen Health');
    const admin = await applicationWaitingEmail({
      brandName: 'Lumen Health',
      referenceNumber: 'CA-7K3P-9QXA',
      reviewUrl: 'https://app.example/portal/applications/x',
    });
    expect(admin.text).toContain('as a Lumen Health administrator');
    expect(admin.text).not.toContain('to sign up for');
  });
});
