import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toFieldIssues } from './issues';
import {
  CONTROL_CHARACTER_MESSAGE,
  MULTI_LINE_CONTROL_CHARACTER_MESSAGE,
  plainText,
  strictObject,
  TEXT_DIRECTION_MESSAGE,
} from './text';

const singleLine = plainText().min(1).max(100);
const multiLine = plainText({ multiline: true }).max(1000);

const messagesOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

/** Every text-direction character the helper must refuse. */
const directionCharacters = [
  '\u061C',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];

describe('plainText', () => {
  it('keeps real names from many scripts, apostrophes, hyphens and joiners as typed', () => {
    for (const name of [
      "O'Brien",
      'Zoë-Ann',
      'Nguyễn Thị',
      '李小龍',
      'محمد',
      'שרה',
      'Öz Ünal',
      'می\u200Cخواهم',
    ]) {
      expect(singleLine.parse(name)).toBe(name.normalize('NFC'));
    }
  });

  it('stores one form of an accented name however it was typed (NFC)', () => {
    const decomposed = 'Jose\u0301 Nun\u0303ez';
    expect(decomposed).toHaveLength(12);
    expect(singleLine.parse(` ${decomposed} `)).toBe('José Nuñez');
    expect(singleLine.parse(decomposed)).toBe(singleLine.parse('José Nuñez'));
  });

  it.each(directionCharacters.map((c) => [`U+${c.codePointAt(0)?.toString(16).toUpperCase()}`, c]))(
    'refuses the text-direction character %s',
    (_name, character) => {
      expect(messagesOf(singleLine, `Maria${character}Lopez`)).toEqual([TEXT_DIRECTION_MESSAGE]);
      expect(messagesOf(multiLine, `Parental${character} leave`)).toEqual([TEXT_DIRECTION_MESSAGE]);
    },
  );

  it('refuses control characters, line breaks and tabs on one line', () => {
    for (const character of [
      '\u0000',
      '\u0007',
      '\u001B',
      '\u007F',
      '\u0085',
      '\u009B',
      '\n',
      '\r',
      '\t',
      '\u2028',
    ]) {
      expect(messagesOf(singleLine, `Ada${character}Lovelace`)).toEqual([CONTROL_CHARACTER_MESSAGE]);
    }
  });

  it('lets an explanation span lines and use tabs, with Windows line ends made \\n', () => {
    expect(multiLine.parse('Parental leave.\r\nThen\ta move.\rBack in 2020.')).toBe(
      'Parental leave.\nThen\ta move.\nBack in 2020.',
    );
    for (const character of ['\u0000', '\u001B', '\u007F', '\u0085', '\u2029']) {
      expect(messagesOf(multiLine, `Leave${character}.`)).toEqual([MULTI_LINE_CONTROL_CHARACTER_MESSAGE]);
    }
  });

  it('counts the length of the normalised text', () => {
    const max = plainText().max(4);
    expect(max.parse('Jose\u0301')).toBe('José');
    expect(messagesOf(max, 'Josés')).toHaveLength(1);
  });
});

describe('strictObject', () => {
  const schema = strictObject({ name: z.string(), address: strictObject({ city: z.string() }) }, 'Missing.');

  it('names each unknown key at its own path', () => {
    const result = schema.safeParse({ name: 'A', admin: true, address: { city: 'B', zip: '1' } });
    expect(result.success).toBe(false);
    const issues = result.error ? toFieldIssues(result.error) : [];
    expect(issues.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'address.zip', message: 'Unknown field: zip' },
      { path: 'admin', message: 'Unknown field: admin' },
    ]);
  });

  it('names every unknown key, not only the first, and cuts a very long one in the message', () => {
    const long = 'x'.repeat(500);
    const result = schema.safeParse({ name: 'A', address: { city: 'B' }, a: 1, [long]: 2 });
    expect(result.error && toFieldIssues(result.error)).toEqual([
      { path: 'a', message: 'Unknown field: a' },
      { path: long, message: `Unknown field: ${'x'.repeat(64)}…` },
    ]);
  });

  it('keeps its own message for a missing object, and the message names keys for direct callers', () => {
    expect(messagesOf(schema, undefined)).toEqual(['Missing.']);
    expect(messagesOf(schema, { name: 'A', address: { city: 'B' }, extra: 1 })).toEqual([
      'Unknown field: extra',
    ]);
  });

  it('also names the keys refused by a plain z.strictObject', () => {
    const result = z.strictObject({ email: z.string() }).safeParse({ email: 'a', foo: 1 });
    expect(result.error && toFieldIssues(result.error)).toEqual([
      { path: 'foo', message: 'Unknown field: foo' },
    ]);
  });
});
