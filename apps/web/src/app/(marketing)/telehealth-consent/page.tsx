import { legalDocuments, MINIMUM_PATIENT_AGE } from '@telehealth/contracts';
import type { Metadata } from 'next';
import { BulletList, LegalPage, LegalSection, ProseLink, SupportEmailLink } from '@/components/LegalPage';
import { publicConfig } from '@/server/env';

const { brandName, supportEmail } = publicConfig;
const document = legalDocuments.telehealth;

export const metadata: Metadata = {
  title: document.title,
  description: `What telehealth care with ${brandName} is, its benefits and risks, and your right to say no.`,
};

/**
 * The telehealth informed consent the signup's consent checkbox links to. Its version is in
 * `legalDocuments.telehealth`: raise it when the substance changes.
 */
export default function TelehealthConsentPage() {
  const mail = <SupportEmailLink email={supportEmail} />;
  return (
    <LegalPage
      document={document}
      intro={
        <p>
          Please read this before you agree to receive care by telehealth from clinicians who work with{' '}
          {brandName}. Ask us anything you do not understand at {mail} before you agree.
        </p>
      }
    >
      <LegalSection title="What telehealth is">
        <p>
          Telehealth means that a licensed clinician assesses, diagnoses, treats or advises you over a live
          video call instead of in the same room. Your clinician is licensed in the state you are in at the
          time of the visit. You need a phone, tablet or computer with a camera, a microphone and an internet
          connection.
        </p>
      </LegalSection>

      <LegalSection title="Benefits">
        <BulletList>
          <li>You can be seen without traveling or taking time off to sit in a waiting room.</li>
          <li>It can be easier to get care if you live far from a clinic or find it hard to get to one.</li>
          <li>You can be seen from a place where you feel comfortable.</li>
        </BulletList>
      </LegalSection>

      <LegalSection title="Risks and limits">
        <BulletList>
          <li>
            Your clinician cannot touch or examine you in person, so some problems cannot be assessed or
            treated by video. Your clinician may decide that you need to be seen in person, or refer you for
            tests.
          </li>
          <li>
            A poor connection, or a problem with a device, can make the picture or sound unclear, or end a
            visit early. Your clinician may then need to continue by phone or book another visit.
          </li>
          <li>
            Although we take care to protect your information, no system sent over the internet is completely
            free of risk, and someone near you during a visit may overhear it.
          </li>
          <li>Not every medicine can be prescribed after a video visit.</li>
        </BulletList>
      </LegalSection>

      <LegalSection title="Other choices you have">
        <p>
          You do not have to use telehealth. You can see a clinician in person instead, for example your own
          doctor, a clinic or an urgent care center.
        </p>
      </LegalSection>

      <LegalSection title="Emergencies">
        <p>
          {brandName} is not for emergencies. If you have a medical emergency, call 911 or go to the nearest
          emergency room. In a mental-health crisis, call or text 988, the Suicide &amp; Crisis Lifeline, at
          any time.
        </p>
        <p>
          At the start of each visit your clinician may ask where you are, so that help can be sent to you if
          you become unwell or unsafe during the visit.
        </p>
      </LegalSection>

      <LegalSection title="Your privacy">
        <p>
          The same privacy laws apply to telehealth as to care in person. Please take visits from a private
          place. Our <ProseLink href={legalDocuments.privacy.path}>Notice of Privacy Practices</ProseLink>{' '}
          says how your health information may be used and shared, and what your rights are.
        </p>
      </LegalSection>

      <LegalSection title="Your right to say no, or to stop">
        <p>
          You may refuse telehealth, and you may withdraw this consent at any time, by telling your clinician
          or writing to {mail}. Refusing or withdrawing will not affect your right to care in the future, and
          it does not take away any benefits you are entitled to. You can also end any visit at any time.
        </p>
      </LegalSection>

      <LegalSection title="Your agreement">
        <p>
          By checking the telehealth box when you sign up, you confirm that you are {MINIMUM_PATIENT_AGE} or
          older, that you have read this consent, that you understand the benefits, risks and alternatives of
          telehealth, and that you agree to receive care by telehealth.
        </p>
      </LegalSection>
    </LegalPage>
  );
}
