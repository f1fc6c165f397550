import Link from 'next/link';
import type { ReactNode } from 'react';
import { SessionKeeper } from '@/components/portal/SessionKeeper';
import { SignOutButton } from '@/components/portal/SignOutButton';
import { publicConfig } from '@/server/env';
import { requireStaff } from '@/server/staff/auth';
import { staffUsers } from '@/server/staff/repository';

const roleNames = { admin: 'Admin', clinician: 'Clinician', marketer: 'Marketer' } as const;

/**
 * The signed-in frame: checks the session on the server (no session → the sign-in page), then the
 * header with the person's name and role, the navigation for the role, and sign-out. Each page
 * checks again for its own roles.
 */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const staff = await requireStaff();
  const user = await staffUsers().get(staff.userId);
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/portal" className="text-lg font-bold text-brand-700">
            {publicConfig.brandName} <span className="font-normal text-slate-700">staff portal</span>
          </Link>
          <div className="flex items-center gap-3">
            <p className="text-sm text-slate-700">
              {user?.name}{' '}
              <span className="rounded bg-brand-50 px-2 py-0.5 text-brand-900">{roleNames[staff.role]}</span>
            </p>
            <SignOutButton />
          </div>
        </div>
        <nav aria-label="Portal" className="mx-auto max-w-5xl px-4 pb-2">
          <ul className="flex flex-wrap gap-4 text-sm">
            <li>
              <Link
                href="/portal"
                className="font-semibold text-brand-700 underline-offset-4 hover:underline"
              >
                Home
              </Link>
            </li>
            {staff.role === 'admin' && (
              <li>
                <Link
                  href="/portal/applications"
                  className="font-semibold text-brand-700 underline-offset-4 hover:underline"
                >
                  Applications
                </Link>
              </li>
            )}
            <li>
              <Link
                href="/portal/account"
                className="font-semibold text-brand-700 underline-offset-4 hover:underline"
              >
                My account
              </Link>
            </li>
          </ul>
        </nav>
      </header>
      <SessionKeeper />
      {children}
    </>
  );
}
