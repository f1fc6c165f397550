'use client';

import { RenderError } from '@/components/RenderError';

/** A page that failed while rendering, inside the marketing frame (header and footer stay). */
export default function MarketingError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <RenderError digest={error.digest} reset={reset} whereSupport="at the foot of this page" />;
}
