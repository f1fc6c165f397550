'use client';

import { ErrorPageBody, primaryAction, secondaryAction } from '@/components/ErrorPage';
import { BrandMark } from '@/components/SiteHeader';
import './globals.css';

/**
 * The last resort, when even the root layout failed: it replaces the whole document, so it draws its
 * own small frame. It runs in the browser and cannot read the server's configuration, so it names no
 * brand or address beyond the mark; the home page has both.
 */
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white font-sans text-slate-900 antialiased">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl items-center px-4 py-3 sm:px-6 lg:px-8">
            <a href="/" className="inline-flex min-h-11 items-center rounded-md" aria-label="Home page">
              <BrandMark className="size-8 text-brand-600" />
            </a>
          </div>
        </header>
        <ErrorPageBody
          eyebrow="Something went wrong"
          title="This page could not be shown"
          actions={
            <>
              <button type="button" onClick={reset} className={primaryAction}>
                Try again
              </button>
              <a href="/" className={secondaryAction}>
                Go to the home page
              </a>
            </>
          }
        >
          <p>Something went wrong on our side. Please try again in a moment.</p>
          {error.digest ? (
            <p className="text-base">
              If it keeps happening, contact support from the home page and quote error reference{' '}
              <span className="font-mono font-semibold">{error.digest}</span>.
            </p>
          ) : null}
        </ErrorPageBody>
      </body>
    </html>
  );
}
