import { MINIMUM_PATIENT_AGE } from '@telehealth/contracts';
import type { Metadata } from 'next';
import { BulletList, LegalPage, LegalSection, SupportEmailLink } from '@/components/LegalPage';
import { publicConfig } from '@/server/env';

const { brandName, supportEmail } = publicConfig;

export const metadata: Metadata = {
  title: 'Terms of use',
  description: `The terms for using ${brandName}.`,
};

export default function TermsPage() {
  const mail = <SupportEmailLink email={supportEmail} />;
  return (
    <LegalPage
      title="Terms of use"
      intro={
        <p>
          These terms apply when you use {brandName}. By signing up you agree to them. Please read them
          together with our{' '}
          <a href="/privacy" className="font-medium text-brand-700 underline underline-offset-2">
            privacy notice
          </a>
          .
        </p>
      }
    >
      <LegalSection title="Not for emergencies">
        <p>
          {brandName} is not an emergency service. If you have a medical emergency, call 911 or go to the
          nearest emergency room. If you are in crisis, call or text 988.
        </p>
      </LegalSection>

      <LegalSection title="Who can use the service">
        <BulletList>
          <li>You must be {MINIMUM_PATIENT_AGE} or older.</li>
          <li>You must live in, and be in during each visit, a US state we serve.</li>
          <li>The details you give us must be true and your own; you sign up for yourself only.</li>
        </BulletList>
      </LegalSection>

      <LegalSection title="Care by telehealth">
        <p>
          Visits take place by video with clinicians licensed in your state. Your clinician decides what care
          is appropriate and may recommend that you be seen in person if video is not right for your needs.
          You can withdraw your consent to telehealth at any time by contacting us.
        </p>
      </LegalSection>

      <LegalSection title="Your account and visit links">
        <p>
          Keep access to your email account secure: we send your confirmation codes and visit links there.
          Visit links are personal to you; do not share them. Tell us straight away at {mail} if you think
          someone else has used them.
        </p>
      </LegalSection>

      <LegalSection title="Cost">
        <p>
          Signing up is free. We do not accept insurance yet. We will always show you the price of a visit
          before you book it.
        </p>
      </LegalSection>

      <LegalSection title="Using the service fairly">
        <p>
          Do not misuse the service: no false identities, no attempts to access other people&rsquo;s
          information, and no interfering with how the service works. We may suspend accounts that do.
        </p>
      </LegalSection>

      <LegalSection title="Changes and contact">
        <p>We may update these terms; the current version is always on this page. Questions: {mail}.</p>
      </LegalSection>
    </LegalPage>
  );
}
