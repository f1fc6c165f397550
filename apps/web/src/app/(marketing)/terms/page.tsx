import { legalDocuments, MINIMUM_PATIENT_AGE } from '@telehealth/contracts';
import type { Metadata } from 'next';
import { BulletList, LegalPage, LegalSection, ProseLink, SupportEmailLink } from '@/components/LegalPage';
import { publicConfig } from '@/server/env';

const { brandName, companyName, companyAddress, supportEmail } = publicConfig;
const document = legalDocuments.terms;

export const metadata: Metadata = {
  title: document.title,
  description: `The terms for using ${brandName}.`,
};

export default function TermsPage() {
  const mail = <SupportEmailLink email={supportEmail} />;
  return (
    <LegalPage
      document={document}
      intro={
        <p>
          These terms apply when you use {brandName}, a service of {companyName}. By sending the signup form
          you agree to them. Please read them together with our{' '}
          <ProseLink href={legalDocuments.privacy.path}>Notice of Privacy Practices</ProseLink>, our{' '}
          <ProseLink href={legalDocuments.telehealth.path}>consent to telehealth care</ProseLink> and our{' '}
          <ProseLink href="/privacy">privacy notice</ProseLink>.
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
          You can withdraw your consent to telehealth at any time by contacting us. Booking visits is not open
          yet; we will email you when it is.
        </p>
      </LegalSection>

      <LegalSection title="Your account">
        <p>
          Keep access to your email account secure: we send your confirmation codes and everything about your
          care there. Never share a code with anyone; we will never ask you for one by phone. Tell us straight
          away at {mail} if you think someone else has used your email address with us.
        </p>
      </LegalSection>

      <LegalSection title="Cost">
        <p>
          Signing up is free. We do not accept insurance yet. You pay nothing unless you book a visit, and a
          visit&rsquo;s price is shown before you book it.
        </p>
      </LegalSection>

      <LegalSection title="Using the service fairly">
        <p>
          Do not misuse the service: no false identities, no attempts to access other people&rsquo;s
          information, and no interfering with how the service works. We may suspend accounts that do.
        </p>
      </LegalSection>

      <LegalSection title="Changes and contact">
        <p>
          We may update these terms. The current version, with its effective date, is always on this page, and
          a new version applies only once you have accepted it. Questions: {mail}, or write to {companyName},{' '}
          {companyAddress}.
        </p>
      </LegalSection>
    </LegalPage>
  );
}
