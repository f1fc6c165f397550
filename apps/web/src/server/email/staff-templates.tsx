import 'server-only';
import { Button, Heading, Text } from '@react-email/components';
import { EmailLayout } from './layout';
import { renderEmail } from './templates';

/** UTC, to the minute: `2026-11-30 14:05 UTC`. */
function utc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The portal invitation: a single-use link to choose a password. The name is the one the admin
 * typed, going to the address the admin typed (staff are invited by an admin, not by themselves).
 */
export function staffInvitationEmail(input: {
  brandName: string;
  name: string;
  roleLabel: string;
  link: string;
  expiresAt: Date;
}) {
  const { brandName, name, roleLabel, link, expiresAt } = input;
  return renderEmail(
    `You are invited to the ${brandName} portal`,
    <EmailLayout brandName={brandName} preview="Choose a password to start using the portal.">
      <Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
        Welcome, {name}
      </Heading>
      <Text>
        You have been invited to the {brandName} staff portal as {roleLabel}. Open the link below to choose
        your password{roleLabel === 'a clinician' ? '' : ' and set up your authenticator app'}.
      </Text>
      <Button
        href={link}
        style={{ background: '#0f5f5c', color: '#ffffff', padding: '12px 20px', borderRadius: '6px' }}
      >
        Choose your password
      </Button>
      <Text>If the button does not work, copy this address into your browser:</Text>
      <Text style={{ wordBreak: 'break-all' }}>{link}</Text>
      <Text>
        The link works once and until {utc(expiresAt)}. We will never send you a password by email. If you did
        not expect this invitation, you can ignore this email.
      </Text>
    </EmailLayout>,
  );
}

/** To the owner of a staff account once failed sign-ins locked it: the guesser sees no difference. */
export function staffLockedEmail(input: { brandName: string; until: Date }) {
  const { brandName, until } = input;
  return renderEmail(
    `Your ${brandName} portal account is locked for now`,
    <EmailLayout brandName={brandName} preview="Too many failed sign-ins.">
      <Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
        Too many failed sign-ins
      </Heading>
      <Text>
        Someone entered a wrong password or code for your portal account five times in a row. To protect it,
        we will not accept sign-ins until {utc(until)}.
      </Text>
      <Text>
        If this was you, wait until then or ask an admin to unlock your account. If it was not you, tell an
        admin: your password may be known to someone else.
      </Text>
    </EmailLayout>,
  );
}
