import fc from 'fast-check';
import { canonicalJson, canonicalJsonByMembers, type CanonicalValue } from '../../common/canonical-json';

/** Keys that a plain JavaScript object would move (integer-like, `__proto__`) among ordinary ones. */
const key = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.nat({ max: 120 }).map(String),
  fc.constant('__proto__'),
  fc.constantFrom('a', 'B', 'é', '中', '\u{1F600}'),
);

const value: fc.Arbitrary<CanonicalValue> = fc.letrec<{ value: CanonicalValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.maxSafeInteger(),
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('canonical JSON', () => {
  it('sorts keys by UTF-16 code units, integer-like keys too, with no white space', () => {
    expect(canonicalJson({ b: [1, 'x', null, true], '10': 1, '9': 2, a: { z: 'é', y: '\u2028' } })).toBe(
      '{"10":1,"9":2,"a":{"y":"\u2028","z":"é"},"b":[1,"x",null,true]}',
    );
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('refuses numbers that are not safe integers', () => {
    expect(() => canonicalJson({ a: 1.5 })).toThrow(/safe integers/);
    expect(() => canonicalJson([2 ** 53])).toThrow(/safe integers/);
  });

  it('gives the same text by the fast path as member by member, for any value', () => {
    fc.assert(
      fc.property(value, (any) => canonicalJson(any) === canonicalJsonByMembers(any)),
      { numRuns: 2000 },
    );
  });
});
