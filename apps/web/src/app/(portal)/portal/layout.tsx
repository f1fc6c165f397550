import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { publicConfig } from '@/server/env';

export const metadata: Metadata = {
  title: { default: 'Staff portal', template: `%s · Staff portal · ${publicConfig.brandName}` },
  robots: { index: false, follow: false },
};

/**
 * The portal's frame, shared by the pages before a session (sign-in, invitation) and the staff
 * pages. The session check is in `(staff)/layout.tsx` and in every staff page, never only here or
 * in the proxy (docs/portal.md).
 */
export default function PortalShell({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-50">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2"
      >
        Skip to content
      </a>
      {children}
    </div>
  );
}
