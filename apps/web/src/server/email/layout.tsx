import 'server-only';
import { Body, Container, Head, Hr, Html, Preview, Text } from '@react-email/components';
import type { ReactNode } from 'react';

/** The frame every email shares: brand, preview line, footer. Styles are inline for mail clients. */
export function EmailLayout({
  brandName,
  preview,
  children,
}: {
  brandName: string;
  preview: string;
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
          <Text style={{ fontSize: '12px', color: '#475569' }}>
            You received this email because someone used this address to sign up for {brandName}. If it was
            not you, you can ignore it.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
