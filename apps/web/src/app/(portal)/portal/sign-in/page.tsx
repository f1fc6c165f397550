import type { Metadata } from 'next';
import { StaffSignIn } from '@/components/portal/StaffSignIn';
import { Card } from '@/components/portal/ui';
import { publicConfig } from '@/server/env';

export const metadata: Metadata = { title: 'Sign in' };

/** Staff sign-in: email and password, then the second step the account needs. */
export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ signedOut?: string; expired?: string; passwordChanged?: string }>;
}) {
  const { signedOut, expired, passwordChanged } = await searchParams;
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-10 sm:py-16">
      <p className="text-lg font-bold text-brand-700">{publicConfig.brandName}</p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">Sign in to the staff portal</h1>
      {signedOut && (
        <p role="status" className="mt-3 text-slate-700">
          You are signed out on every device.
        </p>
      )}
      {passwordChanged && (
        <p role="status" className="mt-3 text-slate-700">
          Your password is changed and you are signed out everywhere. Sign in with the new password.
        </p>
      )}
      {expired && (
        <p role="status" className="mt-3 text-slate-700">
          Your session ended. Please sign in again.
        </p>
      )}
      <div className="mt-6">
        <Card>
          <StaffSignIn mode="sign-in" />
        </Card>
      </div>
      <p className="mt-6 text-sm text-slate-600">
        New here? Use the invitation link in your email. Forgot your password? Ask an admin for now.
      </p>
    </main>
  );
}
