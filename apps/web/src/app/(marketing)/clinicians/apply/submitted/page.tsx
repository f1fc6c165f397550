import type { Metadata } from 'next';
import { CheckCircleIcon } from '@/components/CheckCircleIcon';
import { CREDENTIALING_TIME } from '@/server/applications/timeline';
import { publicConfig } from '@/server/env';

const { brandName, supportEmail } = publicConfig;

export const metadata: Metadata = {
  title: 'Application received',
  robots: { index: false },
};

/** Reference numbers are short runs of letters and digits joined by hyphens, like `CA-7K3P-9QXA`. */
function referenceFrom(value: string | string[] | undefined): string | undefined {
  const ref = Array.isArray(value) ? value[0] : value;
  const trimmed = ref?.trim().toUpperCase();
  return trimmed && trimmed.length <= 32 && /^[A-Z0-9]+(-[A-Z0-9]+)*$/.test(trimmed) ? trimmed : undefined;
}

const nextSteps = [
  `We verify your licenses, NPI, DEA registration, board certification and malpractice insurance with the bodies that issued them. This usually takes ${CREDENTIALING_TIME}, because we wait on their answers.`,
  'We’ll email you if we need anything else from you.',
  'Once you are approved, we’ll email you an invitation to the clinician portal.',
];

export default async function ApplicationSubmittedPage({
  searchParams,
}: {
  searchParams: Promise<{ ref?: string | string[] }>;
}) {
  const reference = referenceFrom((await searchParams).ref);
  return (
    <main id="main" className="bg-gradient-to-b from-brand-50 to-white">
      <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6 sm:py-16 lg:px-8">
        {reference ? (
          <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
            <h1 className="flex items-center gap-3 text-3xl font-bold tracking-tight text-slate-900">
              <CheckCircleIcon className="size-9 shrink-0 text-brand-600" />
              Application received
            </h1>
            <p className="mt-4 text-lg text-slate-700">
              Thank you for applying to join the {brandName} clinical network. We&rsquo;ve emailed you a
              confirmation.
            </p>
            <div className="mt-6 rounded-lg border-2 border-brand-600 bg-brand-50 p-5 text-center">
              <p className="text-sm font-semibold uppercase tracking-wide text-brand-900">
                Your reference number
              </p>
              <p className="mt-1 font-mono text-3xl font-bold tracking-widest text-slate-900">{reference}</p>
              <p className="mt-2 text-sm text-slate-700">
                Quote it if you contact us about your application.
              </p>
            </div>
            <h2 className="mt-8 text-xl font-semibold text-slate-900">What happens next</h2>
            <ol className="mt-3 list-decimal space-y-2 pl-5 text-slate-700">
              {nextSteps.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ol>
            <p className="mt-6 text-slate-700">
              Questions? Email{' '}
              <a
                href={`mailto:${supportEmail}`}
                className="font-medium break-words text-brand-700 underline underline-offset-2"
              >
                {supportEmail}
              </a>{' '}
              and include your reference number.
            </p>
          </div>
        ) : (
          <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
            <h1 className="text-3xl font-bold tracking-tight text-slate-900">
              We can&rsquo;t show a reference number here
            </h1>
            <p className="mt-4 text-slate-700">
              This page confirms a submitted application, but the link is missing its reference number. If you
              submitted an application, we&rsquo;ve emailed you its reference number; check your inbox (and
              your spam or junk folder).
            </p>
            <p className="mt-4 text-slate-700">
              If you haven&rsquo;t applied yet, or your application was not sent, you can continue on the
              application form: answers you already gave in this browser are kept.
            </p>
            <a
              href="/clinicians/apply"
              className="mt-6 inline-flex items-center justify-center rounded-md bg-brand-600 px-5 py-3 text-base font-semibold text-white shadow-sm hover:bg-brand-700"
            >
              Go to the application form
            </a>
          </div>
        )}
      </div>
    </main>
  );
}
