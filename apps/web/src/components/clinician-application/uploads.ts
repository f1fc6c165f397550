import {
  ALLOWED_DOCUMENT_CONTENT_TYPES,
  type DocumentPurpose,
  type PresignUploadRequest,
  type PresignUploadResponse,
  presignUploadRequestSchema,
} from '@telehealth/contracts';
import * as api from '../api/applications';
import { describeFailure } from '../api/describe-failure';

/** What the file input `accept`s: the same types the server presigns. */
export const ACCEPT_ATTRIBUTE = ['.pdf', '.jpg', '.jpeg', '.png', ...ALLOWED_DOCUMENT_CONTENT_TYPES].join(
  ',',
);

const typeByExtension: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** The browser's type for the file; some systems leave it empty, then the extension decides. */
export function contentTypeOf(file: Pick<File, 'name' | 'type'>): string {
  if (file.type) return file.type;
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return typeByExtension[extension] ?? '';
}

const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/**
 * `1 KB`, `15 KB`, `2.4 MB`, as people read file sizes (1 KB = 1024 bytes, like the 10 MB limit).
 * `Intl.NumberFormat` formats the number; its own `kilobyte` unit prints `kB`, so the unit is added
 * here. Under 1 KB still says `1 KB`: a byte count is noise to a person choosing a file.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${wholeNumber.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${oneDecimal.format(bytes / (1024 * 1024))} MB`;
}

/** The presign request for a file, or the contract's message (type, size, name) explaining why not. */
export function presignRequestFor(
  draftId: string,
  purpose: DocumentPurpose,
  file: Pick<File, 'name' | 'type' | 'size'>,
): { ok: true; request: PresignUploadRequest } | { ok: false; message: string } {
  const parsed = presignUploadRequestSchema.safeParse({
    draftId,
    purpose,
    fileName: file.name,
    contentType: contentTypeOf(file),
    size: file.size,
  });
  if (parsed.success) return { ok: true, request: parsed.data };
  return { ok: false, message: parsed.error.issues[0]?.message ?? 'Choose another file.' };
}

export type PresignOutcome =
  | { kind: 'ok'; presigned: PresignUploadResponse }
  /** The server refused this file (type, size, name): choosing another file is the fix. */
  | { kind: 'refused'; message: string }
  /** Worth retrying the same file. */
  | { kind: 'failed'; message: string };

export async function presignUpload(request: PresignUploadRequest): Promise<PresignOutcome> {
  const result = await api.presignUpload(request);
  if (result.kind === 'ok') return { kind: 'ok', presigned: result.data };
  if (
    result.kind === 'error' &&
    result.status >= 400 &&
    result.status < 500 &&
    result.status !== 429 &&
    result.error
  ) {
    // The issue says what is wrong with the file; the message may only say that something is.
    return { kind: 'refused', message: result.error.issues?.[0]?.message ?? result.error.message };
  }
  // Rate limited, busy, timed out, offline or broken: the same file can be tried again.
  return { kind: 'failed', message: describeFailure(result, { detailsKept: true }) };
}

export interface PutHandlers {
  onProgress: (loaded: number, total: number) => void;
  onDone: (ok: boolean) => void;
}

/**
 * PUTs the file to the presigned URL with exactly the signed headers. XMLHttpRequest rather than
 * fetch, for upload progress events. Returns the request so it can be aborted.
 */
export function putFile(presigned: PresignUploadResponse, file: Blob, handlers: PutHandlers): XMLHttpRequest {
  const xhr = new XMLHttpRequest();
  xhr.open('PUT', presigned.url);
  for (const [name, value] of Object.entries(presigned.headers)) xhr.setRequestHeader(name, value);
  xhr.upload.onprogress = (event) => {
    handlers.onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
  };
  xhr.onload = () => handlers.onDone(xhr.status >= 200 && xhr.status < 300);
  xhr.onerror = () => handlers.onDone(false);
  xhr.ontimeout = () => handlers.onDone(false);
  // An abort is the user's (Cancel, Remove, Start over): whoever aborted already updated the state.
  xhr.send(file);
  return xhr;
}
