import { MINIMUM_PATIENT_AGE } from '@telehealth/contracts';
import type { Metadata } from 'next';
import { BulletList, LegalPage, LegalSection, SupportEmailLink } from '@/components/LegalPage';
import { publicConfig } from '@/server/env';

const { brandName, supportEmail } = publicConfig;

export const metadata: Metadata = {
  title: 'Privacy notice',
  description: `What ${brandName} collects when you sign up, why, and how it is protected.`,
};

export default function PrivacyPage() {
  const mail = <SupportEmailLink email={supportEmail} />;
  return (
    <LegalPage
      title="Privacy notice"
      intro={
        <p>
          This notice explains, in plain language, what {brandName} collects when you sign up, why we need it,
          and how we look after it.
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
          <li>your consent to telehealth care and to this notice, and when you gave it.</li>
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
            Your email address is how we confirm it is you, tell you when you can book, and send you the link
            to each video visit.
          </li>
          <li>Your mobile phone number lets your care team reach you, for example if a video visit drops.</li>
          <li>
            Your state matters because clinicians may only treat patients in the states where they are
            licensed.
          </li>
        </BulletList>
        <p>We never sell your information and never use it for advertising.</p>
      </LegalSection>

      <LegalSection title="Confirmation codes and visit links">
        <p>
          The 6-digit code we email you expires after 10 minutes. We store only a one-way hash of each code,
          never the code itself, so nobody, including our staff, can read it back. The personal links to your
          video visits are protected the same way.
        </p>
      </LegalSection>

      <LegalSection title="Who can see your information">
        <p>
          Only the clinicians and staff who arrange and provide your care, and only when they need to. Every
          access to patient records is logged. We use Amazon Web Services to store data, send email and carry
          video; they process it on our behalf and may not use it for anything else.
        </p>
      </LegalSection>

      <LegalSection title="How we protect it">
        <p>
          Your information travels over encrypted connections and is encrypted where it is stored. Our website
          loads no third-party scripts, trackers or advertising cookies.
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
