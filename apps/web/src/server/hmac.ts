import 'server-only';
import { createSecretKey, type KeyObject } from 'node:crypto';

/**
 * The server secret as an HMAC key, made once at start: HMACs with it equal HMACs keyed with the
 * secret's text, without turning the text into a key on every call (a few per request).
 */
export function hmacKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}
