import 'server-only';
import { Heading, Link, render, Text, toPlainText } from '@react-email/components';
import type { ReactElement } from 'react';
import { CREDENTIALING_TIME } from '../applications/timeline';
import { ApplicantFooter, EmailLayout, StaffFooter, WaitlistFooter } from './layout';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

// react-email renders the HTML and derives the text part from it, so the two never drift apart.
export async function renderEmail(subject: string, element: ReactElement): Promise<RenderedEmail> {
  const html = await render(element);
  return { subject, html, text: toPlainText(html) };
}

/** Where the code is entered, in the words of the email. Nothing a requester typed goes in it. */
export type CodePage = 'sign-up' | 'clinician application' | 'waitlist';

/** The code email rendered in full (verificationCodeEmail renders it once and fills in the code). */
export function renderCodeEmail(brandName: string, code: string, minutesValid: number, page: CodePage) {
  return renderEmail(
    // Not in the subject: subjects show on lock screens and in SES delivery events.
    `Your ${brandName} verification code`,
    <EmailLayout
      brandName={brandName}
      preview={`Your code expires in ${minutesValid} minutes.`}
      footer={
        page === 'clinician application' ? (
          <ApplicantFooter brandName={brandName} />
        ) : page === 'waitlist' ? (
          <WaitlistFooter brandName={brandName} />
        ) : undefined
      }
    >
      <Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
        Confirm your email
      </Heading>
      <Text>
        Enter this code on the {brandName} {page} page to confirm your email address:
      </Text>
      <Text style={{ fontSize: '32px', fontWeight: 700, letterSpacing: '6px', margin: '16px 0' }}>
        {code}
      </Text>
      <Text>
        The code expires in {minutesValid} minutes and works once. {brandName} will never ask you for this
        code by phone.
      </Text>
    </EmailLayout>,
  );
}

/**
 * Where the code goes in a code email rendered once: as long as a code, so the text part wraps the
 * same, and made of letters no code contains.
 */
const CODE_SLOT = 'qzxjqz';
const CODE = /^\d{6}$/;

/** A rendered email with one slot for the code, or null if the slot did not come through intact. */
interface CodeTemplate {
  subject: string;
  html: [string, string];
  text: [string, string];
}

const codeTemplates = new Map<string, Promise<CodeTemplate | null>>();

function splitOnce(value: string): [string, string] | null {
  const parts = value.split(CODE_SLOT);
  return parts.length === 2 ? [parts[0] ?? '', parts[1] ?? ''] : null;
}

/**
 * The code email. Rendering it (React, then the text part from the HTML) costs milliseconds and
 * only the code changes between sends, so each variant is rendered once, with a slot where the code
 * goes; each send fills the slot. The result is the same text as rendering with the code.
 */
export async function verificationCodeEmail(input: {
  brandName: string;
  code: string;
  minutesValid: number;
  page?: CodePage;
}): Promise<RenderedEmail> {
  const { brandName, code, minutesValid, page = 'sign-up' } = input;
  if (!CODE.test(code)) return renderCodeEmail(brandName, code, minutesValid, page);
  const key = JSON.stringify([brandName, minutesValid, page]);
  let template = codeTemplates.get(key);
  if (!template) {
    template = renderCodeEmail(brandName, CODE_SLOT, minutesValid, page).then(({ subject, html, text }) => {
      const [htmlParts, textParts] = [splitOnce(html), splitOnce(text)];
      return htmlParts && textParts && !subject.includes(CODE_SLOT)
        ? { subject, html: htmlParts, text: textParts }
        : null;
    });
    template.catch(() => codeTemplates.delete(key));
    codeTemplates.set(key, template);
  }
  const filled = await template;
  if (!filled) return renderCodeEmail(brandName, code, minutesValid, page);
  return {
    subject: filled.subject,
    html: filled.html.join(code),
    text: filled.text.join(code),
  };
}

const confirmedEmails = new Map<string, Promise<RenderedEmail>>();

/** The same for every repeated signup of one deployment: rendered once. */
export function alreadyConfirmedEmail(input: { brandName: string; appUrl: string }): Promise<RenderedEmail> {
  const key = JSON.stringify([input.brandName, input.appUrl]);
  let email = confirmedEmails.get(key);
  if (!email) {
    email = renderAlreadyConfirmedEmail(input);
    email.catch(() => confirmedEmails.delete(key));
    confirmedEmails.set(key, email);
  }
  return email;
}

function renderAlreadyConfirmedEmail(input: { brandName: string; appUrl: string }) {
  const { brandName, appUrl } = input;
  return renderEmail(
    `Your ${brandName} email is already confirmed`,
    <EmailLayout brandName={brandName} preview="No new code is needed.">
      <Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
        You are already signed up
      </Heading>
      <Text>
        Someone, probably you, asked to sign up again with this email address. It is already confirmed, so
        there is no code to enter and nothing more to do. Your details have not changed.
      </Text>
      <Text>
        Booking video visits is not open yet. We will email you when you can book your first visit. If you
        need care now, call 911 or go to the nearest emergency room in an emergency, or call or text 988 in a
        mental-health crisis.
      </Text>
      <Text>If this was not you, you can ignore this email.</Text>
      <Text>
        <Link href={appUrl} style={{ color: '#115e59', textDecoration: 'underline' }}>
          {`Go to ${brandName}`}
        </Link>
      </Text>
    </EmailLayout>,
  );
}

/** To the owner of an address once wrong codes used up its failure budget; says nothing typed. */
export function codeAttemptsStoppedEmail(input: { brandName: string; retryAt: Date }) {
  const { brandName, retryAt } = input;
  const when = `${retryAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return renderEmail(
    `Wrong codes were entered for your ${brandName} email`,
    <EmailLayout brandName={brandName} preview="We stopped accepting codes for this address for now.">
      <Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
        Someone entered wrong codes for this email address
      </Heading>
      <Text>
        Many wrong confirmation codes were entered for this email address. To protect it, {brandName} will not
        accept codes for it until {when}. A wrong code confirms nothing and changes no details.
      </Text>
      <Text>
        If this was you, wait until then and ask for a new code. If it was not you, you need do nothing; you
        can ignore this email.
      </Text>
    </EmailLayout>,
  );
}

export function applicationReceivedEmail(input: {
  brandName: string;
  supportEmail: string;
  firstName: string;
  referenceNumber: string;
}) {
  const { brandName, supportEmail, firstName, referenceNumber } = input;
  return renderEmail(
    `We received your application (${referenceNumber})`,
    <EmailLayout
      brandName={brandName}
      preview={`Reference ${referenceNumber}`}
      footer={
        <ApplicantFooter
          brandName={brandName}
          supportEmail={supportEmail}
          referenceNumber={referenceNumber}
        />
      }
    >
      <Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
        Thank you for applying, {firstName}
      </Heading>
      <Text>Your application to join the {brandName} clinical network is in. Your reference number is:</Text>
      <Text style={{ fontSize: '24px', fontWeight: 700, letterSpacing: '2px', margin: '12px 0' }}>
        {referenceNumber}
      </Text>
      <Text>
        We now verify your licenses, NPI, DEA registration, board certification and malpractice insurance with
        the bodies that issued them. This usually takes {CREDENTIALING_TIME}, because we wait on their
        answers. We will email you if we need anything else, and once you are approved we will invite you to
        the clinician portal. Questions? Email {supportEmail} and quote your reference number.
      </Text>
    </EmailLayout>,
  );
}

/** To the admin: no applicant details in email, only the reference and where to review it. */
export function applicationWaitingEmail(input: {
  brandName: string;
  referenceNumber: string;
  reviewUrl: string;
}) {
  const { brandName, referenceNumber, reviewUrl } = input;
  return renderEmail(
    `New clinician application waiting: ${referenceNumber}`,
    <EmailLayout
      brandName={brandName}
      preview="A clinician application waits for review."
      footer={<StaffFooter brandName={brandName} />}
    >
      <Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
        A new application waits for review
      </Heading>
      <Text>Reference {referenceNumber}. Review it in the portal:</Text>
      <Text>{reviewUrl}</Text>
    </EmailLayout>,
  );
}

/**
 * To a proven waitlist address: what we will send (one email), how long we keep it, and a one-time
 * link that removes it. The link carries the entry and the token in its fragment, which browsers never
 * send to a server or in a Referer; the page asks before it removes anything, so a mail scanner that
 * opens links removes nothing.
 */
export function waitlistJoinedEmail(input: {
  brandName: string;
  removeUrl: string;
  reason: 'state-not-served' | 'under-18';
  retentionDays: number;
}) {
  const { brandName, removeUrl, reason, retentionDays } = input;
  const when =
    reason === 'under-18' ? 'we can see patients under 18' : 'we start seeing patients in your state';
  return renderEmail(
    `You are on the ${brandName} list`,
    <EmailLayout
      brandName={brandName}
      preview="We will email you once, when we can see you."
      footer={<WaitlistFooter brandName={brandName} />}
    >
      <Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
        We will email you once
      </Heading>
      <Text>
        Your email address is confirmed. We will send you one email when {when}, and nothing else: no
        marketing. We keep the address for up to {Math.round(retentionDays / 365)} years, then delete it.
      </Text>
      <Text>Changed your mind? Remove your address at any time:</Text>
      <Text>
        <Link href={removeUrl} style={{ color: '#115e59', textDecoration: 'underline' }}>
          Remove my address from the list
        </Link>
      </Text>
      <Text>
        If you need care now, call your doctor or an urgent care clinic. In an emergency, call 911; in a
        crisis, call or text 988.
      </Text>
    </EmailLayout>,
  );
}
