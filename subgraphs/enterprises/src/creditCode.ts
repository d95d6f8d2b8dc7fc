import { badUserInput } from '@gzequip/kit';

/** The 31 characters GB 32100-2015 allows (no I, O, S, V, Z); a character's value is its index. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i] as string) * (WEIGHTS[i] as number);
  return ALPHABET[(31 - (sum % 31)) % 31] as string;
}

/** Why a code is not a valid unified social credit code, or null when it is. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return `must be 18 characters, got ${code.length}`;
  const bad = [...code].find((char) => !ALPHABET.includes(char));
  if (bad !== undefined) return `contains '${bad}', which is not one of ${ALPHABET}`;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'characters 3–8 must be the six-digit division code';
  const expected = checkCharacter(code.slice(0, 17));
  if (code[17] !== expected) return `check character is '${code[17]}' but should be '${expected}'`;
  return null;
}

/** Normalises (trims, upper-cases) and validates; throws BAD_USER_INPUT naming `field`. */
export function parseCreditCode(input: string, field: string): string {
  const code = input.trim().toUpperCase();
  const problem = creditCodeProblem(code);
  if (problem) throw badUserInput(field, `not a valid unified social credit code: ${problem}`);
  return code;
}
