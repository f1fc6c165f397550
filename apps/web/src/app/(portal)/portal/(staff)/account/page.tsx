import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/portal/ChangePasswordForm';
import { Card } from '@/components/portal/ui';
import { requireStaff } from '@/server/staff/auth';
import { staffUsers } from '@/server/staff/repository';

export const metadata: Metadata = { title: 'My account' };

/** Every role: the account's details and the password change (which signs out everywhere). */
export default async function AccountPage() {
  const staff = await requireStaff();
  const user = await staffUsers().get(staff.userId);
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-bold tracking-tight">My account</h1>
      <dl className="mt-4 grid max-w-md grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-slate-800">
        <dt className="font-semibold">Email</dt>
        <dd>{user?.email}</dd>
        <dt className="font-semibold">Authenticator app</dt>
        <dd>{user?.totp ? 'Set up' : 'Not set up'}</dd>
      </dl>
      <section aria-labelledby="password-title" className="mt-8">
        <Card>
          <h2 id="password-title" className="text-xl font-bold">
            Change your password
          </h2>
          <p className="mt-1 text-slate-700">
            You will be signed out on every device and sign in again with the new password.
          </p>
          <ChangePasswordForm />
        </Card>
      </section>
    </main>
  );
}
