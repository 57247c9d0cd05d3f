import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { seededHmac } from '../../subgraphs/joint/src/draw/seeded-hmac';

describe("the draw's HMAC-SHA256 under one seed", () => {
  const reference = (key: Buffer, label: string) => createHmac('sha256', key).update(label, 'utf8').digest();

  it("gives node:crypto's bytes for every label a draw ranks, and for any other text", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.oneof(fc.string({ maxLength: 140 }), fc.string({ unit: 'grapheme', maxLength: 40 })),
        (seed, label) => {
          const key = Buffer.from(seed);
          expect(seededHmac(key)(label).equals(reference(key, label))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('handles the block boundaries: labels of 54–56, 63–65, 118–120 and 200 ASCII characters', () => {
    const key = randomBytes(32);
    const hmac = seededHmac(key);
    for (const length of [0, 1, 54, 55, 56, 63, 64, 65, 118, 119, 120, 127, 128, 200]) {
      const label = 'x'.repeat(length);
      expect(hmac(label).equals(reference(key, label))).toBe(true);
    }
    expect(hmac('team:91440300708461136T:ZA:ZA-0007').equals(reference(key, 'team:91440300708461136T:ZA:ZA-0007'))).toBe(true);
  });

  it('keeps no state between labels', () => {
    const key = randomBytes(32);
    const hmac = seededHmac(key);
    const first = hmac('target:91440300708461136T');
    hmac('x'.repeat(55));
    hmac('其他');
    expect(hmac('target:91440300708461136T').equals(first)).toBe(true);
  });
});
