import { matchesEtag, servedOpenApiDocument } from '@/server/openapi';

// Answers If-None-Match per request; the document itself is built once per process.
export const dynamic = 'force-dynamic';

/**
 * The OpenAPI 3.1 document of every /api route (src/server/openapi). The same for every caller, so
 * caches may keep it; the ETag answers a revalidation with 304.
 */
export function GET(request: Request): Response {
  const { json, etag } = servedOpenApiDocument();
  const headers = { 'cache-control': 'public, max-age=300', etag };
  if (matchesEtag(request.headers.get('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(json, { headers: { ...headers, 'content-type': 'application/json' } });
}
