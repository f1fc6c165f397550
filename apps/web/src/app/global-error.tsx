'use client';

import { RenderError } from '@/components/RenderError';
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
        <RenderError digest={error.digest} reset={reset} whereSupport="on the home page" />
      </body>
    </html>
  );
}
