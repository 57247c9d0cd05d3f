import { describeUsccProblem, isValidUscc, usccCheckCharacter, usccProblem, withUsccCheckCharacter } from '../../common/uscc';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts real codes', () => {
    expect(isValidUscc('914403001922038216')).toBe(true);
    expect(isValidUscc('91440300708461136T')).toBe(true);
  });

  it('refuses a code whose last character was changed, and names the expected one', () => {
    const problem = usccProblem('91440300708461136U');
    expect(problem).toEqual({ kind: 'CHECK_CHARACTER', expected: 'T', actual: 'U' });
    expect(describeUsccProblem('91440300708461136U', problem!)).toContain('应为“T”');
    expect(usccProblem('914403001922038217')).toEqual({ kind: 'CHECK_CHARACTER', expected: '6', actual: '7' });
  });

  it('refuses wrong length and letters the standard leaves out (I, O, S, V, Z)', () => {
    expect(usccProblem('91440300708461136')).toEqual({ kind: 'LENGTH', length: 17 });
    expect(usccProblem('9144030070846113600')).toEqual({ kind: 'LENGTH', length: 19 });
    expect(usccProblem('91440300708461I36T')).toEqual({ kind: 'CHARACTER', position: 15, character: 'I' });
    expect(usccProblem('91440300708461136t')).toEqual({ kind: 'CHARACTER', position: 18, character: 't' });
  });

  it('computes check characters that round-trip, including the letter and zero cases', () => {
    expect(usccCheckCharacter('91440300708461136')).toBe('T');
    const seen = new Set<string>();
    for (let n = 0; n < 2000; n++) {
      const body = `91411002${String(n * 7919).padStart(9, '0')}`;
      const code = withUsccCheckCharacter(body);
      seen.add(code[17]!);
      expect(isValidUscc(code)).toBe(true);
      expect(isValidUscc(body + (code[17] === '0' ? '1' : '0'))).toBe(false);
    }
    expect(seen.size).toBe(31);
  });
});
