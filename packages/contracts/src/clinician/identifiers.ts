/**
 * Check-digit rules for the identifiers a clinician gives us. They catch typos in the form; they do
 * not prove the number is registered (the admin review checks NPPES and the DEA).
 */

/** Luhn check over a string of digits: the last digit is the check digit. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  // Walk from the right; every second digit (starting with the one left of the check digit) is doubled.
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * True for a 10-digit NPI whose check digit is right. CMS computes the Luhn digit as if the NPI were
 * prefixed with 80840 (the health-industry card issuer prefix), so we do the same.
 */
export function isValidNpi(npi: string): boolean {
  const digits = npi.trim();
  return /^\d{10}$/.test(digits) && passesLuhn(`80840${digits}`);
}

/** DEA numbers are compared and stored trimmed and upper-cased. */
export function normalizeDeaNumber(dea: string): string {
  return dea.trim().toUpperCase();
}

/**
 * True for a well-formed DEA registration number: a registrant-type letter, the registrant's last-name
 * initial (or 9 for some business registrants), six digits and a check digit, where the check digit is
 * the last digit of (d1 + d3 + d5) + 2 × (d2 + d4 + d6).
 */
export function isValidDeaNumber(dea: string): boolean {
  const match = /^[ABCDEFGHJKLMPRSTUX][A-Z9](\d{7})$/.exec(normalizeDeaNumber(dea));
  if (!match?.[1]) return false;
  const d = [...match[1]].map(Number) as [number, number, number, number, number, number, number];
  const sum = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5]);
  return sum % 10 === d[6];
}
