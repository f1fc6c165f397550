import 'server-only';
import { Body, Container, Head, Hr, Html, Preview, Text } from '@react-email/components';
import type { ReactNode } from 'react';

const footerStyle = { fontSize: '12px', color: '#475569' } as const;

/** Why a patient signing up got the email: the default footer. */
export function SignupFooter({ brandName }: { brandName: string }) {
  return (
    <Text style={footerStyle}>
      You received this email because someone used this address to sign up for {brandName}. If it was not you,
      you can ignore it.
    </Text>
  );
}

/**
 * Why a clinician got the email, and whom to tell if they never applied: with a reference (a filed
 * application) support withdraws it; without one (the email code), nothing was filed.
 */
export function ApplicantFooter({
  brandName,
  supportEmail,
  referenceNumber,
}: {
  brandName: string;
  supportEmail?: string;
  referenceNumber?: string;
}) {
  return referenceNumber && supportEmail ? (
    <Text style={footerStyle}>
      You received this email because an application to join the {brandName} clinical network was submitted
      with this address. If you did not apply, email {supportEmail} and quote {referenceNumber}: we will
      withdraw the application and delete its documents.
    </Text>
  ) : (
    <Text style={footerStyle}>
      You received this email because someone entered this address on the {brandName} clinician application.
      If it was not you, you can ignore it: nothing is filed under your address without this code.
    </Text>
  );
}

/** Why someone asking to hear from us got the email: nothing is kept without the code. */
export function WaitlistFooter({ brandName }: { brandName: string }) {
  return (
    <Text style={footerStyle}>
      You received this email because someone asked {brandName} to email this address once when we can see
      them. If it was not you, you can ignore it: we keep the address only once its code is entered, and use
      it for nothing else.
    </Text>
  );
}

/** For staff: the email goes to a configured staff address, never to someone who typed it. */
export function StaffFooter({ brandName }: { brandName: string }) {
  return (
    <Text style={footerStyle}>
      You received this email as a {brandName} administrator. It carries no applicant details; open the portal
      to see them.
    </Text>
  );
}

/**
 * The frame every email shares: brand, preview line, footer (the patient signup footer unless the
 * email says otherwise). Styles are inline for mail clients.
 */
export function EmailLayout({
  brandName,
  preview,
  footer,
  children,
}: {
  brandName: string;
  preview: string;
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body
        style={{ backgroundColor: '#f8fafc', fontFamily: 'Arial, Helvetica, sans-serif', color: '#0f172a' }}
      >
        <Container
          style={{ backgroundColor: '#ffffff', padding: '32px', maxWidth: '520px', borderRadius: '8px' }}
        >
          <Text style={{ fontSize: '18px', fontWeight: 700, color: '#115e59', margin: '0 0 16px' }}>
            {brandName}
          </Text>
          {children}
          <Hr style={{ borderColor: '#e2e8f0', margin: '24px 0' }} />
          {footer ?? <SignupFooter brandName={brandName} />}
        </Container>
      </Body>
    </Html>
  );
}
