'use client';

import { ErrorPageBody, primaryAction, secondaryAction } from './ErrorPage';

/**
 * What a page that failed while rendering shows: what happened, a retry, the way home, and the
 * error's digest for support (the server logs it); never the error's message, which may carry internals.
 */
export function RenderError({
  digest,
  reset,
  whereSupport,
}: {
  digest: string | undefined;
  reset: () => void;
  /** Where the support address is, in words ("at the foot of this page"). */
  whereSupport: string;
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
      {digest ? (
        <p className="text-base">
          If it keeps happening, email the support address {whereSupport} and quote error reference{' '}
          <span className="font-mono font-semibold">{digest}</span>.
        </p>
      ) : null}
    </ErrorPageBody>
  );
}
