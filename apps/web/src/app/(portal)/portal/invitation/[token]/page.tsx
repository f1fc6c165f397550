import type { Metadata } from 'next';
import Link from 'next/link';
import { StaffSignIn } from '@/components/portal/StaffSignIn';
import { Card } from '@/components/portal/ui';
import { publicConfig } from '@/server/env';
import { staffService } from '@/server/staff';

export const metadata: Metadata = { title: 'Accept your invitation', referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

/**
 * The invitation link: choose a password (the rules shown up front), then set up the
 * authenticator app where the role needs it. Opening the page spends nothing: a mail scanner that
 * follows the link cannot use it up; only the form's POST does.
 */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invited = await staffService().invitationFor(decodeURIComponent(token), new Date());
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-10 sm:py-16">
      <p className="text-lg font-bold text-brand-700">{publicConfig.brandName}</p>
      {invited ? (
        <>
          <h1 className="mt-2 text-2xl font-bold tracking-tight">Welcome, {invited.name}</h1>
          <p className="mt-2 text-slate-700">Choose a password for the staff portal.</p>
          <div className="mt-6">
            <Card>
              <StaffSignIn mode="invitation" token={decodeURIComponent(token)} email={invited.email} />
            </Card>
          </div>
        </>
      ) : (
        <>
          <h1 className="mt-2 text-2xl font-bold tracking-tight">This invitation link no longer works</h1>
          <p className="mt-3 text-slate-700">
            It has expired, was already used, or a newer invitation replaced it. Ask the admin who invited you
            to resend it; the new email has a fresh link.
          </p>
          <p className="mt-3">
            <Link href="/portal/sign-in" className="font-semibold text-brand-700 underline">
              Already set a password? Sign in
            </Link>
          </p>
        </>
      )}
    </main>
  );
}
