import 'server-only';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  type DocumentContentType,
  type DocumentPurpose,
  type DocumentRef,
  documentPurposeLabels,
  documentTypeFromMagicBytes,
  MAX_DOCUMENT_BYTES,
  type PresignUploadRequest,
  type PresignUploadResponse,
} from '@telehealth/contracts';
import type { RequestContext } from '../http';
import { log } from '../log';
import type { RateLimiter } from '../rate-limit';

export const PRESIGN_EXPIRY_SECONDS = 300;
export const presignLimit = { name: 'presign-ip', limit: 100, windowSeconds: 3600 } as const;

const extensionFor: Record<DocumentContentType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * Copies under `applications/` are made tagged `state=pending` and retagged `state=committed` once
 * the application's record is stored. The bucket's lifecycle rule (infrastructure/) expires copies
 * still pending after 2 days: they belong to no application.
 */
export const DOCUMENT_STATE_TAG = 'state';
export const PENDING = 'pending';
export const COMMITTED = 'committed';
/** The one retry of a retag, after the SDK's own retries; a later replay retags again. */
const RETAG_ATTEMPTS = 2;
const RETAG_PAUSE_MS = 200;
/** Bytes read from the start of a file to tell its type. */
const MAGIC_BYTES = 16;

export interface UploadServiceDeps {
  s3: S3Client;
  bucket: string;
  limiter: RateLimiter;
}

export type DocumentCheck =
  | { ok: true; key: string; contentType: DocumentContentType; size: number }
  | { ok: false; message: string };

interface ObjectStart {
  bytes: Uint8Array;
  /** The whole object's size, from `Content-Range`. */
  size: number;
  etag: string | undefined;
  contentType: string | undefined;
}

const statusOf = (error: unknown) =>
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

/** "Your CV (cv.pdf)", "Your state license (ca.pdf)": how messages name a document. */
export function describeDocument(ref: Pick<DocumentRef, 'purpose' | 'fileName'>): string {
  const label = documentPurposeLabels[ref.purpose as DocumentPurpose];
  // Lower-case the first word mid-sentence, but keep acronyms such as CV and DEA as they are.
  const inSentence = /^[A-Z][a-z]/.test(label) ? label[0]?.toLowerCase() + label.slice(1) : label;
  return `Your ${inSentence} (${ref.fileName})`;
}

export function createUploadService({ s3, bucket, limiter }: UploadServiceDeps) {
  /**
   * A presigned PUT for one document. The server picks the key under the draft's prefix; the file
   * name is only kept as a label. The content type is signed, so S3 refuses any other.
   */
  async function presign(input: PresignUploadRequest, ctx: RequestContext): Promise<PresignUploadResponse> {
    await limiter.limit(presignLimit, ctx.ip, ctx.now, 'Too many uploads from this network.');
    const uploadId = randomUUID();
    const contentType = input.contentType as DocumentContentType;
    const key = `drafts/${input.draftId}/${input.purpose}/${uploadId}.${extensionFor[contentType]}`;
    const url = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType, ContentLength: input.size }),
      {
        expiresIn: PRESIGN_EXPIRY_SECONDS,
        // Both signed: S3 refuses a body of another type or size than the one presigned.
        signableHeaders: new Set(['content-type', 'content-length']),
      },
    );
    log.info('upload.presigned', { requestId: ctx.requestId, purpose: input.purpose, size: input.size });
    return {
      uploadId,
      key,
      url,
      headers: { 'content-type': contentType },
      expiresAt: new Date(ctx.now.getTime() + PRESIGN_EXPIRY_SECONDS * 1000).toISOString(),
    };
  }

  /** A missing key answers 404, or 403 without s3:ListBucket (the SSR role has none). */
  function isMissing(error: unknown): boolean {
    const status = statusOf(error);
    if (status === 403) log.warn('upload.source_forbidden', {});
    return status === 404 || status === 403;
  }

  /**
   * The first bytes of an object with its size, ETag and type; `missing`, or `empty` (S3 answers a
   * range on an empty object with 416).
   */
  async function readStart(key: string): Promise<ObjectStart | 'missing' | 'empty'> {
    try {
      const object = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${MAGIC_BYTES - 1}` }),
      );
      const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
      // `bytes 0-15/<size>`; a server that ignored the range sent the whole object.
      const total = Number(object.ContentRange?.split('/')[1]);
      const size = Number.isFinite(total) ? total : (object.ContentLength ?? bytes.length);
      return { bytes, size, etag: object.ETag, contentType: object.ContentType };
    } catch (error) {
      if (statusOf(error) === 416) return 'empty';
      if (isMissing(error)) return 'missing';
      throw error;
    }
  }

  /** Deletes copies; a delete that fails leaves a pending copy for the lifecycle rule. */
  async function discard(keys: readonly string[]): Promise<void> {
    const results = await Promise.allSettled(
      keys.map((Key) => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key }))),
    );
    const failed = results.filter((result) => result.status === 'rejected').length;
    if (failed) log.warn('upload.discard_failed', { failed, of: keys.length });
  }

  /**
   * Tags copies `state=committed` once the record that names them is stored, so the lifecycle rule
   * leaves them alone. Returns how many could not be tagged; never throws (the record is stored).
   */
  async function markCommitted(keys: readonly string[]): Promise<number> {
    const retag = async (Key: string) => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await s3.send(
            new PutObjectTaggingCommand({
              Bucket: bucket,
              Key,
              Tagging: { TagSet: [{ Key: DOCUMENT_STATE_TAG, Value: COMMITTED }] },
            }),
          );
          return;
        } catch (error) {
          if (attempt >= RETAG_ATTEMPTS) throw error;
          await sleep(RETAG_PAUSE_MS);
        }
      }
    };
    const results = await Promise.allSettled(keys.map(retag));
    return results.filter((result) => result.status === 'rejected').length;
  }

  /**
   * Copies an uploaded document out of the browser-writable draft prefix to
   * `applications/<applicationId>/…` and checks the copy: what was checked is what is kept, even if
   * the draft object is overwritten later. Checked after the fact because no local S3 enforces
   * presigned conditions: the key is the draft's own, the object exists, its size is within the
   * limit, and its first bytes are the type it claims.
   *
   * The draft's first bytes are read before copying, so the copy is made with the type found in them:
   * nothing the browser chose (content type, disposition, `x-amz-meta-*`) survives, and the copy is
   * always served as a download. It is tagged pending until the application is stored.
   */
  async function freezeDocument(
    draftId: string,
    applicationId: string,
    ref: DocumentRef,
  ): Promise<DocumentCheck> {
    const name = describeDocument(ref);
    const extension = extensionFor[ref.contentType as DocumentContentType];
    const keyPattern = new RegExp(`^drafts/${draftId}/${ref.purpose}/${UUID}\\.${extension}$`);
    if (!keyPattern.test(ref.key)) {
      return { ok: false, message: `${name} does not belong to this application. Upload it again.` };
    }
    const notUploaded = `${name} was not uploaded, or the upload did not finish. Upload it again.`;
    const changed = `${name} changed while we were checking it. Upload it again.`;

    const source = await readStart(ref.key);
    if (source === 'missing') return { ok: false, message: notUploaded };
    if (source === 'empty' || source.size === 0)
      return { ok: false, message: `${name} is empty. Upload it again.` };
    if (source.size > MAX_DOCUMENT_BYTES) {
      return { ok: false, message: `${name} is larger than 10 MB. Upload a smaller file.` };
    }
    const detected = documentTypeFromMagicBytes(source.bytes);
    if (!detected) {
      return {
        ok: false,
        message: `${name} is not a PDF, JPEG or PNG file. Upload it again in one of those formats.`,
      };
    }
    if (detected !== ref.contentType) {
      return { ok: false, message: `${name} is not the type of file its name says. Upload it again.` };
    }

    const key = `applications/${applicationId}/${ref.purpose}/${randomUUID()}.${extension}`;
    try {
      await s3.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: key,
          CopySource: `${bucket}/${ref.key}`,
          // The bytes just read, not whatever the browser wrote since (S3 answers 412 otherwise).
          ...(source.etag ? { CopySourceIfMatch: source.etag } : {}),
          MetadataDirective: 'REPLACE',
          ContentType: detected,
          ContentDisposition: 'attachment',
          TaggingDirective: 'REPLACE',
          Tagging: `${DOCUMENT_STATE_TAG}=${PENDING}`,
        }),
      );
    } catch (error) {
      if (statusOf(error) === 412) return { ok: false, message: changed };
      if (isMissing(error)) return { ok: false, message: notUploaded };
      throw error;
    }

    // The copy is what is kept: same size, same first bytes, stored with the detected type. (Not every
    // S3 stand-in honours CopySourceIfMatch.)
    let copy: Awaited<ReturnType<typeof readStart>>;
    try {
      copy = await readStart(key);
    } catch (error) {
      await discard([key]);
      throw error;
    }
    const same =
      typeof copy === 'object' &&
      copy.size === source.size &&
      copy.contentType === detected &&
      Buffer.from(copy.bytes).equals(Buffer.from(source.bytes));
    if (!same) {
      await discard([key]);
      return { ok: false, message: changed };
    }
    return { ok: true, key, contentType: detected, size: source.size };
  }

  return { presign, freezeDocument, discard, markCommitted };
}

export type UploadService = ReturnType<typeof createUploadService>;
