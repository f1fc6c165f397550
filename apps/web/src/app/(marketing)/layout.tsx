import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/SiteFooter';
import { SiteHeader } from '@/components/SiteHeader';
import { publicConfig } from '@/server/env';

const { brandName, supportEmail } = publicConfig;

/**
 * The marketing pages' frame: the skip link and header, the page (each page renders its own
 * `<main id="main">`, the skip link's target), and the footer.
 */
export default function MarketingLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader brandName={brandName} />
      {children}
      <SiteFooter brandName={brandName} supportEmail={supportEmail} />
    </>
  );
}
