/**
 * 统一社会信用代码 — the 18-character unified social credit code of GB 32100-2015.
 * The last character is a check character over the first seventeen.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

export type UsccProblem =
  | { kind: 'LENGTH'; length: number }
  | { kind: 'CHARACTER'; position: number; character: string }
  | { kind: 'CHECK_CHARACTER'; expected: string; actual: string };

/** The check character the first seventeen characters call for, or null if one of them is not allowed. */
export function usccCheckCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Why a code is not a valid USCC, or null when it is. Lower-case letters are not accepted. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return { kind: 'LENGTH', length: code.length };
  for (let i = 0; i < 18; i++) {
    if (!ALPHABET.includes(code[i]!)) return { kind: 'CHARACTER', position: i + 1, character: code[i]! };
  }
  const expected = usccCheckCharacter(code.slice(0, 17))!;
  return expected === code[17] ? null : { kind: 'CHECK_CHARACTER', expected, actual: code[17]! };
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}

/** A sentence a division clerk can act on. */
export function describeUsccProblem(code: string, problem: UsccProblem): string {
  switch (problem.kind) {
    case 'LENGTH':
      return `统一社会信用代码应为18位，“${code}”为${problem.length}位 (a USCC has 18 characters, this one has ${problem.length})`;
    case 'CHARACTER':
      return `统一社会信用代码第${problem.position}位“${problem.character}”不是允许的字符 (character ${problem.position} is not allowed; use digits and capital letters except I, O, Z, S, V)`;
    case 'CHECK_CHARACTER':
      return `统一社会信用代码校验位错误：应为“${problem.expected}”，实为“${problem.actual}” (check character should be ${problem.expected}, not ${problem.actual})`;
  }
}

/** Completes seventeen characters with their check character (demo data and tests). */
export function withUsccCheckCharacter(first17: string): string {
  const check = usccCheckCharacter(first17);
  if (check === null || first17.length !== 17) throw new Error(`not a USCC body: ${first17}`);
  return first17 + check;
}
