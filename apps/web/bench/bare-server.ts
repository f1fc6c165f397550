/**
 * The baseline for `pnpm bench`: a bare node:http server that runs the same contracts and the same
 * signup service (so the same DynamoDB and SES calls) as the Next.js route handlers.
 */
import { createServer } from 'node:http';
import { errorStatus, makeProvisionalPatientSchema, verifyPatientSchema } from '@telehealth/contracts';
import { publicConfig } from '@/server/env';
import { ApiError, type RequestContext } from '@/server/http';
import { signupService } from '@/server/signup';

const provisional = makeProvisionalPatientSchema(publicConfig.servedStates);
const port = Number(process.argv[2]);

createServer(async (req, res) => {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.method === 'GET') return send(200, { ok: true });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const context: RequestContext = {
    requestId: crypto.randomUUID(),
    actor: 'public',
    ip: String(req.headers['x-forwarded-for'] ?? 'unknown'),
    now: new Date(),
  };
  try {
    const json = JSON.parse(Buffer.concat(chunks).toString());
    // The same signup cookie the route handlers read (bench requests always carry one).
    const binding = /lumen-signup=([A-Za-z0-9_-]{43})/.exec(req.headers.cookie ?? '')?.[1] ?? '';
    if (req.url === '/api/patient/provisional') {
      return send(202, await signupService().requestCode(provisional.parse(json), binding, context));
    }
    if (req.url === '/api/patient/verify') {
      return send(200, await signupService().verify(verifyPatientSchema.parse(json), binding, context));
    }
    return send(404, { error: { code: 'not_found', message: 'Not found.' } });
  } catch (error) {
    if (error instanceof ApiError)
      return send(errorStatus[error.code], { error: { code: error.code, message: error.message } });
    console.error(error);
    return send(500, { error: { code: 'internal_error', message: 'Unexpected.' } });
  }
}).listen(port, '127.0.0.1');
