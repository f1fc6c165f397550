import { MAX_DOCUMENT_BYTES } from '@telehealth/contracts';
import type { Metadata } from 'next';
import { ClinicianApplicationForm } from '@/components/clinician-application/ClinicianApplicationForm';
import { publicConfig } from '@/server/env';

const { brandName, servedStates, supportEmail } = publicConfig;

export const metadata: Metadata = {
  title: 'Apply to join our clinical network',
  description: `Apply to see patients by video with ${brandName}: your licenses, NPI, DEA, board certification, malpractice insurance and CV, in one sitting.`,
};

const youWillNeed = [
  'Your NPI and the number and expiry date of each state license',
  'A copy of each license, your malpractice insurance face sheet and your CV',
  'Your DEA registration for each state and your board certificate, if you have them',
  'Your work history, with the months you started and left each job',
];

export default function ClinicianApplyPage() {
  return (
    <main id="main" className="bg-gradient-to-b from-brand-50 to-white">
      <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6 sm:py-16 lg:px-8">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">For clinicians</p>
        <h1 className="mt-3 text-3xl font-bold tracking-tight text-balance text-slate-900 sm:text-4xl">
          Apply to join our clinical network
        </h1>
        <p className="mt-4 text-lg text-slate-700">
          It takes about 20 minutes. We verify every credential with the body that issued it, and our team
          reviews every application.
        </p>
        <div className="mt-8 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-8">
          <ClinicianApplicationForm
            brandName={brandName}
            servedStates={servedStates}
            intro={
              <div className="mb-8 rounded-lg border border-brand-100 bg-brand-50 p-5">
                <h2 className="font-semibold text-slate-900">Have these ready</h2>
                <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
                  {youWillNeed.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ul>
                <p className="mt-3 text-sm text-slate-600">
                  Documents can be PDF, JPEG or PNG files of up to {MAX_DOCUMENT_BYTES / (1024 * 1024)} MB
                  each.
                </p>
              </div>
            }
          />
        </div>
        <p className="mt-6 text-sm text-slate-600">
          Questions about applying? Email{' '}
          <a
            href={`mailto:${supportEmail}`}
            className="font-medium break-words text-brand-700 underline underline-offset-2"
          >
            {supportEmail}
          </a>
          .
        </p>
      </div>
    </main>
  );
}
