import 'server-only';
import { randomInt } from 'node:crypto';

// Crockford-style alphabet: no I, L, O or U, so a reference read out on the phone is unambiguous.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A reference number a person can read and type: `CA-7K3P-9QXA`. Not a secret; the id stays internal. */
export function newReferenceNumber(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `CA-${chars.slice(0, 4)}-${chars.slice(4)}`;
}
