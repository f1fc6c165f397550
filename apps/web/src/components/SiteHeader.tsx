export function BrandMark({ className }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className={className}>
      <rect width="32" height="32" rx="9" fill="currentColor" />
      <path d="M16 7v18M7 16h18" stroke="white" strokeWidth="3.5" strokeLinecap="round" />
      <circle cx="16" cy="16" r="4.5" fill="white" />
    </svg>
  );
}

const navLinks = [
  { href: '/#how-it-works', label: 'How it works' },
  { href: '/#states', label: 'States' },
  { href: '/#faq', label: 'FAQ' },
  { href: '/#clinicians', label: 'For clinicians' },
];

/**
 * Site-wide header with the skip link; the marketing layout renders it once for every marketing page.
 * Plain links, not `next/link`: these pages are static documents, and the client router would add
 * its code and prefetch every linked page while the landing page loads.
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
        <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6 lg:px-8">
          <a href="/" className="inline-flex items-center gap-2.5 self-start rounded-md sm:self-auto">
            <BrandMark className="size-8 text-brand-600" />
            <span className="text-lg font-bold tracking-tight text-slate-900">{brandName}</span>
          </a>
          <nav aria-label="Main">
            <ul className="-mx-2 flex flex-wrap items-center gap-x-1 gap-y-1 text-sm font-medium">
              {navLinks.map((link) => (
                <li key={link.href}>
                  <a
                    href={link.href}
                    className="inline-block rounded-md px-2 py-1.5 text-slate-700 hover:bg-brand-50 hover:text-brand-900"
                  >
                    {link.label}
                  </a>
                </li>
              ))}
              <li className="ml-1">
                <a
                  href="/#signup"
                  className="inline-block rounded-md bg-brand-600 px-3 py-1.5 font-semibold text-white hover:bg-brand-700"
                >
                  Sign up
                </a>
              </li>
            </ul>
          </nav>
        </div>
      </header>
    </>
  );
}
