'use client';

import { type ChangeEvent, useEffect, useRef } from 'react';
import { CheckCircleIcon } from '../CheckCircleIcon';
import type { StoredDocument } from './draft';
import { ACCEPT_ATTRIBUTE, formatBytes } from './uploads';
import type { UploadState } from './use-document-uploads';

export interface DocumentUploadProps {
  /** The file input's id: `fieldId` of the slot's issue path, so errors link to it. */
  id: string;
  label: string;
  hint?: string;
  document: StoredDocument | undefined;
  upload: UploadState | undefined;
  /** A validation message for the slot (missing document, or the server could not verify it). */
  error: string | undefined;
  /** Until the draft has its id, nothing can be presigned. */
  disabled: boolean;
  onChoose: (file: File) => void;
  onRetry: () => void;
  onCancel: () => void;
  onRemove: () => void;
}

/** 44 px high at least: a tap target a finger can hit (Replace, Remove, Cancel, Retry). */
const secondaryButton =
  'inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border border-brand-700 bg-white px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50';

/** The label that stands in for the browser's "Choose File / No file chosen", styled as a button. */
const chooseButton =
  'mt-3 inline-flex min-h-11 cursor-pointer items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-700 peer-disabled:cursor-not-allowed peer-disabled:opacity-70';

/**
 * One document slot: choose a file, watch it upload straight to storage, then Replace or Remove it.
 * A failed upload offers Retry for this file only; a refused file says why beside the input.
 */
export function DocumentUpload(props: DocumentUploadProps) {
  const { id, label, document: uploaded, upload, error, disabled } = props;
  const inputRef = useRef<HTMLInputElement>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const retryRef = useRef<HTMLButtonElement>(null);
  const replaceRef = useRef<HTMLButtonElement>(null);
  // Whether keyboard focus was in this slot, so it can follow the controls as they come and go.
  const hadFocus = useRef(false);

  const uploading = upload?.status === 'uploading' ? upload : undefined;
  const failed = upload?.status === 'failed' ? upload : undefined;
  const refused = upload?.status === 'refused' ? upload : undefined;
  const message = refused?.message ?? error;
  const showInput = !uploading && (!uploaded || Boolean(message) || Boolean(failed));
  const phase = uploading ? 'uploading' : failed ? 'failed' : uploaded && !showInput ? 'uploaded' : 'choose';
  // The ✓ means "this file is accepted": never beside a message that says otherwise (a file the
  // server refused to verify, or a newer choice refused while an earlier file is still attached).
  const accepted = uploaded && !failed && !message;

  useEffect(() => {
    const wrapper = wrapperRef.current;
    if (!wrapper) return;
    const focusIn = () => {
      hadFocus.current = true;
    };
    // Moving to a control outside the slot; a control that vanished blurs with no related target.
    const focusOut = (event: FocusEvent) => {
      if (event.relatedTarget && !wrapper.contains(event.relatedTarget as Node)) hadFocus.current = false;
    };
    wrapper.addEventListener('focusin', focusIn);
    wrapper.addEventListener('focusout', focusOut);
    return () => {
      wrapper.removeEventListener('focusin', focusIn);
      wrapper.removeEventListener('focusout', focusOut);
    };
  }, []);

  // When the control that had focus goes away (the input while uploading, Cancel when done), focus
  // moves to the control that replaced it instead of falling back to the page.
  useEffect(() => {
    const active = globalThis.document?.activeElement as HTMLElement | null | undefined;
    const lost =
      !active ||
      active === globalThis.document.body ||
      !active.isConnected ||
      (wrapperRef.current?.contains(active) && active.closest('[hidden]') !== null);
    if (!hadFocus.current || !lost) return;
    const target =
      phase === 'uploading'
        ? cancelRef.current
        : phase === 'failed'
          ? retryRef.current
          : phase === 'uploaded'
            ? replaceRef.current
            : inputRef.current;
    target?.focus();
  }, [phase]);

  function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // Cleared so choosing the same file again (after Remove, say) still fires a change.
    event.target.value = '';
    if (file) props.onChoose(file);
  }

  const percent =
    uploading && uploading.total > 0 ? Math.round((uploading.loaded / uploading.total) * 100) : 0;
  const describedBy = [`${id}-hint`, message ? `${id}-error` : ''].filter(Boolean).join(' ');

  return (
    <div ref={wrapperRef} className="rounded-lg border border-slate-300 bg-slate-50 p-4">
      {/* Names the file input (aria-labelledby); the visible <label> below is its button. */}
      <p id={`${id}-label`} className="block text-sm font-semibold text-slate-800">
        {label}
      </p>
      <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-600">
        {props.hint ?? 'PDF, JPEG or PNG, 10 MB or smaller.'}
      </p>

      <div role="status" className="text-sm text-slate-800 empty:hidden">
        {uploading ? (
          <p className="mt-3">
            {uploading.phase === 'preparing' ? 'Preparing to upload' : 'Uploading'}{' '}
            <span className="font-medium break-all">{uploading.fileName}</span>…
          </p>
        ) : accepted ? (
          <p className="mt-3 flex items-start gap-2">
            <CheckCircleIcon drawing="small" className="mt-0.5 size-5 shrink-0 text-brand-600" />
            <span className="break-all">
              <span className="font-semibold">Uploaded:</span> {uploaded.fileName} (
              {formatBytes(uploaded.size)})
            </span>
          </p>
        ) : uploaded && !failed ? (
          <p className="mt-3 break-all">
            <span className="font-semibold">{refused ? 'Still attached:' : 'Not accepted:'}</span>{' '}
            {uploaded.fileName} ({formatBytes(uploaded.size)})
          </p>
        ) : null}
      </div>

      {uploading ? (
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <progress
            max={100}
            value={uploading.phase === 'sending' ? percent : undefined}
            aria-label={`Upload progress for ${uploading.fileName}`}
            className="h-2.5 min-w-40 flex-1 overflow-hidden rounded-full bg-slate-200 accent-brand-600 [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-brand-600"
          />
          <span aria-hidden="true" className="w-12 text-right text-sm tabular-nums text-slate-700">
            {percent}%
          </span>
          <button ref={cancelRef} type="button" className={secondaryButton} onClick={props.onCancel}>
            Cancel<span className="sr-only"> uploading {uploading.fileName}</span>
          </button>
        </div>
      ) : null}

      {phase === 'uploaded' || (uploaded && failed) ? (
        <div className="mt-2 flex flex-wrap gap-2 sm:pl-7">
          <button
            ref={replaceRef}
            type="button"
            className={secondaryButton}
            disabled={disabled}
            onClick={() => inputRef.current?.click()}
          >
            Replace<span className="sr-only"> {label}</span>
          </button>
          <button type="button" className={secondaryButton} onClick={props.onRemove}>
            Remove<span className="sr-only"> {label}</span>
          </button>
        </div>
      ) : null}

      {failed ? (
        <div role="alert" className="mt-3 rounded-md border border-red-700 bg-white p-3">
          <p className="text-sm font-semibold text-red-800">Upload failed</p>
          <p className="mt-0.5 text-sm text-red-800">
            <span className="break-all">{failed.fileName}</span>: {failed.message}
          </p>
          <button ref={retryRef} type="button" className={`mt-2 ${secondaryButton}`} onClick={props.onRetry}>
            Retry<span className="sr-only"> uploading {failed.fileName}</span>
          </button>
        </div>
      ) : null}

      {message ? (
        <p
          id={`${id}-error`}
          role={refused ? 'alert' : undefined}
          className="mt-3 text-sm font-medium text-red-700"
        >
          <span className="sr-only">Error: </span>
          {refused ? (
            <>
              <span className="break-all">{refused.fileName}</span>:{' '}
            </>
          ) : null}
          {message}
        </p>
      ) : null}

      {/* A real file input (keyboard and screen readers know it), visually hidden; its label is the button. */}
      <div hidden={!showInput}>
        <input
          ref={inputRef}
          id={id}
          name={id}
          type="file"
          accept={ACCEPT_ATTRIBUTE}
          disabled={disabled}
          aria-labelledby={`${id}-label`}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy}
          className="peer sr-only"
          onChange={choose}
        />
        <label htmlFor={id} className={chooseButton}>
          {uploaded ? 'Choose another file' : 'Choose a file'}
        </label>
      </div>
    </div>
  );
}
