import { AuditChainVerifier, chainEntry, inputDigest, type ChainedAuditFields } from '../../common/audit/audit-chain';

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
    expect(verify(chain(5))).toEqual({ ok: true, length: 5, firstBrokenAt: null });
    expect(verify([])).toEqual({ ok: true, length: 0, firstBrokenAt: null });
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
});
