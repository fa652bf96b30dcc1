import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainEntry, GENESIS_HASH, verifyChain, type AuditEntry } from '../../src/domain/audit-chain.js';

function buildChain(changes: unknown[]): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  changes.forEach((change, i) => {
    const entry = chainEntry(prev, {
      seq: i + 1,
      at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      actorId: 'u1',
      actorLabel: 'ana (admin)',
      entity: 'producer',
      entityId: `p${i}`,
      action: 'create',
      change,
    });
    entries.push(entry);
    prev = entry.hash;
  });
  return entries;
}

const changes = fc.array(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 12 });

describe('verifyChain', () => {
  it('accepts an untouched chain and reports its head', () => {
    fc.assert(
      fc.property(changes, (cs) => {
        const chain = buildChain(cs);
        expect(verifyChain(chain)).toEqual({ ok: true, entries: cs.length, head: chain.at(-1)!.hash });
      }),
    );
    expect(verifyChain([])).toEqual({ ok: true, entries: 0, head: GENESIS_HASH });
  });

  it('finds the first altered entry, whatever field is changed', () => {
    fc.assert(
      fc.property(changes, fc.nat(), fc.constantFrom('at', 'actorId', 'action', 'entityId', 'change'), (cs, pick, field) => {
        const chain = buildChain(cs);
        const i = pick % chain.length;
        const tampered = chain.map((e) => ({ ...e }));
        (tampered[i] as Record<string, unknown>)[field] = field === 'change' ? { altered: true } : 'alterado';
        expect(verifyChain(tampered)).toMatchObject({ ok: false, brokenAt: i + 1 });
      }),
    );
  });

  it('detects a removed entry and a recomputed entry that no longer links', () => {
    const chain = buildChain([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(verifyChain([chain[0]!, chain[2]!])).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: expect.stringContaining('falta la entrada 2'),
    });
    const forged = chainEntry(GENESIS_HASH, { ...chain[1]!, change: { a: 99 } });
    expect(verifyChain([chain[0]!, forged, chain[2]!])).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: expect.stringContaining('no enlaza'),
    });
  });
});
