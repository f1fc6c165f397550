import type { Metadata } from 'next';
import { InviteStaffForm } from '@/components/portal/InviteStaffForm';
import { Card } from '@/components/portal/ui';
import { requireStaff } from '@/server/staff/auth';

export const metadata: Metadata = { title: 'Home' };

/** What each role will find in the portal, and which parts are built so far. */
const plans = {
  admin: ['Manage staff: list, disable, unlock, reset MFA, API tokens', 'Read the audit log'],
  clinician: ['See your visits and admit patients from the waiting room'],
  marketer: ['See the signup and application funnel (counts only)'],
} as const;

export default async function PortalHome() {
  const staff = await requireStaff();
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-bold tracking-tight">Staff portal</h1>
      <p className="mt-2 text-slate-700">
        You are signed in. Your session ends after 20 minutes without activity, and after 12 hours in any
        case.
      </p>
      {staff.role === 'admin' && (
        <section aria-labelledby="invite-title" className="mt-8">
          <Card>
            <h2 id="invite-title" className="text-xl font-bold">
              Invite a person
            </h2>
            <p className="mt-1 text-slate-700">
              They get an email with a link, valid for 72 hours, to choose a password. Admins and marketers
              then set up an authenticator app.
            </p>
            <InviteStaffForm />
          </Card>
        </section>
      )}
      <section aria-labelledby="coming-title" className="mt-8">
        <h2 id="coming-title" className="text-xl font-bold">
          Coming to the portal
        </h2>
        <p className="mt-1 text-slate-700">These pages are not built yet:</p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
          {plans[staff.role].map((plan) => (
            <li key={plan}>{plan}</li>
          ))}
          <li>In My account: managing your authenticator and passkeys, and seeing your sessions</li>
        </ul>
      </section>
    </main>
  );
}
