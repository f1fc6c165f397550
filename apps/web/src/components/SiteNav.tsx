'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';

const navLinks = [
  { href: '/#how-it-works', label: 'How it works' },
  { href: '/#states', label: 'States' },
  { href: '/#faq', label: 'FAQ' },
  { href: '/#clinicians', label: 'For clinicians' },
];

/**
 * The header's navigation. On a phone it collapses behind a "Menu" button (a disclosure: the button
 * says whether the list is open and which list it controls; Escape closes it and puts focus back on
 * the button; following a link closes it). From the `sm` breakpoint the list is always shown. The
 * patient "Sign up" button is left out on clinician pages, where it would send a clinician to the
 * patient form. Plain links, not `next/link`, as the header always had (no prefetching on `/`).
 */
export function SiteNav() {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const navRef = useRef<HTMLElement>(null);
  const menuId = useId();
  const pathname = usePathname() ?? '/';
  const forClinicians = pathname === '/clinicians' || pathname.startsWith('/clinicians/');

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    // A tap or click outside the open menu closes it, as people expect of a phone menu.
    const onPointerDown = (event: PointerEvent) => {
      if (!navRef.current?.contains(event.target as Node)) setOpen(false);
    };
    // Following one of its links (same-page anchors, mostly) closes it too.
    const onClick = (event: MouseEvent) => {
      if (
        (event.target as Element | null)?.closest?.('a') &&
        navRef.current?.contains(event.target as Node)
      ) {
        setOpen(false);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('click', onClick);
    };
  }, [open]);

  return (
    <nav ref={navRef} aria-label="Main" className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
        className="inline-flex min-h-11 min-w-11 items-center gap-2 rounded-md border border-slate-300 px-3 text-sm font-semibold text-slate-800 hover:bg-slate-50 sm:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5">
          <path
            d={open ? 'M5 5l10 10M15 5 5 15' : 'M3 5h14M3 10h14M3 15h14'}
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </svg>
        Menu
      </button>
      <ul
        id={menuId}
        className={`${open ? 'flex' : 'hidden'} absolute right-0 top-full z-40 mt-2 w-56 flex-col gap-1 rounded-lg border border-slate-200 bg-white p-2 text-base font-medium shadow-lg sm:static sm:mt-0 sm:flex sm:w-auto sm:flex-row sm:flex-wrap sm:items-center sm:gap-x-1 sm:gap-y-1 sm:border-0 sm:bg-transparent sm:p-0 sm:text-sm sm:shadow-none`}
      >
        {navLinks.map((link) => (
          <li key={link.href}>
            <a
              href={link.href}
              className="flex min-h-11 items-center rounded-md px-3 text-slate-700 hover:bg-brand-50 hover:text-brand-900 sm:inline-flex sm:min-h-0 sm:px-2 sm:py-1.5"
            >
              {link.label}
            </a>
          </li>
        ))}
        {forClinicians ? null : (
          <li className="sm:ml-1">
            <a
              href="/#signup"
              className="flex min-h-11 items-center justify-center rounded-md bg-brand-600 px-3 font-semibold text-white hover:bg-brand-700 sm:inline-flex sm:min-h-0 sm:py-1.5"
            >
              Sign up
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
