import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/content-hash.js';
import { statusListPayload } from '../../src/modules/verifier/status-list-service.js';

const row = (
  code: string,
  status: 'active' | 'suspended' | 'revoked' | 'expired',
  organization: string,
  unit: string | null,
  products: string[],
) => ({
  code,
  status,
  expiresOn: '2029-06-10',
  organization,
  unit,
  products: JSON.stringify(products),
});

describe('the status list payload', () => {
  it('writes each holder and each list of products once, entries pointing at them', () => {
    const payload = statusListPayload(
      [
        row('0000-0000-0000', 'active', 'Coop A', 'Familia Uno', ['café', 'miel']),
        row('1111-1111-1111', 'revoked', 'Coop A', null, ['miel']),
        row('2222-2222-2222', 'suspended', 'Coop A', 'Familia Uno', ['café', 'miel']),
        row('3333-3333-3333', 'expired', 'Coop B', null, ['miel']),
      ],
      { issuer: 'sello.example.bo', producedAt: new Date('2026-11-29T12:00:00Z'), nextUpdate: new Date('2026-11-30T12:00:00Z') },
    );
    expect(payload.holders).toEqual([
      ['Coop A', 'Familia Uno'],
      ['Coop A', null],
      ['Coop B', null],
    ]);
    expect(payload.productLists).toEqual([['café', 'miel'], ['miel']]);
    expect(payload.certificates).toEqual([
      ['0000-0000-0000', 0, '2029-06-10', 0, 0],
      ['1111-1111-1111', 2, '2029-06-10', 1, 1],
      ['2222-2222-2222', 1, '2029-06-10', 0, 0],
      ['3333-3333-3333', 3, '2029-06-10', 2, 1],
    ]);
  });

  it('is written in canonical JSON by JSON.stringify, whatever the names hold', () => {
    const names = ['Asociación "Ñandú" \\ Sur', 'Coop\tde\nlínea', 'Ayllu 🐝 Miel', 'Ünïcödé\u2028\u0001', '<script>'];
    const payload = statusListPayload(
      names.map((name, i) => row(`${i}000-0000-0000`, 'active', name, i % 2 ? name : null, [name, 'miel'])),
      { issuer: 'localhost:3000', producedAt: new Date(), nextUpdate: new Date() },
    );
    expect(JSON.stringify(payload)).toBe(canonicalJson(payload));
  });
});
