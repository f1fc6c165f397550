import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { POST as provisionalPOST } from '@/app/api/patient/provisional/route';
import { dynamoDocumentClient } from './aws';
import { serverEnv } from './env';
import { route, routeCeilings } from './http';

/** The hits counted for a route's ceiling in the window that holds `at`. */
async function ceilingHits(name: string, windowSeconds: number, at: Date): Promise<number> {
  const seconds = Math.floor(at.getTime() / 1000);
  const { Item } = await dynamoDocumentClient().send(
    new GetCommand({
      TableName: serverEnv().tableNames.rateLimits,
      Key: { key: `global#${name}#${seconds - (seconds % windowSeconds)}` },
      ConsistentRead: true,
    }),
  );
  return Number(Item?.hits ?? 0);
}

function post(handler: (r: Request) => Promise<Response>, ip: string, body = '{}') {
  return handler(
    new Request('http://localhost/api', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body,
    }),
  );
}

describe('per-route ceiling (DynamoDB counter, all clients together)', () => {
  it('caps a route even when every request comes from a new address', async () => {
    const name = `test.ceiling.${randomUUID()}`;
    let served = 0;
    const handler = route(
      name,
      'public',
      async () => {
        served += 1;
        return Response.json({ ok: true });
      },
      { ceiling: { limit: 3, windowSeconds: 3600 } },
    );

    const statuses: number[] = [];
    let last: Response | undefined;
    for (const ip of ['203.0.113.1', '203.0.113.2', '2001:db8:77::1', '198.51.100.4']) {
      last = await post(handler, ip);
      statuses.push(last.status);
    }

    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(served).toBe(3);
    const retryAfter = Number(last?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await last?.json()).toEqual({
      error: {
        code: 'rate_limited',
        message: expect.stringMatching(
          /^We are receiving more requests than usual\. You can try again in \d+ (seconds|minutes)\.$/,
        ),
      },
    });
    expect(await ceilingHits(name, 3600, new Date())).toBe(3);
  });

  it('counts every signup request in the route table, whatever its outcome', async () => {
    const { windowSeconds } = routeCeilings['patient.provisional'] ?? { windowSeconds: 0 };
    expect(windowSeconds).toBeGreaterThan(0);
    // Other test files post here too, so compare within one window; retry if the window turned.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const at = new Date();
      const before = await ceilingHits('patient.provisional', windowSeconds, at);
      const response = await post(provisionalPOST, '203.0.113.77', '{"firstName":');
      expect(response.status).toBe(400);
      const after = await ceilingHits('patient.provisional', windowSeconds, at);
      if (Math.floor(Date.now() / 1000 / windowSeconds) !== Math.floor(at.getTime() / 1000 / windowSeconds)) {
        continue;
      }
      expect(after).toBeGreaterThanOrEqual(before + 1);
      return;
    }
    throw new Error('the window turned twice during the test');
  });
});
