import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../src/domain/audit-chain.js';
import { anchorProblem, headPayload, type TrailView } from '../../src/domain/audit-head.js';

/** A trail of `n` entries whose hashes are `h1`…`hn`. */
const trail = (n: number, hashes: Record<number, string> = {}): TrailView => ({
  entries: n,
  hashAt: (seq) => (seq >= 1 && seq <= n ? (hashes[seq] ?? `h${seq}`) : undefined),
});

const at = '2026-11-29T12:00:00.000Z';

describe('anchorProblem', () => {
  it('accepts a trail that has the anchored entry with its hash, whether it grew since or not', () => {
    expect(anchorProblem(trail(45), { entries: 45, head: 'h45', timestamp: at }, 'head')).toBeNull();
    expect(anchorProblem(trail(60), { entries: 45, head: 'h45', timestamp: at }, 'checkpoint')).toBeNull();
  });

  it('accepts an empty head on any trail: it anchors the genesis hash', () => {
    expect(anchorProblem(trail(0), { entries: 0, head: GENESIS_HASH, timestamp: at }, 'head')).toBeNull();
    expect(anchorProblem(trail(3), { entries: 0, head: GENESIS_HASH, timestamp: at }, 'head')).toBeNull();
    expect(anchorProblem(trail(3), { entries: 0, head: 'h0', timestamp: at }, 'head')).toMatch(/se reescribió/);
  });

  it('says entries were deleted when the trail is shorter than the anchor, naming counts and date', () => {
    expect(anchorProblem(trail(40), { entries: 45, head: 'h45', timestamp: at }, 'head')).toBe(
      `El historial tiene 40 entradas, menos que las 45 de la cabeza firmada el ${at}: se borraron entradas`,
    );
    expect(anchorProblem(trail(40), { entries: 45, head: 'h45', timestamp: at }, 'checkpoint')).toBe(
      `El historial tiene 40 entradas, menos que las 45 del punto de control firmado el ${at}: se borraron entradas`,
    );
  });

  it('says history was rewritten when the anchored entry has another hash', () => {
    const rewritten = trail(50, { 45: 'otra' });
    expect(anchorProblem(rewritten, { entries: 45, head: 'h45', timestamp: at }, 'head')).toBe(
      `El historial no contiene la entrada 45 de la cabeza firmada el ${at} tal como se firmó: se reescribió la historia`,
    );
    expect(anchorProblem(rewritten, { entries: 44, head: 'h44', timestamp: at }, 'head')).toBeNull();
  });
});

describe('headPayload', () => {
  it('keeps exactly the signed fields', () => {
    expect(headPayload({ entries: 3, head: 'h3', timestamp: at, signature: 'x', extra: 1 } as never)).toEqual({
      entries: 3,
      head: 'h3',
      timestamp: at,
    });
  });
});
