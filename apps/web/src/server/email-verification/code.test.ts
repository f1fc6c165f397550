import { describe, expect, it } from 'vitest';
import { generateCode, hashCode, hashesMatch } from './code';

describe('one-time codes', () => {
  it('are six digits, leading zeros kept, and vary', () => {
    const codes = new Set(Array.from({ length: 200 }, generateCode));
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(codes.size).toBeGreaterThan(190);
  });

  it('hash with the server secret and the verification, never to the code itself', () => {
    const hash = hashCode('secret-a', 'verification-1', '012345');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('012345');
    expect(hash).toBe(hashCode('secret-a', 'verification-1', '012345'));
    expect(hash).not.toBe(hashCode('secret-b', 'verification-1', '012345'));
    expect(hash).not.toBe(hashCode('secret-a', 'verification-2', '012345'));
  });

  it('compare equal hashes only', () => {
    const hash = hashCode('s', 'v', '111111');
    expect(hashesMatch(hash, hashCode('s', 'v', '111111'))).toBe(true);
    expect(hashesMatch(hash, hashCode('s', 'v', '111112'))).toBe(false);
    expect(hashesMatch(hash, 'abc')).toBe(false);
  });
});
