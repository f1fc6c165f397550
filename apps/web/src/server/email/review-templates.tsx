import 'server-only';
import { Heading, Text } from '@react-email/components';
import type { ApplicationDecisionAction } from '@telehealth/contracts';
import { ApplicantFooter, EmailLayout } from './layout';
import { renderEmail } from './templates';

/**
 * To the applicant after an admin's decision (sent after the decision commits). The address was
 * proven with a code when the application was filed; the only free text is the admin's reason or
 * message, never something a stranger typed.
 */
export function applicationDecisionEmail(input: {
  brandName: string;
  supportEmail: string;
  firstName: string;
  referenceNumber: string;
  action: ApplicationDecisionAction;
  reason?: string;
  message?: string;
}) {
  const { brandName, supportEmail, firstName, referenceNumber, action } = input;
  const content: Record<ApplicationDecisionAction, { subject: string; heading: string; body: string[] }> = {
    start_review: {
      subject: `We are reviewing your application (${referenceNumber})`,
      heading: `We have started reviewing your application, ${firstName}`,
      body: [
        'A member of our credentialing team is now verifying your credentials with the bodies that issued them. We will email you if we need anything else.',
      ],
    },
    request_info: {
      subject: `We need more information for your application (${referenceNumber})`,
      heading: `We need a little more from you, ${firstName}`,
      body: [
        'Our credentialing team asks:',
        input.message ?? '',
        `Reply to ${supportEmail} quoting ${referenceNumber} with what we asked for. Your application waits until then.`,
      ],
    },
    approve: {
      subject: `Your application is approved (${referenceNumber})`,
      heading: `Welcome to the ${brandName} clinical network, ${firstName}`,
      body: [
        'Your credentials are verified and your application is approved.',
        'Our team will invite you to the clinician portal in a separate email, where you set your own password.',
      ],
    },
    reject: {
      subject: `About your application (${referenceNumber})`,
      heading: `We cannot approve your application, ${firstName}`,
      body: [
        'After reviewing your application, we are not able to approve it. The reason:',
        input.reason ?? '',
        `You may apply again once this is resolved. Questions? Email ${supportEmail} and quote ${referenceNumber}.`,
      ],
    },
  };
  const { subject, heading, body } = content[action];
  return renderEmail(
    subject,
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
        {heading}
      </Heading>
      {body.map((paragraph) => (
        <Text key={paragraph} style={{ whiteSpace: 'pre-line' }}>
          {paragraph}
        </Text>
      ))}
    </EmailLayout>,
  );
}
