import {
  isUsStateCode,
  stateName,
  type UsStateCode,
  usStates,
  type WaitlistReason,
  waitlistConsentText,
} from '@telehealth/contracts';
import type { Metadata } from 'next';
import { CareNowNote } from '@/components/waitlist/CareNowNote';
import { NotifyMeFlow } from '@/components/waitlist/NotifyMeFlow';
import { publicConfig } from '@/server/env';

const { brandName, servedStates, privacyEmail } = publicConfig;

export const metadata: Metadata = {
  title: 'Hear when we can see you',
  description: `Under 18, or in a state ${brandName} does not serve yet? Leave your email and we will write once when that changes.`,
};

const unservedStates = (Object.keys(usStates) as UsStateCode[])
  .filter((code) => !servedStates.includes(code))
  .map((code) => ({ value: code, label: stateName(code) }))
  .sort((a, b) => a.label.localeCompare(b.label));

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The waitlist: for people we cannot serve yet. The signup form links here from its under-18 and
 * unserved-state errors with `?reason=under-18` or `?reason=state-not-served&state=OR`.
 */
export default async function NotifyMePage({
  searchParams,
}: {
  searchParams: Promise<{ reason?: string | string[]; state?: string | string[] }>;
}) {
  const params = await searchParams;
  const reasonParam = one(params.reason);
  const reason: WaitlistReason | undefined =
    reasonParam === 'under-18' || reasonParam === 'state-not-served' ? reasonParam : undefined;
  const stateParam = one(params.state)?.toUpperCase() ?? '';
  const state =
    isUsStateCode(stateParam) && !servedStates.includes(stateParam) ? (stateParam as UsStateCode) : undefined;
  return (
    <main id="main" className="bg-gradient-to-b from-brand-50 to-white">
      <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6 sm:py-16 lg:px-8">
        <h1 className="text-3xl font-bold tracking-tight text-balance text-slate-900 sm:text-4xl">
          Hear when we can see you
        </h1>
        <p className="mt-4 text-lg text-slate-700">
          We can&rsquo;t see patients under 18 yet, or in every state. Leave your email and we&rsquo;ll write
          to you once, when that changes. Nothing else, and you can remove your address at any time.
        </p>
        <div className="mt-8 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-8">
          <NotifyMeFlow
            consentText={waitlistConsentText(brandName)}
            unservedStates={unservedStates}
            initialReason={reason}
            initialState={state}
          />
        </div>
        <p className="mt-6 text-sm text-slate-600">
          We keep only your email, the reason and, if it is the reason, your state, with when you agreed; no
          name and no birth date. We delete the entry when you remove it or after two years. Questions? Email{' '}
          <a
            href={`mailto:${privacyEmail}`}
            className="font-medium break-words text-brand-700 underline underline-offset-2"
          >
            {privacyEmail}
          </a>
          .
        </p>
        <CareNowNote className="mt-4 text-sm text-slate-600" />
      </div>
    </main>
  );
}
