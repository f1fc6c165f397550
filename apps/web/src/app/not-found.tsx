import type { Metadata } from 'next';
import { ErrorPageBody, primaryAction, secondaryAction } from '@/components/ErrorPage';
import { SupportEmailLink } from '@/components/LegalPage';
import { SiteFooter } from '@/components/SiteFooter';
import { SiteHeader } from '@/components/SiteHeader';
import { publicConfig } from '@/server/env';

const { brandName, supportEmail } = publicConfig;

export const metadata: Metadata = { title: 'Page not found', robots: { index: false } };

/** Every unknown address: the site's own frame, what happened and the ways back (404 status). */
export default function NotFound() {
  return (
    <>
      <SiteHeader brandName={brandName} />
      <ErrorPageBody
        eyebrow="Error 404"
        title="We can’t find that page"
        actions={
          <>
            <a href="/" className={primaryAction}>
              Go to the home page
            </a>
            <a href="/clinicians/apply" className={secondaryAction}>
              Clinician application
            </a>
          </>
        }
      >
        <p>The link may be mistyped, or the page may have moved. Nothing you entered has been lost.</p>
        <p>
          If you followed a link from one of our emails and it does not work, email{' '}
          <SupportEmailLink email={supportEmail} />.
        </p>
      </ErrorPageBody>
      <SiteFooter brandName={brandName} supportEmail={supportEmail} />
    </>
  );
}
