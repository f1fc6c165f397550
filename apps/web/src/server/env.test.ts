import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configVariableNames } from './env';

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
