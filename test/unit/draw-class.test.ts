import fc from 'fast-check';
import { drawClass, type DrawClass } from '../../subgraphs/joint/src/credit/draw-class';

/**
 * The class an entity is drawn in (SSJ-DRAW-2): its imported credit-risk class,
 * B when none was imported, raised to at least C by a risk signal of the guideline.
 */
const CLASSES: DrawClass[] = ['A', 'B', 'C', 'D'];
const rank = (riskClass: DrawClass) => CLASSES.indexOf(riskClass);

describe('the draw class of an entity', () => {
  it('is B for an entity the regulator has not classified, and C when it also carries a risk signal', () => {
    expect(drawClass(null, false)).toBe('B');
    expect(drawClass(null, true)).toBe('C');
  });

  it('is the imported class when there is no risk signal', () => {
    for (const riskClass of CLASSES) expect(drawClass(riskClass, false)).toBe(riskClass);
  });

  it('raises A and B to C on a risk signal and leaves C and D as they are', () => {
    expect(drawClass('A', true)).toBe('C');
    expect(drawClass('B', true)).toBe('C');
    expect(drawClass('C', true)).toBe('C');
    expect(drawClass('D', true)).toBe('D');
  });

  it('never lowers a class, reaches at least C on a signal, and changes only what a signal raises (any class, any signal)', () => {
    fc.assert(
      fc.property(fc.option(fc.constantFrom(...CLASSES), { nil: null }), fc.boolean(), (imported, signal) => {
        const drawn = drawClass(imported, signal);
        const base = imported ?? 'B';
        expect(rank(drawn)).toBeGreaterThanOrEqual(rank(base));
        if (signal) expect(rank(drawn)).toBeGreaterThanOrEqual(rank('C'));
        if (!signal || rank(base) >= rank('C')) expect(drawn).toBe(base);
        else expect(drawn).toBe('C');
      }),
    );
  });
});
