/**
 * The worked example of docs/draw-algorithm.md §10 against the implementation and the fixtures
 * in test/fixtures: the page is what an independent verifier is written from, so its figures
 * must be the implementation's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rank } from '../../subgraphs/joint/src/draw/algorithm';
import { canonicalPool, recordJson2, runDraw2, type FullRecord2, type PublicRecord2 } from '../../subgraphs/joint/src/draw/ssj-draw-2/algorithm';
import { saltOf } from '../../subgraphs/joint/src/draw/ssj-draw-2/commitments';
import { checkMembership, verifyFullRecord2, verifyPublicRecord2 } from '../../subgraphs/joint/src/draw/ssj-draw-2/verify';
import { verifyAnyDrawRecord } from '../../subgraphs/joint/src/draw/verify-any';

const ROOT = join(__dirname, '..', '..');
const page = readFileSync(join(ROOT, 'docs', 'draw-algorithm.md'), 'utf8');
const example = page.slice(page.indexOf('## 10. Worked example'), page.indexOf('## 11.'));
const publicText = readFileSync(join(ROOT, 'test', 'fixtures', 'ssj-draw-2-example.public.json'), 'utf8');
const fullText = readFileSync(join(ROOT, 'test', 'fixtures', 'ssj-draw-2-example.full.json'), 'utf8');
const full = JSON.parse(fullText) as FullRecord2;

/** The value after a label in the example's prose, e.g. "`secret` = `…`". */
function valueAfter(label: string): string {
  const match = new RegExp(`${label}\`? = \`([0-9a-f]{64})\``).exec(example);
  if (!match) throw new Error(`the example does not give ${label}`);
  return match[1]!;
}

describe('the worked example of the draw specification', () => {
  const secret = valueAfter('`secret');
  const poolKey = valueAfter('`poolKey');
  const pool = full.record.pool;
  const drawn = runDraw2({
    clear: { ...pool, targets: full.targets, inspectors: full.inspectors },
    poolKey,
    secret,
    beacon: '5 8 2',
    drawnOn: '2026-12-03',
  });

  it('is what the implementation computes from the inputs the page lists', () => {
    expect(recordJson2(drawn.fullRecord)).toBe(fullText);
    expect(recordJson2(drawn.publicRecord)).toBe(publicText);
    expect(poolKey).toBe(full.poolKey);
    expect(secret).toBe(full.record.secret);
  });

  it('gives the digest, the seed, the canonical pool size and the salts the page shows', () => {
    expect(valueAfter('`poolDigest')).toBe(drawn.publicRecord.poolDigest);
    expect(example).toContain(`\`seed\` = \`SHA-256(secret + "\\n5 8 2\\n" + poolDigest)\` =\n\`${drawn.publicRecord.seed}\``);
    expect(example).toContain(`is ${Buffer.byteLength(canonicalPool(pool))} bytes and begins`);
    expect(example).toContain(canonicalPool(pool).slice(0, 160));
    expect(example).toContain(`canonical JSON, ${Buffer.byteLength(publicText)}`);
    for (const target of full.targets) {
      expect(example).toContain(`| ${target.uscc} | ${target.class} | ${target.divisions.join(', ')} | \`${saltOf(poolKey, `entry:${target.uscc}`)}\``);
    }
    for (const inspector of full.inspectors) {
      expect(example).toContain(`| ${inspector.id} | \`${saltOf(poolKey, `inspector:${inspector.division}:${inspector.id}`)}\``);
    }
  });

  it('lists the target ranks and every team rank of the tables', () => {
    for (const target of pool.targets) {
      if (target.class === 'A') continue;
      expect(example).toContain(`\`${target.entry.slice(0, 8)}\` ${rank(drawn.publicRecord.seed, `target:${target.entry}`).toString('hex').slice(0, 16)}`);
    }
    const rows = [...example.matchAll(/`([0-9a-f]{8})` \((\d+), ([0-9a-f]{16})\)/g)];
    expect(rows.length).toBeGreaterThanOrEqual(12);
    for (const [, prefix, load, shown] of rows) {
      const inspector = pool.inspectors.find((candidate) => candidate.pseudonym.startsWith(prefix!))!;
      expect(rank(drawn.publicRecord.seed, `team:${inspector.division}:${load}:${inspector.pseudonym}`).toString('hex').slice(0, 16)).toBe(shown);
    }
  });

  it('shows the public record as stored, apart from the pool', () => {
    const block = example.slice(example.indexOf('```json') + 7, example.indexOf('```', example.indexOf('```json') + 7));
    const shown = JSON.parse(block) as Record<string, unknown>;
    const stored = JSON.parse(publicText) as PublicRecord2;
    expect({ ...shown, pool: stored.pool }).toEqual(stored);
  });

  it('verifies, publicly and in full, and lets the drawn entity find itself', () => {
    expect(verifyPublicRecord2(publicText)).toEqual({ ok: true, problems: [] });
    expect(verifyFullRecord2(fullText)).toEqual({ ok: true, problems: [] });
    expect(checkMembership(JSON.parse(publicText), '91411003MA44C3005J', '72f7788474fa333f0dfa0afed83e0cf3')).toMatchObject({ inPool: true, selected: true });
  });
});

describe('the fixtures beside the worked example', () => {
  const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', name), 'utf8');

  it.each(['ssj-draw-2-example', 'ssj-draw-2-exceptions'])('%s: its input file gives exactly its records, and both verify', (name) => {
    const input = JSON.parse(fixture(`${name}.input.json`)) as Parameters<typeof runDraw2>[0];
    const { publicRecord, fullRecord } = runDraw2(input);
    expect(recordJson2(publicRecord)).toBe(fixture(`${name}.public.json`));
    expect(recordJson2(fullRecord)).toBe(fixture(`${name}.full.json`));
    expect(verifyPublicRecord2(fixture(`${name}.public.json`))).toEqual({ ok: true, problems: [] });
    expect(verifyFullRecord2(fixture(`${name}.full.json`))).toEqual({ ok: true, problems: [] });
  });

  it('the exceptions example withdraws, recuses and leaves out what its input says', () => {
    const full = JSON.parse(fixture('ssj-draw-2-exceptions.full.json')) as FullRecord2;
    expect(full.withdrawn.targets).toHaveLength(1);
    expect(full.withdrawn.inspectors).toHaveLength(1);
    expect(full.lateConflicts).toHaveLength(2);
    expect(full.excluded).toHaveLength(1);
    expect(full.record.pool.inspectorsPerDivision).toBe(2);
    const opened = full.record.openings.filter((opening) => opening.late.length > 0);
    expect(opened).toHaveLength(1);
  });

  it('the SSJ-DRAW-1 example still verifies, with the digest and seed the page gives', () => {
    const text = fixture('ssj-draw-1-example.json');
    expect(verifyAnyDrawRecord(text)).toEqual({ kind: 'SSJ-DRAW-1', ok: true, problems: [] });
    const record = JSON.parse(text) as { poolDigest: string; seed: string };
    expect(page).toContain(`\`${record.poolDigest}\``);
    expect(page).toContain(`\`${record.seed}\``);
  });
});
