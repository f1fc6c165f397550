import 'server-only';
import { createHash } from 'node:crypto';
import { publicConfig } from '../env';
import { buildOpenApiDocument } from './document';

export { buildOpenApiDocument, type OpenApiConfig, type OpenApiDocument } from './document';

/** The document as served: JSON text and its ETag. */
export interface ServedDocument {
  json: string;
  etag: string;
}

let served: ServedDocument | undefined;

/** Built on first use and kept for the life of the process: it depends only on the build and config. */
export function servedOpenApiDocument(): ServedDocument {
  if (served) return served;
  const json = `${JSON.stringify(buildOpenApiDocument({ servedStates: publicConfig.servedStates }), null, 2)}\n`;
  served = { json, etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"` };
  return served;
}

/** True when an `If-None-Match` value names `etag` (a list, `*`, or the weak form). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const value = tag.trim();
    return value === '*' || value.replace(/^W\//, '') === etag;
  });
}
