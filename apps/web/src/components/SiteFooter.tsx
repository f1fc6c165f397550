import { BrandMark } from './SiteHeader';

/** Site-wide footer; the marketing layout renders it once for every marketing page. */
export function SiteFooter({ brandName, supportEmail }: { brandName: string; supportEmail: string }) {
  return (
    <footer className="border-t border-slate-200 bg-slate-50">
      <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 text-sm text-slate-700 sm:grid-cols-2 sm:px-6 lg:px-8">
        <div>
          <p className="inline-flex items-center gap-2 font-semibold text-slate-900">
            <BrandMark className="size-6 text-brand-600" />
            {brandName}
          </p>
          <p className="mt-3 max-w-sm">
            Video visits with licensed clinicians. Not for emergencies: if you have a medical emergency, call
            911.
          </p>
        </div>
        <div className="sm:justify-self-end">
          <h2 className="sr-only">Site links</h2>
          <ul className="space-y-2">
            <li>
              <a href="/privacy" className="underline underline-offset-2 hover:text-brand-700">
                Privacy notice
              </a>
            </li>
            <li>
              <a href="/privacy-practices" className="underline underline-offset-2 hover:text-brand-700">
                Notice of Privacy Practices
              </a>
            </li>
            <li>
              <a href="/telehealth-consent" className="underline underline-offset-2 hover:text-brand-700">
                Telehealth consent
              </a>
            </li>
            <li>
              <a href="/terms" className="underline underline-offset-2 hover:text-brand-700">
                Terms of use
              </a>
            </li>
            <li>
              Support:{' '}
              <a
                href={`mailto:${supportEmail}`}
                className="underline underline-offset-2 hover:text-brand-700"
              >
                {supportEmail}
              </a>
            </li>
          </ul>
        </div>
      </div>
    </footer>
  );
}
