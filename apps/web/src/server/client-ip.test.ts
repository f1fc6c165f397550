import { describe, expect, it } from 'vitest';
import {
  canonicalIp,
  clientAddressReport,
  clientIp,
  fromForwardedFor,
  fromViewerAddress,
  presentsToken,
} from './http';
import { limitSubject } from './rate-limit';

const headers = (init: Record<string, string>) => new Headers(init);
const viaCloudFront = { source: 'cloudfront-viewer-address', trustedProxyHops: 1 } as const;
const forwardedFor = (hops: number) => ({ source: 'x-forwarded-for', trustedProxyHops: hops }) as const;

describe('client address from CloudFront-Viewer-Address', () => {
  it('strips the port from IPv4 and from IPv6 as CloudFront writes it (no brackets)', () => {
    expect(fromViewerAddress('203.0.113.9:53012')).toBe('203.0.113.9');
    expect(fromViewerAddress('2001:db8::1:443')).toBe('2001:db8::1');
    expect(fromViewerAddress('2001:DB8:0:0:0:0:0:7:61000')).toBe('2001:db8::7');
    expect(fromViewerAddress('[2001:db8::1]:443')).toBe('2001:db8::1');
  });

  it('refuses a value without a port, two values, or something that is not an address', () => {
    expect(fromViewerAddress('203.0.113.9')).toBeUndefined();
    expect(fromViewerAddress('203.0.113.9:1, 198.51.100.7:2')).toBeUndefined();
    expect(fromViewerAddress('evil.example:443')).toBeUndefined();
    expect(fromViewerAddress('')).toBeUndefined();
    expect(fromViewerAddress(null)).toBeUndefined();
  });

  it('ignores X-Forwarded-For, which the client can write', () => {
    const request = headers({
      'cloudfront-viewer-address': '203.0.113.9:53012',
      'x-forwarded-for': '192.0.2.66, 198.51.100.7',
    });
    expect(clientIp(request, viaCloudFront)).toBe('203.0.113.9');
  });

  it("is 'unknown' when CloudFront did not send it, whatever else the client sent", () => {
    expect(clientIp(headers({ 'x-forwarded-for': '192.0.2.66' }), viaCloudFront)).toBe('unknown');
  });
});

describe('client address from X-Forwarded-For', () => {
  it('takes the Nth entry from the right: the one the outermost trusted proxy appended', () => {
    // Amplify: the client's address, then the CloudFront edge that forwarded it.
    const chain = '203.0.113.9, 64.252.65.10';
    expect(fromForwardedFor(chain, 2)).toBe('203.0.113.9');
    expect(fromForwardedFor(chain, 1)).toBe('64.252.65.10');
  });

  it('never takes an entry the client wrote itself (spoofed prefix)', () => {
    // The client sent "192.0.2.66"; one trusted proxy appended the real address.
    const spoofed = headers({ 'x-forwarded-for': '192.0.2.66, 203.0.113.9' });
    expect(clientIp(spoofed, forwardedFor(1))).toBe('203.0.113.9');
  });

  it("gives 'unknown' for a chain shorter than the trusted hops, never the leftmost entry", () => {
    const short = headers({ 'x-forwarded-for': '192.0.2.66' });
    expect(clientIp(short, forwardedFor(2))).toBe('unknown');
    expect(clientIp(headers({}), forwardedFor(1))).toBe('unknown');
    expect(clientIp(headers({ 'x-forwarded-for': ' , ' }), forwardedFor(1))).toBe('unknown');
  });

  it("gives 'unknown' when the chosen entry is not an IP address", () => {
    expect(fromForwardedFor('203.0.113.9, not-an-ip', 1)).toBeUndefined();
    expect(fromForwardedFor('203.0.113.9, 198.51.100.7<script>', 1)).toBeUndefined();
    expect(fromForwardedFor('unknown', 1)).toBeUndefined();
  });

  it('accepts the address forms proxies write: bare, with a port, bracketed IPv6', () => {
    expect(fromForwardedFor('203.0.113.9:8443', 1)).toBe('203.0.113.9');
    expect(fromForwardedFor('[2001:db8::1]:443', 1)).toBe('2001:db8::1');
    expect(fromForwardedFor('2001:db8::1', 1)).toBe('2001:db8::1');
    expect(fromForwardedFor('::ffff:198.51.100.7', 1)).toBe('198.51.100.7');
  });
});

describe("client address with no proxy ('none')", () => {
  it("is always 'unknown': every header is the client's own", () => {
    const request = headers({
      'x-forwarded-for': '203.0.113.9',
      'cloudfront-viewer-address': '203.0.113.9:443',
    });
    expect(clientIp(request, { source: 'none', trustedProxyHops: 1 })).toBe('unknown');
  });
});

describe('one client, one rate-limit subject', () => {
  it('writes each address one way', () => {
    expect(canonicalIp('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(canonicalIp('::ffff:c000:0201')).toBe('192.0.2.1');
    expect(canonicalIp('198.51.100.7')).toBe('198.51.100.7');
    expect(canonicalIp('198.51.100.300')).toBeUndefined();
  });

  it('counts IPv6 clients per /64, which one client can rotate through', () => {
    expect(limitSubject('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(limitSubject('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(limitSubject('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(limitSubject('::1')).toBe('0:0:0:0::/64');
    expect(limitSubject('198.51.100.7')).toBe('198.51.100.7');
    expect(limitSubject('ada@example.com')).toBe('ada@example.com');
  });
});

describe('client address diagnostic report', () => {
  it('shows the raw headers and the address every setting would pick', () => {
    const request = headers({
      'cloudfront-viewer-address': '2001:db8::9:61000',
      'x-forwarded-for': '192.0.2.66, 203.0.113.9, 64.252.65.10',
    });
    const report = clientAddressReport(request, forwardedFor(1));
    expect(report.configured).toEqual({
      source: 'x-forwarded-for',
      trustedProxyHops: 1,
      address: '64.252.65.10',
    });
    expect(report.headers['x-forwarded-for']).toBe('192.0.2.66, 203.0.113.9, 64.252.65.10');
    expect(report.headers['x-real-ip']).toBeNull();
    expect(report.candidates).toEqual([
      { source: 'cloudfront-viewer-address', address: '2001:db8::9' },
      {
        source: 'x-forwarded-for',
        byTrustedProxyHops: [
          { trustedProxyHops: 1, address: '64.252.65.10' },
          { trustedProxyHops: 2, address: '203.0.113.9' },
          { trustedProxyHops: 3, address: '192.0.2.66' },
          { trustedProxyHops: 4, address: 'unknown' },
          { trustedProxyHops: 5, address: 'unknown' },
        ],
      },
      { source: 'none', address: 'unknown' },
    ]);
  });

  it('opens only for the configured bearer token', () => {
    const token = 'a'.repeat(40);
    expect(presentsToken(headers({ authorization: `Bearer ${token}` }), token)).toBe(true);
    expect(presentsToken(headers({ authorization: `Bearer ${token}x` }), token)).toBe(false);
    expect(presentsToken(headers({ authorization: token }), token)).toBe(false);
    expect(presentsToken(headers({}), token)).toBe(false);
    expect(presentsToken(headers({ authorization: 'Bearer ' }), undefined)).toBe(false);
    expect(presentsToken(headers({ authorization: `Bearer ${token}` }), undefined)).toBe(false);
  });
});
