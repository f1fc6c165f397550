'use client';

import { ErrorPageBody, primaryAction, secondaryAction } from '@/components/ErrorPage';

/**
 * A page that failed while rendering, inside the marketing frame (header and footer stay). Says what
 * to do, offers a retry, and names the error's digest so support can find the server's log line;
 * never the error's message, which may carry internals.
 */
export default function MarketingError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
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
      <p>
        Something went wrong on our side. Please try again in a moment; answers you already gave on a form in
        this browser are kept.
      </p>
      {error.digest ? (
        <p className="text-base">
          If it keeps happening, email the support address at the foot of this page and quote error reference{' '}
          <span className="font-mono font-semibold">{error.digest}</span>.
        </p>
      ) : null}
    </ErrorPageBody>
  );
}
