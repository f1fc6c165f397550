import { formatEffectiveDate, legalDocuments } from '@telehealth/contracts';
import type { Metadata } from 'next';
import { BulletList, LegalPage, LegalSection, ProseLink, SupportEmailLink } from '@/components/LegalPage';
import { publicConfig } from '@/server/env';

const { brandName, companyName, companyAddress, privacyEmail } = publicConfig;
const document = legalDocuments.privacy;

export const metadata: Metadata = {
  title: document.title,
  description: `How ${brandName} may use and disclose your health information, your rights, and our duties.`,
};

/**
 * The HIPAA Notice of Privacy Practices (45 CFR 164.520): uses and disclosures, the patient's
 * rights, our duties, the effective date and the privacy contact. Its version is in
 * `legalDocuments.privacy`: raise it when the substance changes, and patients are offered it again.
 */
export default function PrivacyPracticesPage() {
  const privacyMail = <SupportEmailLink email={privacyEmail} />;
  return (
    <LegalPage
      document={document}
      intro={
        <>
          <p className="font-semibold text-slate-900">
            This notice describes how medical information about you may be used and disclosed and how you can
            get access to this information. Please review it carefully.
          </p>
          <p className="mt-3">
            {companyName} provides the {brandName} telehealth service. In this notice &ldquo;we&rdquo; means{' '}
            {companyName} and the clinicians who care for you through {brandName}. &ldquo;Health
            information&rdquo; means information that identifies you and is about your health, your care or
            payment for it, including what you give us when you sign up.
          </p>
        </>
      }
    >
      <LegalSection title="Our duties">
        <BulletList>
          <li>The law requires us to keep your health information private and secure.</li>
          <li>
            We must give you this notice of our legal duties and privacy practices, and follow the notice that
            is in effect.
          </li>
          <li>
            We will tell you promptly if a breach occurs that may have compromised the privacy or security of
            your information.
          </li>
          <li>
            We will not use or share your information other than as described here unless you tell us we can
            in writing. If you do, you can change your mind at any time by writing to us.
          </li>
        </BulletList>
      </LegalSection>

      <LegalSection title="How we may use and share your health information">
        <p>We may use and share your information without asking you first:</p>
        <BulletList>
          <li>
            <strong>To treat you:</strong> for example, your clinician reads your details before a video
            visit, and may share them with another provider who treats you.
          </li>
          <li>
            <strong>To be paid for your care:</strong> for example, to bill you, or a health plan if you ask
            us to use one.
          </li>
          <li>
            <strong>To run our service:</strong> for example, to confirm your email address, to check the
            quality of care, to train staff, and to keep the service secure.
          </li>
          <li>
            <strong>With our business associates:</strong> companies that provide services to us, such as
            hosting, storage and email, may handle your information on our behalf. They must protect it by
            contract and may use it only for the work we ask of them.
          </li>
        </BulletList>
        <p>
          We are also allowed or required to share your information in these cases, under the law&rsquo;s
          conditions:
        </p>
        <BulletList>
          <li>when a federal, state or local law requires it;</li>
          <li>
            for public health: to prevent disease, report adverse reactions to medicines, or report suspected
            abuse, neglect or domestic violence;
          </li>
          <li>to prevent a serious threat to someone&rsquo;s health or safety;</li>
          <li>
            for health oversight (audits, inspections, licensing) and to the Department of Health and Human
            Services when it checks that we comply with privacy law;
          </li>
          <li>in response to a court or administrative order, or a subpoena;</li>
          <li>to law enforcement, as the law allows;</li>
          <li>to coroners, medical examiners and funeral directors, and for organ and tissue donation;</li>
          <li>
            for workers&rsquo; compensation claims, and for special government functions such as military and
            national security;
          </li>
          <li>for research, when an approved review board has decided your privacy is protected.</li>
        </BulletList>
        <p>
          Some laws protect certain information more strictly, for example mental-health, substance-use and
          HIV records in some states. Where such a law applies, we follow it.
        </p>
      </LegalSection>

      <LegalSection title="Uses that need your written permission">
        <p>
          We will never sell your information or use it for marketing, and we will not share psychotherapy
          notes, unless you give us written permission. Any other use not described in this notice also needs
          your written permission, which you can take back at any time (except for what we already did with
          it).
        </p>
      </LegalSection>

      <LegalSection title="Your rights">
        <p>To use any of these rights, write to our privacy contact below.</p>
        <BulletList>
          <li>
            <strong>See and get a copy of your information.</strong> You can ask for an electronic or paper
            copy of your health information. We will answer within 30 days, and may charge a reasonable,
            cost-based fee.
          </li>
          <li>
            <strong>Ask us to correct your information.</strong> If you think it is wrong or incomplete, you
            can ask us to change it. We may say no, but we will tell you why in writing within 60 days.
          </li>
          <li>
            <strong>Get a list of those we shared it with</strong> (an accounting of disclosures): for the six
            years before you ask, except for treatment, payment and running our service and a few other cases.
            One list a year is free.
          </li>
          <li>
            <strong>Ask us to limit what we use or share.</strong> We do not have to agree, except that if you
            pay for a service in full yourself, you can ask us not to share it with your health plan, and we
            will agree unless a law requires us to share it.
          </li>
          <li>
            <strong>Ask us to contact you in a confidential way</strong>, for example at another email address
            or phone number. We will agree to reasonable requests.
          </li>
          <li>
            <strong>Get a paper copy of this notice</strong> at any time, even if you agreed to get it
            electronically.
          </li>
          <li>
            <strong>Choose someone to act for you</strong>, such as a legal guardian or someone with your
            medical power of attorney.
          </li>
          <li>
            <strong>Complain</strong> if you think we have violated your privacy rights: to us, through the
            privacy contact below, or to the U.S. Department of Health and Human Services, Office for Civil
            Rights, 200 Independence Avenue S.W., Washington, D.C. 20201, at 1-877-696-6775, or at{' '}
            <ProseLink href="https://www.hhs.gov/ocr/complaints/">www.hhs.gov/ocr/complaints</ProseLink>. We
            will not retaliate against you for filing a complaint.
          </li>
        </BulletList>
      </LegalSection>

      <LegalSection title="Changes to this notice">
        <p>
          We can change the terms of this notice, and the changes will apply to all the information we have
          about you. The new notice will be posted on this page with its version and effective date, and you
          can ask us for a copy.
        </p>
      </LegalSection>

      <LegalSection title="Privacy contact">
        <p>
          For questions about this notice, to use your rights, or to complain, contact our privacy officer:
        </p>
        <address className="not-italic">
          {companyName}, attention: Privacy Officer
          <br />
          {companyAddress}
          <br />
          {privacyMail}
        </address>
        <p>
          This notice is effective from {formatEffectiveDate(document.effectiveOn)}. Our{' '}
          <ProseLink href="/privacy">privacy notice</ProseLink> explains what we collect when you sign up.
        </p>
      </LegalSection>
    </LegalPage>
  );
}
