import { SiteNav } from './SiteNav';

export function BrandMark({ className }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className={className}>
      <rect width="32" height="32" rx="9" fill="currentColor" />
      <path d="M16 7v18M7 16h18" stroke="white" strokeWidth="3.5" strokeLinecap="round" />
      <circle cx="16" cy="16" r="4.5" fill="white" />
    </svg>
  );
}

/**
 * Site-wide header with the skip link; the marketing layout renders it once for every marketing page.
 * Plain links, not `next/link`: these pages are static documents, and the client router would add
 * its code and prefetch every linked page while the landing page loads. The navigation (`SiteNav`) is
 * the one small client part: a menu button on a phone.
 */
export function SiteHeader({ brandName }: { brandName: string }) {
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:font-semibold focus:text-brand-700 focus:shadow-lg"
      >
        Skip to main content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-3 sm:py-4 sm:px-6 lg:px-8">
          <a href="/" className="inline-flex min-h-11 items-center gap-2.5 rounded-md">
            <BrandMark className="size-8 text-brand-600" />
            <span className="text-lg font-bold tracking-tight text-slate-900">{brandName}</span>
          </a>
          <SiteNav />
        </div>
      </header>
    </>
  );
}
