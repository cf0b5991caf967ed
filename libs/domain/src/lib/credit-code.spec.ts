import { creditCodeCheckCharacter, creditCodeProblem, isValidCreditCode } from './credit-code';

// A code published as a worked example of GB 32100-2015, and a registered firm's code.
const VALID = ['91350100M000100Y43', '91110000100010433L'];
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('统一社会信用代码 (unified social credit code)', () => {
  it.each(VALID)('accepts %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('computes the check character of the worked example', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('rejects every wrong check character', () => {
    const body = VALID[0].slice(0, 17);
    for (const c of ALPHABET) {
      if (c === '3') continue;
      expect(creditCodeProblem(body + c)).toBe('check-character');
    }
  });

  it('detects any single changed character', () => {
    const code = VALID[0];
    for (let i = 0; i < 17; i++) {
      for (const c of '0123456789') {
        if (c === code[i]) continue;
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        expect(isValidCreditCode(changed)).toBe(false);
      }
    }
  });

  it('names the problem of a malformed code', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100M000100Y433')).toBe('length');
    expect(creditCodeProblem('91350100M00O100Y43')).toBe('characters');
    expect(creditCodeProblem('91350100m000100y43')).toBe('characters');
  });
});
