import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configVariableNames, mailAddresses, publicConfig, senderAddress, serverEnv } from './env';

describe('configuration', () => {
  it('is written for the SSR runtime by amplify.yml, every variable the app reads', () => {
    const amplify = readFileSync(new URL('../../../../amplify.yml', import.meta.url), 'utf8');
    const list = amplify.match(/const names = \[([\s\S]*?)\];/)?.[1] ?? '';
    const written = new Set([...list.matchAll(/'([A-Z0-9_]+)'/g)].map((match) => match[1]));
    // Endpoints only point at local stand-ins; NODE_ENV is Next's own.
    const needed = configVariableNames.filter((name) => !name.endsWith('_ENDPOINT') && name !== 'NODE_ENV');
    expect(needed.filter((name) => !written.has(name))).toEqual([]);
    expect([...written].filter((name) => !configVariableNames.includes(name as string))).toEqual([]);
  });
});

describe('the mail domain', () => {
  it('gives the sender and every shown address one domain', () => {
    expect(mailAddresses('example.org')).toEqual({
      noReply: 'no-reply@example.org',
      support: 'support@example.org',
      privacy: 'privacy@example.org',
    });
    expect(publicConfig.supportEmail).toBe(`support@${publicConfig.mailDomain}`);
    expect(serverEnv().fromAddress).toBe(`${publicConfig.brandName} <no-reply@${publicConfig.mailDomain}>`);
  });

  it('quotes or encodes a brand that cannot stand bare in a From header', () => {
    expect(senderAddress('Lumen Health', 'example.org')).toBe('Lumen Health <no-reply@example.org>');
    expect(senderAddress('Lumen, Inc.', 'example.org')).toBe('"Lumen, Inc." <no-reply@example.org>');
    expect(senderAddress('Lumen Santé', 'example.org')).toBe(
      `=?UTF-8?B?${Buffer.from('Lumen Santé').toString('base64')}?= <no-reply@example.org>`,
    );
  });
});
