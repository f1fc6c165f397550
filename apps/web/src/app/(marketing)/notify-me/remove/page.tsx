import type { Metadata } from 'next';
import { RemoveFromWaitlist } from '@/components/waitlist/RemoveFromWaitlist';

export const metadata: Metadata = { title: 'Remove your address', robots: { index: false } };

/** Where the confirmation email's removal link lands; the link's details stay in its fragment. */
export default function RemoveFromWaitlistPage() {
  return (
    <main id="main" className="bg-gradient-to-b from-brand-50 to-white">
      <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6 sm:py-16 lg:px-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">Remove your address</h1>
        <div className="mt-6 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-8">
          <RemoveFromWaitlist />
        </div>
      </div>
    </main>
  );
}
