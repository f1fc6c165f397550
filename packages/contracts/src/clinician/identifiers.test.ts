import { describe, expect, it } from 'vitest';
import { isValidDeaNumber, isValidNpi } from './identifiers';

describe('isValidNpi', () => {
  it('accepts NPIs whose Luhn digit (over 80840 + NPI) is right', () => {
    expect(isValidNpi('1234567893')).toBe(true);
    expect(isValidNpi('1245319599')).toBe(true);
    expect(isValidNpi(' 1234567893 ')).toBe(true);
  });

  it('refuses a wrong check digit, the wrong length and non-digits', () => {
    expect(isValidNpi('1234567890')).toBe(false);
    expect(isValidNpi('1245319598')).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
    expect(isValidNpi('12345678931')).toBe(false);
    expect(isValidNpi('12345678AB')).toBe(false);
    expect(isValidNpi('')).toBe(false);
  });
});

describe('isValidDeaNumber', () => {
  // AB1234563: (1+3+5) + 2*(2+4+6) = 9 + 24 = 33, check digit 3.
  // BJ6125341: (6+2+3) + 2*(1+5+4) = 11 + 20 = 31, check digit 1.
  it('accepts numbers whose check digit follows the DEA rule', () => {
    expect(isValidDeaNumber('AB1234563')).toBe(true);
    expect(isValidDeaNumber('BJ6125341')).toBe(true);
  });

  it('normalises case and surrounding spaces', () => {
    expect(isValidDeaNumber(' ab1234563 ')).toBe(true);
  });

  it('accepts 9 as the second character (some business registrants)', () => {
    expect(isValidDeaNumber('A91234563')).toBe(true);
  });

  it('refuses a wrong check digit', () => {
    expect(isValidDeaNumber('AB1234564')).toBe(false);
    expect(isValidDeaNumber('BJ6125340')).toBe(false);
  });

  it('refuses an unknown registrant type, a digit other than 9 as initial, and the wrong length', () => {
    expect(isValidDeaNumber('IB1234563')).toBe(false);
    expect(isValidDeaNumber('NB1234563')).toBe(false);
    expect(isValidDeaNumber('A11234563')).toBe(false);
    expect(isValidDeaNumber('AB123456')).toBe(false);
    expect(isValidDeaNumber('AB12345630')).toBe(false);
    expect(isValidDeaNumber('')).toBe(false);
  });
});
