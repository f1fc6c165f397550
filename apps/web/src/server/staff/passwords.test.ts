import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';

const context = { email: 'ada.lovelace@example.com', name: 'Ada Lovelace', brandName: 'Lumen Health' };

describe('staff password rules (NIST SP 800-63B rev 4)', () => {
  it.each([
    ['too short, in code points', 'short phrase', /at least 15 characters \(this has 12\)/],
    ['four emoji and ten letters are 14 code points', '😀😀😀😀abcdefghij', /this has 14/],
    ['longer than 128', 'x'.repeat(60) + 'y'.repeat(69), /at most 128 characters/],
    ['a breached password, ignoring case', 'QWERTYuiop12345', /on a list of common or breached/],
    ['a common password with digits added', 'Password1234567', /common or breached password with a few/],
    ['a repeated common word', 'dragondragondragon', /repeats a short or common part|common or breached/],
    ['too few different characters', 'abababababababababab', /repeats|different characters/],
    ['the person’s name and digits', 'AdaLovelace2024!!', /mostly your name|common or breached/],
    ['the brand name and the email', 'lumenhealth ada.lovelace', /mostly your name/],
  ])('refuses %s, saying why', (_, password, reason) => {
    expect(passwordProblem(password, context)).toMatch(reason);
  });

  it.each([
    ['a passphrase with spaces', 'orbit cactus lantern fjord'],
    ['letters only, no composition rules', 'zebracornflowerquietly'],
    ['non-Latin text', 'пароль для входа в портал врача'],
    ['exactly 15 code points with emoji', '🦊🦊🦊 foxes at dawn'],
  ])('accepts %s', (_, password) => {
    expect(passwordProblem(password, context)).toBeUndefined();
  });

  it('hashes with argon2id and a pepper, verifying the same password in another Unicode form', async () => {
    const stored = await hashPassword('ﬁve lanterns over the fjord');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=47104,t=2,p=1\$/);
    // NFKC folds the ligature "ﬁ" into "fi": one password, typed two ways.
    expect(await verifyPassword(stored, 'five lanterns over the fjord')).toBe(true);
    expect(await verifyPassword(stored, 'five lanterns over the fjorD')).toBe(false);
    expect(await verifyPassword(undefined, 'five lanterns over the fjord')).toBe(false);
  });
});
