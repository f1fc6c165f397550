import type { DocumentPurpose } from '@telehealth/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentSlot, StoredDocument } from './draft';
import { presignRequestFor, presignUpload, putFile } from './uploads';

export type UploadState =
  | {
      status: 'uploading';
      fileName: string;
      /** `preparing` while the upload is presigned, then `sending` with byte progress. */
      phase: 'preparing' | 'sending';
      loaded: number;
      total: number;
    }
  /** The upload broke (network, expired link, server error): the same file can be retried. */
  | { status: 'failed'; fileName: string; message: string }
  /** The file itself is not acceptable (type, size, name): another file is needed. */
  | { status: 'refused'; fileName: string; message: string };

interface Job {
  file: File;
  purpose: DocumentPurpose;
  xhr?: XMLHttpRequest;
}

export const UPLOAD_FAILED = 'The file did not reach our storage. Check your connection and try again.';

/**
 * Uploads kept per slot above the steps, so one keeps going while the clinician moves between
 * steps. Only memory: a reload loses uploads in progress (File objects cannot be stored).
 */
export function useDocumentUploads(
  draftId: string,
  onUploaded: (slot: DocumentSlot, document: StoredDocument) => void,
) {
  const [states, setStates] = useState<Partial<Record<DocumentSlot, UploadState>>>({});
  const jobs = useRef(new Map<DocumentSlot, Job>());
  const latest = useRef({ draftId, onUploaded });
  latest.current = { draftId, onUploaded };

  const setSlot = useCallback((slot: DocumentSlot, state: UploadState | undefined) => {
    setStates((current) => {
      const next = { ...current };
      if (state) next[slot] = state;
      else delete next[slot];
      return next;
    });
  }, []);

  const start = useCallback(
    async (slot: DocumentSlot, purpose: DocumentPurpose, file: File) => {
      jobs.current.get(slot)?.xhr?.abort();
      const job: Job = { file, purpose };
      jobs.current.set(slot, job);
      // A newer choice, Cancel, Remove or Start over makes this job stale: its callbacks do nothing.
      const stale = () => jobs.current.get(slot) !== job;

      const check = presignRequestFor(latest.current.draftId, purpose, file);
      if (!check.ok) {
        jobs.current.delete(slot);
        setSlot(slot, { status: 'refused', fileName: file.name, message: check.message });
        return;
      }
      setSlot(slot, {
        status: 'uploading',
        fileName: file.name,
        phase: 'preparing',
        loaded: 0,
        total: file.size,
      });
      const outcome = await presignUpload(check.request);
      if (stale()) return;
      if (outcome.kind === 'refused') {
        jobs.current.delete(slot);
        setSlot(slot, { status: 'refused', fileName: file.name, message: outcome.message });
        return;
      }
      if (outcome.kind === 'failed') {
        setSlot(slot, { status: 'failed', fileName: file.name, message: outcome.message });
        return;
      }
      const { presigned } = outcome;
      job.xhr = putFile(presigned, file, {
        onProgress: (loaded, total) => {
          if (stale()) return;
          setSlot(slot, { status: 'uploading', fileName: file.name, phase: 'sending', loaded, total });
        },
        onDone: (ok) => {
          if (stale()) return;
          if (!ok) {
            job.xhr = undefined;
            setSlot(slot, { status: 'failed', fileName: file.name, message: UPLOAD_FAILED });
            return;
          }
          jobs.current.delete(slot);
          setSlot(slot, undefined);
          latest.current.onUploaded(slot, {
            key: presigned.key,
            purpose,
            fileName: check.request.fileName,
            contentType: check.request.contentType,
            size: check.request.size,
          });
        },
      });
    },
    [setSlot],
  );

  /** Uploads the same file again, with a fresh presigned URL (the old one may have expired). */
  const retry = useCallback(
    (slot: DocumentSlot) => {
      const job = jobs.current.get(slot);
      if (job) void start(slot, job.purpose, job.file);
    },
    [start],
  );

  const cancel = useCallback(
    (slot: DocumentSlot) => {
      jobs.current.get(slot)?.xhr?.abort();
      jobs.current.delete(slot);
      setSlot(slot, undefined);
    },
    [setSlot],
  );

  const cancelAll = useCallback(() => {
    for (const job of jobs.current.values()) job.xhr?.abort();
    jobs.current.clear();
    setStates({});
  }, []);

  useEffect(() => {
    const running = jobs.current;
    return () => {
      for (const job of running.values()) job.xhr?.abort();
      running.clear();
    };
  }, []);

  return { states, start, retry, cancel, cancelAll };
}
