import { describe, expect, it } from 'vitest';
import { bindingFor, readBinding, setCookie } from './cookies';

describe('cookies', () => {
  it('are Secure with the __Host- prefix over HTTPS, HttpOnly and SameSite=Lax on path /', () => {
    const header = setCookie('lumen-signup', 'abc', 600, true);
    expect(header).toMatch(/^__Host-lumen-signup=abc;/);
    for (const attribute of ['Max-Age=600', 'Path=/', 'HttpOnly', 'Secure', 'SameSite=Lax']) {
      expect(header).toContain(attribute);
    }
    expect(header).not.toMatch(/Domain=/);
  });

  it('drop Secure and the prefix over plain HTTP (local development only)', () => {
    const header = setCookie('lumen-signup', 'abc', 600, false);
    expect(header).toMatch(/^lumen-signup=abc;/);
    expect(header).not.toContain('Secure');
  });

  it('keep a well-formed signup id and replace anything else with a new random one', () => {
    const id = 'a'.repeat(43);
    const withId = new Request('http://localhost/', { headers: { cookie: `lumen-signup=${id}` } });
    expect(readBinding(withId)).toBe(id);
    expect(bindingFor(withId).id).toBe(id);
    const forged = new Request('http://localhost/', { headers: { cookie: 'lumen-signup=short;x=1' } });
    expect(readBinding(forged)).toBeUndefined();
    const fresh = bindingFor(forged);
    expect(fresh.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fresh.id).not.toBe(bindingFor(forged).id);
  });
});
