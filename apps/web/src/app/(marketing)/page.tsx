import { MINIMUM_PATIENT_AGE, stateName } from '@telehealth/contracts';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SignupFlow } from '@/components/SignupFlow';
import { publicConfig } from '@/server/env';

const { brandName, servedStates, supportEmail } = publicConfig;

export const metadata: Metadata = {
  title: { absolute: `${brandName}: see a licensed clinician by video` },
  description: `Sign up in two minutes and see a clinician licensed in your state by video, from a link in your email. Now serving ${servedStates.length} states.`,
};

const stateNames = servedStates.map(stateName).sort((a, b) => a.localeCompare(b));

/** "California, New York and Texas" */
function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const steps = [
  {
    title: 'Sign up and confirm your email',
    body: 'Tell us your name, contact details, date of birth and state. Then enter the 6-digit code we email you.',
  },
  {
    title: 'Book a video visit',
    body: 'We’ll email you when you can book your first visit with a clinician licensed in your state.',
  },
  {
    title: 'Meet your clinician by video',
    body: 'At visit time, open the link in your email on a phone, tablet or computer with a camera. Nothing to install.',
  },
];

function CheckIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 size-5 shrink-0 text-brand-600">
      <path
        d="m5 10.5 3.2 3.2L15 7"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function Faq({ question, children }: { question: string; children: ReactNode }) {
  return (
    <details className="group rounded-lg border border-slate-200 bg-white open:shadow-sm">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-4 rounded-lg px-5 py-4 font-semibold text-slate-900 hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
        {question}
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className="size-5 shrink-0 text-brand-700 transition-transform group-open:rotate-45"
        >
          <path d="M10 4v12M4 10h12" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </summary>
      <div className="space-y-3 px-5 pb-5 text-slate-700">{children}</div>
    </details>
  );
}

/**
 * An illustration of the visit email, not a working control: one image for assistive tech, named as an
 * example (the steps below say the same in words), with a visible "Example" tag. The "button" in it is
 * drawn as a flat, dashed outline that cannot be focused or tapped, so nobody mistakes it for a real one.
 */
function VisitEmailIllustration() {
  return (
    <div
      role="img"
      aria-label="Example of a visit card: your clinician will see you today, and you join from a link"
      className="relative mx-auto w-full max-w-sm select-none"
    >
      <div aria-hidden="true">
        <div className="absolute -inset-4 -z-10 rotate-3 rounded-3xl bg-brand-100" />
        <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-xl">
          <div className="flex items-center gap-3 border-b border-slate-100 pb-4">
            <span className="flex size-10 items-center justify-center rounded-full bg-brand-600 text-lg font-bold text-white">
              {brandName.charAt(0)}
            </span>
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-semibold text-slate-900">{brandName}</p>
              <p className="text-sm text-slate-600">Your video visit is ready</p>
            </div>
            <span className="shrink-0 rounded-full bg-slate-100 px-2.5 py-1 text-xs font-semibold uppercase tracking-wide text-slate-700">
              Example
            </span>
          </div>
          <p className="mt-4 text-sm text-slate-700">
            Hello Sam, your clinician will see you today at 3:30 pm.
          </p>
          <div className="pointer-events-none mt-4 flex items-center justify-center gap-2 rounded-lg border-2 border-dashed border-slate-300 px-4 py-3 text-sm font-medium text-brand-900">
            <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5">
              <rect x="2" y="6" width="14" height="12" rx="2.5" fill="currentColor" />
              <path d="m17 10.5 5-3v9l-5-3z" fill="currentColor" />
            </svg>
            Your visit link goes here
          </div>
          <p className="mt-4 text-sm text-slate-600">Works in your browser. No app to install.</p>
        </div>
      </div>
      <p aria-hidden="true" className="mt-6 text-center text-sm text-slate-600">
        Example of the email you get at visit time
      </p>
    </div>
  );
}

export default function LandingPage() {
  return (
    <main id="main">
      <section
        aria-labelledby="hero-heading"
        className="overflow-x-clip bg-gradient-to-b from-brand-50 to-white"
      >
        <div className="mx-auto grid max-w-6xl items-center gap-12 px-4 py-14 sm:px-6 sm:py-20 lg:grid-cols-2 lg:px-8">
          <div>
            <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">
              Video visits in {servedStates.length} states
            </p>
            <h1
              id="hero-heading"
              className="mt-3 text-4xl font-bold tracking-tight text-balance text-slate-900 sm:text-5xl"
            >
              See a licensed clinician by video, without leaving home
            </h1>
            <p className="mt-5 max-w-xl text-lg text-slate-700">
              Sign up in two minutes, confirm your email, and meet a clinician licensed in your state. When
              it&rsquo;s time, your visit link arrives by email; there is nothing to install.
            </p>
            <div className="mt-8 flex flex-col gap-3 sm:flex-row">
              <a
                href="#signup"
                className="inline-flex items-center justify-center rounded-md bg-brand-600 px-6 py-3 text-base font-semibold text-white shadow-sm hover:bg-brand-700"
              >
                Get started
              </a>
              <a
                href="#how-it-works"
                className="inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-6 py-3 text-base font-semibold text-slate-800 hover:bg-slate-50"
              >
                How it works
              </a>
            </div>
            <ul className="mt-8 space-y-2 text-slate-700">
              <li className="flex gap-2">
                <CheckIcon />
                Clinicians licensed in the state where you are
              </li>
              <li className="flex gap-2">
                <CheckIcon />
                Works on a phone, tablet or computer with a camera
              </li>
              <li className="flex gap-2">
                <CheckIcon />
                Your details are kept private and never sold
              </li>
            </ul>
            <p className="mt-6 text-sm text-slate-600">
              Not for emergencies. If you have a medical emergency, call 911.
            </p>
          </div>
          <VisitEmailIllustration />
        </div>
      </section>

      <section id="how-it-works" aria-labelledby="how-heading" className="scroll-mt-4 py-16 sm:py-20">
        <div className="mx-auto max-w-6xl px-4 sm:px-6 lg:px-8">
          <h2 id="how-heading" className="text-3xl font-bold tracking-tight text-slate-900">
            How it works
          </h2>
          <p className="mt-3 max-w-2xl text-lg text-slate-700">
            Three steps from signing up to seeing someone.
          </p>
          <ol className="mt-10 grid gap-6 md:grid-cols-3">
            {steps.map((step, index) => (
              <li key={step.title} className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
                <span
                  aria-hidden="true"
                  className="flex size-10 items-center justify-center rounded-full bg-brand-100 text-lg font-bold text-brand-900"
                >
                  {index + 1}
                </span>
                <h3 className="mt-4 text-lg font-semibold text-slate-900">{step.title}</h3>
                <p className="mt-2 text-slate-700">{step.body}</p>
              </li>
            ))}
          </ol>
        </div>
      </section>

      <section
        id="states"
        aria-labelledby="states-heading"
        className="scroll-mt-4 bg-brand-50 py-16 sm:py-20"
      >
        <div className="mx-auto max-w-6xl px-4 sm:px-6 lg:px-8">
          <h2 id="states-heading" className="text-3xl font-bold tracking-tight text-slate-900">
            Where we offer care
          </h2>
          <p className="mt-3 max-w-2xl text-lg text-slate-700">
            Our clinicians can see you while you are in one of these states. We&rsquo;re adding more.
          </p>
          <ul className="mt-8 flex flex-wrap gap-3">
            {stateNames.map((name) => (
              <li
                key={name}
                className="rounded-full border border-brand-100 bg-white px-4 py-2 font-medium text-brand-900 shadow-sm"
              >
                {name}
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section id="signup" aria-label="Sign up" className="scroll-mt-4 bg-slate-50 py-16 sm:py-20">
        <div className="mx-auto grid max-w-6xl gap-10 px-4 sm:px-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] lg:px-8">
          <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
            <SignupFlow brandName={brandName} servedStates={servedStates} />
          </div>
          <aside aria-labelledby="signup-aside-heading" className="lg:pt-8">
            <h3 id="signup-aside-heading" className="text-lg font-semibold text-slate-900">
              Good to know
            </h3>
            <ul className="mt-4 space-y-3 text-slate-700">
              <li className="flex gap-2">
                <CheckIcon />
                Signing up is free and does not commit you to a visit.
              </li>
              <li className="flex gap-2">
                <CheckIcon />
                You must be {MINIMUM_PATIENT_AGE} or older and live in a state we serve.
              </li>
              <li className="flex gap-2">
                <CheckIcon />
                <span>
                  We use your details only to arrange your care. Read our{' '}
                  <a href="/privacy" className="font-medium text-brand-700 underline underline-offset-2">
                    privacy notice
                  </a>
                  .
                </span>
              </li>
              <li className="flex gap-2">
                <CheckIcon />
                <span>
                  Need help? Email{' '}
                  <a
                    href={`mailto:${supportEmail}`}
                    className="font-medium break-words text-brand-700 underline underline-offset-2"
                  >
                    {supportEmail}
                  </a>
                </span>
              </li>
            </ul>
          </aside>
        </div>
      </section>

      <section id="faq" aria-labelledby="faq-heading" className="scroll-mt-4 py-16 sm:py-20">
        <div className="mx-auto max-w-3xl px-4 sm:px-6 lg:px-8">
          <h2 id="faq-heading" className="text-3xl font-bold tracking-tight text-slate-900">
            Frequently asked questions
          </h2>
          <div className="mt-8 space-y-3">
            <Faq question="How much does it cost? Do you take insurance?">
              <p>
                Signing up is free. We don&rsquo;t accept insurance yet. Before you book a visit we&rsquo;ll
                show you its price, and you decide then; you are never charged for signing up.
              </p>
            </Faq>
            <Faq question="What do I need for a video visit?">
              <p>
                A phone, tablet or computer with a camera and microphone, an up-to-date web browser, and a
                reasonably good internet connection. There is no app to install: you join from the link in
                your email. Find a quiet, private place for your visit.
              </p>
            </Faq>
            <Faq question="How do you protect my privacy?">
              <p>
                We collect only what we need to arrange your care, send it over encrypted connections, and let
                only the people caring for you see it. The codes and visit links we email you are stored only
                as secure hashes. We never sell your information or use it for advertising.
              </p>
              <p>
                Read the{' '}
                <a href="/privacy" className="font-medium text-brand-700 underline underline-offset-2">
                  privacy notice
                </a>{' '}
                for the details.
              </p>
            </Faq>
            <Faq question="Who are the clinicians?">
              <p>
                Physicians, nurse practitioners and physician assistants licensed in the state where you are.
                Before anyone joins our network we check their licenses, board certification and malpractice
                insurance.
              </p>
            </Faq>
            <Faq question="Which states do you serve?">
              <p>
                {listInWords(stateNames)}. You need to be in one of these states at the time of your visit,
                because clinicians may only treat patients in states where they are licensed.
              </p>
            </Faq>
            <Faq question="Can I use this in an emergency?">
              <p>
                No. If you have a medical emergency, call 911 or go to the nearest emergency room. If you are
                in crisis, call or text 988.
              </p>
            </Faq>
          </div>
        </div>
      </section>

      <section id="clinicians" aria-labelledby="clinicians-heading" className="scroll-mt-4 bg-brand-900">
        <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-14 sm:px-6 md:flex-row md:items-center md:justify-between lg:px-8">
          <div className="max-w-2xl">
            <h2 id="clinicians-heading" className="text-2xl font-bold tracking-tight text-white sm:text-3xl">
              Are you a licensed clinician?
            </h2>
            <p className="mt-3 text-brand-50">
              See patients by video in the states where you are licensed. Apply online and upload your
              credentials; our team reviews every application.
            </p>
          </div>
          <a
            href="/clinicians/apply"
            className="inline-flex shrink-0 items-center justify-center rounded-md bg-white px-6 py-3 text-base font-semibold text-brand-900 shadow-sm hover:bg-brand-50"
          >
            Join our clinical network
          </a>
        </div>
      </section>
    </main>
  );
}
