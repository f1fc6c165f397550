import { legalDocuments, MINIMUM_PATIENT_AGE } from '@telehealth/contracts';
import type { Metadata } from 'next';
import { BulletList, LegalPage, LegalSection, ProseLink, SupportEmailLink } from '@/components/LegalPage';
import { publicConfig } from '@/server/env';

const { brandName, companyName, privacyEmail } = publicConfig;

export const metadata: Metadata = {
  title: 'Privacy notice',
  description: `What ${brandName} collects when you sign up, why, and how it is protected.`,
};

export default function PrivacyPage() {
  const mail = <SupportEmailLink email={privacyEmail} />;
  return (
    <LegalPage
      title="Privacy notice"
      intro={
        <p>
          This notice explains, in plain language, what {brandName} ({companyName}) collects when you sign up,
          why we need it, and how we look after it. How your health information may be used and shared, and
          your rights over it, are set out in our{' '}
          <ProseLink href={legalDocuments.privacy.path}>Notice of Privacy Practices</ProseLink>.
        </p>
      }
    >
      <LegalSection title="What we collect when you sign up">
        <BulletList>
          <li>your first and last name;</li>
          <li>your email address;</li>
          <li>your mobile phone number;</li>
          <li>your date of birth;</li>
          <li>the US state you live in;</li>
          <li>
            which version of the telehealth consent, the Notice of Privacy Practices and the terms of use you
            accepted, and when.
          </li>
        </BulletList>
        <p>
          To keep the service safe we also record when you sign up and confirm your email, and we count
          attempts from each email address and network address to stop abuse.
        </p>
      </LegalSection>

      <LegalSection title="Why we need it">
        <BulletList>
          <li>
            Your name and date of birth identify you to your clinician and confirm you are{' '}
            {MINIMUM_PATIENT_AGE} or older.
          </li>
          <li>
            Your email address is how we confirm it is you and how we tell you when you can book a video
            visit.
          </li>
          <li>Your mobile phone number lets your care team reach you.</li>
          <li>
            Your state matters because clinicians may only treat patients in the states where they are
            licensed.
          </li>
        </BulletList>
        <p>We never sell your information and never use it for advertising.</p>
      </LegalSection>

      <LegalSection title="Confirmation codes">
        <p>
          The 6-digit code we email you expires after 10 minutes. We store only a keyed one-way hash of each
          code, never the code itself, so nobody, including our staff, can read it back.
        </p>
      </LegalSection>

      <LegalSection title="Who can see your information">
        <p>
          Our service has no screen yet where staff or clinicians can look up patients. Your details are kept
          in our database on Amazon Web Services (AWS), which stores the data and sends our emails on our
          behalf. Every change to your record, such as your signup and its confirmation, is written to an
          audit log that our application can add to but cannot change or delete.
        </p>
      </LegalSection>

      <LegalSection title="How we protect it">
        <p>
          Your information travels over encrypted connections (HTTPS), and our database and file storage are
          encrypted with a key that we control. Our website loads no third-party scripts, trackers or
          advertising cookies; the only cookie it sets at signup links your confirmation code to your browser.
        </p>
      </LegalSection>

      <LegalSection title="Your choices">
        <p>
          You can ask us for a copy of your information, ask us to correct it, or ask us to delete your
          account. Email {mail}. Some records of care may need to be kept for the time the law requires.
        </p>
      </LegalSection>

      <LegalSection title="Contact us">
        <p>
          Questions about this notice or your information: {mail}. If we change this notice, we will post the
          new version here.
        </p>
      </LegalSection>
    </LegalPage>
  );
}
