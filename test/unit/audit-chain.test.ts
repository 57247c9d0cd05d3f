import { createHash } from 'node:crypto';
import { AuditChainVerifier, chainEntry, fieldChanges, inputDigest, type ChainedAuditFields } from '../../common/audit/audit-chain';
import { canonicalJson, type CanonicalValue } from '../../common/canonical-json';

function chain(length: number): ChainedAuditFields[] {
  const entries: ChainedAuditFields[] = [];
  for (let seq = 1; seq <= length; seq++) {
    const previous = entries[entries.length - 1] ?? null;
    entries.push(
      chainEntry(
        {
          seq,
          at: `2026-11-28T08:00:${String(seq).padStart(2, '0')}.000Z`,
          actor: 'admin-ZA',
          role: 'division_admin',
          division: 'ZA',
          action: 'saveTarget',
          subject: `target:${seq}`,
          inputDigest: inputDigest({ seq }),
          requestId: null,
        },
        previous,
      ),
    );
  }
  return entries;
}

function verify(entries: ChainedAuditFields[], head = entries[entries.length - 1]) {
  const verifier = new AuditChainVerifier();
  entries.forEach((entry) => verifier.accept(entry));
  return verifier.finish(head ? { seq: head.seq, hash: head.hash } : null);
}

describe('audit chain', () => {
  it('verifies an intact chain and an empty one', () => {
    expect(verify(chain(5))).toEqual({ ok: true, length: 5, firstBrokenAt: null, refusals: 0 });
    expect(verify([])).toEqual({ ok: true, length: 0, firstBrokenAt: null, refusals: 0 });
  });

  it('finds an edited row', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, actor: 'someone-else' };
    expect(verify(entries)).toMatchObject({ ok: false, firstBrokenAt: 3 });
  });

  it('finds a removed row in the middle and at the end', () => {
    const entries = chain(5);
    expect(verify([...entries.slice(0, 1), ...entries.slice(2)], entries[4])).toMatchObject({ ok: false, firstBrokenAt: 2 });
    expect(verify(entries.slice(0, 4), entries[4])).toMatchObject({ ok: false, firstBrokenAt: 5 });
  });

  it('finds a row rewritten with a recomputed hash, because the next row still points at the old one', () => {
    const entries = chain(4);
    const { prevHash: _prev, hash: _hash, ...fields } = entries[1]!;
    const forged = chainEntry({ ...fields, action: 'nothingHappened' }, entries[0]!);
    entries[1] = forged;
    expect(verify(entries)).toMatchObject({ ok: false, firstBrokenAt: 3 });
  });

  it('digests inputs independently of key order', () => {
    expect(inputDigest({ a: 1, b: ['x'] })).toBe(inputDigest({ b: ['x'], a: 1 }));
    expect(inputDigest({ a: 1 })).not.toBe(inputDigest({ a: 2 }));
  });

  it('hashes an entry without name, changes or refusal exactly as versions before them did', () => {
    const [entry] = chain(1);
    const { hash, ...older } = entry!;
    expect(hash).toBe(
      createHash('sha256')
        .update(canonicalJson(older as unknown as CanonicalValue))
        .digest('hex'),
    );
    // Stored with the new columns empty, as an upgraded database holds it, it still verifies.
    expect(verify([{ ...entry!, actorName: null, changes: null, refusal: null }])).toMatchObject({ ok: true });
  });

  it('covers name, changes and refusal when present: blanking or editing any of them breaks the chain there', () => {
    const entries = chain(2);
    const { prevHash: _prev, hash: _hash, ...fields } = entries[1]!;
    entries[1] = chainEntry(
      { ...fields, actorName: 'ZA 管理员', changes: [{ field: 'unit', before: '治安大队', after: '出入境大队' }], refusal: null },
      entries[0]!,
    );
    entries.push(chainEntry({ ...fields, seq: 3, actorName: '王分析', refusal: 'FORBIDDEN' }, entries[1]!));
    expect(verify(entries)).toEqual({ ok: true, length: 3, firstBrokenAt: null, refusals: 1 });
    expect(verify([entries[0]!, { ...entries[1]!, actorName: null }, entries[2]!], entries[2])).toMatchObject({ ok: false, firstBrokenAt: 2 });
    expect(
      verify([entries[0]!, { ...entries[1]!, changes: [{ field: 'unit', before: '治安大队', after: '别的大队' }] }, entries[2]!], entries[2]),
    ).toMatchObject({ ok: false, firstBrokenAt: 2 });
    expect(verify([entries[0]!, entries[1]!, { ...entries[2]!, refusal: null }], entries[2])).toMatchObject({ ok: false, firstBrokenAt: 3 });
  });

  it('lists only the fields an update changed, values as text', () => {
    const before = { name: '旅馆', ratioBp: 500, items: ['ZA-001'], note: null as string | null };
    expect(fieldChanges(before, { name: '旅馆', ratioBp: 800, items: ['ZA-001', 'ZA-002'], note: '备注' }, ['name', 'ratioBp', 'items', 'note'])).toEqual([
      { field: 'ratioBp', before: '500', after: '800' },
      { field: 'items', before: '["ZA-001"]', after: '["ZA-001","ZA-002"]' },
      { field: 'note', before: null, after: '备注' },
    ]);
    expect(fieldChanges(before, { ...before }, ['name', 'ratioBp', 'items', 'note'])).toEqual([]);
  });
});
