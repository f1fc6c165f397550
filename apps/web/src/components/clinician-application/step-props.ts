import { type UsStateCode, usStates } from '@telehealth/contracts';
import type { ReactNode } from 'react';
import type { ApplicationDraft, DocumentSlot } from './draft';
import { fieldId } from './step-definitions';

export interface DocumentSlotSpec {
  slot: DocumentSlot;
  /** The contract's issue path for the slot, e.g. `documents.license.0`. */
  path: string;
  label: string;
  hint?: string;
}

/** What every step gets from the form. */
export interface StepProps {
  draft: ApplicationDraft;
  servedStates: readonly UsStateCode[];
  brandName: string;
  /** YYYY-MM-DD (UTC), known only in the browser. */
  today: string;
  error: (path: string) => string | undefined;
  /** Applies a change made through the control at `path` (re-checking errors already shown). */
  change: (path: string, update: (draft: ApplicationDraft) => ApplicationDraft) => void;
  renderDocument: (spec: DocumentSlotSpec) => ReactNode;
  /** Cancels the slot's upload and forgets its document (a license was removed, say). */
  forgetDocument: (slot: DocumentSlot) => void;
  requestFocus: (id: string) => void;
}

/**
 * Leaving a field checks nothing: a message that appeared on blur pushed the buttons below it down
 * between press and release, so the click on Continue landed on nothing (issue 8). Errors appear when
 * the step is submitted (the GOV.UK pattern) and update, or clear, as the clinician edits the field.
 */
const leaveField = () => {};

/** The props of a text-like field bound to a draft value. */
export function bind(
  props: Pick<StepProps, 'error' | 'change'>,
  path: string,
  value: string,
  set: (draft: ApplicationDraft, value: string) => ApplicationDraft,
) {
  return {
    id: fieldId(path),
    name: path,
    value,
    error: props.error(path),
    onChange: (next: string) => props.change(path, (draft) => set(draft, next)),
    onBlur: leaveField,
  };
}

export const allStateOptions = Object.entries(usStates)
  .map(([value, label]) => ({ value, label }))
  .sort((a, b) => a.label.localeCompare(b.label));

/** `2030-06-30` → `June 30, 2030`; anything else as given. */
export function formatIsoDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return parsed.toLocaleDateString('en-US', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
}

/** `2021-09` → `September 2021`; anything else as given. */
export function formatMonth(month: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return month;
  const parsed = new Date(`${month}-01T00:00:00Z`);
  return parsed.toLocaleDateString('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long' });
}

export const sectionClass = 'rounded-lg border border-slate-200 p-4 sm:p-5';
export const legendClass = 'px-1 text-base font-semibold text-slate-900';
export const linkButtonClass =
  'inline-flex min-h-11 items-center rounded-md border border-brand-700 bg-white px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50 disabled:cursor-not-allowed disabled:opacity-60';
