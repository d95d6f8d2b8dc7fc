import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCharacter, creditCodeProblem, parseCreditCode } from '../src/creditCode.ts';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const demo = JSON.parse(readFileSync(new URL('../src/seed/demo-data.json', import.meta.url), 'utf8')) as {
  enterprise: { credit_code: string }[];
};

describe('unified social credit codes (GB 32100-2015)', () => {
  it('accepts a published example and every demo code', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(demo.enterprise.length).toBeGreaterThanOrEqual(60);
    for (const { credit_code } of demo.enterprise) expect(creditCodeProblem(credit_code)).toBeNull();
  });

  it('computes the check character, 31 standing for 0', () => {
    expect(checkCharacter('91350100M000100Y4')).toBe('3');
  });

  it('catches every single-character substitution', () => {
    const valid = '91350100M000100Y43';
    for (let position = 0; position < 18; position++) {
      for (const char of ALPHABET) {
        if (char === valid[position]) continue;
        const changed = valid.slice(0, position) + char + valid.slice(position + 1);
        if (position >= 2 && position < 8 && !/\d/.test(char)) continue; // a shape error, tested below
        expect(creditCodeProblem(changed), changed).toMatch(/check character/);
      }
    }
  });

  it('says what is wrong with a malformed code', () => {
    expect(creditCodeProblem('9135010')).toMatch(/must be 18 characters, got 7/);
    expect(creditCodeProblem('91350100M000100I43')).toMatch(/contains 'I'/);
    expect(creditCodeProblem('9135A100M000100Y43')).toMatch(/division code/);
  });

  it('normalises case and space, and names the field when it rejects', () => {
    expect(parseCreditCode(' 91350100m000100y43 ', 'creditCode')).toBe('91350100M000100Y43');
    expect(() => parseCreditCode('91350100M000100Y44', 'input.creditCode')).toThrow(
      /Invalid input.creditCode: not a valid unified social credit code: check character is '4' but should be '3'/,
    );
  });
});
