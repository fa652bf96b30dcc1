import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  rootHash,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
} from '../../src/domain/merkle.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

// RFC 6962 reference data as published in transparency-dev/merkle (testonly/constants.go, proof/verify_test.go).
const LEAF_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(unhex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const LEAF_HASHES_HEX = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
];
// Zero-based index (the Go vectors number leaves from 1).
const INCLUSION_VECTORS = [
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  { index: 0, size: 1, proof: [] },
];
const CONSISTENCY_VECTORS = [
  {
    oldSize: 1,
    newSize: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    oldSize: 6,
    newSize: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    oldSize: 2,
    newSize: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    oldSize: 6,
    newSize: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { oldSize: 1, newSize: 1, proof: [] },
];

// An independent, literal transcription of RFC 9162 §2.1 over array slices, to derive vectors for larger trees.
const sha = (...parts: Uint8Array[]) => new Uint8Array(parts.reduce((h, p) => h.update(p), createHash('sha256')).digest());
function refSplit(n: number): number {
  return 2 ** Math.ceil(Math.log2(n) - 1);
}
function refMth(d: Uint8Array[]): Uint8Array {
  if (d.length === 0) return sha();
  if (d.length === 1) return sha(Uint8Array.of(0), d[0]!);
  const k = refSplit(d.length);
  return sha(Uint8Array.of(1), refMth(d.slice(0, k)), refMth(d.slice(k)));
}
function refPath(m: number, d: Uint8Array[]): Uint8Array[] {
  if (d.length === 1) return [];
  const k = refSplit(d.length);
  return m < k ? [...refPath(m, d.slice(0, k)), refMth(d.slice(k))] : [...refPath(m - k, d.slice(k)), refMth(d.slice(0, k))];
}
function refSubproof(m: number, d: Uint8Array[], b: boolean): Uint8Array[] {
  if (m === d.length) return b ? [] : [refMth(d)];
  const k = refSplit(d.length);
  return m <= k
    ? [...refSubproof(m, d.slice(0, k), b), refMth(d.slice(k))]
    : [...refSubproof(m - k, d.slice(k), false), refMth(d.slice(0, k))];
}

const dataOf = (n: number, seed = 0) => Array.from({ length: n }, (_, i) => new TextEncoder().encode(`hoja ${seed}/${i}`));
const flipByte = (b: Uint8Array, at: number, mask = 1) => {
  const copy = Uint8Array.from(b);
  copy[at % copy.length]! ^= mask;
  return copy;
};

describe('RFC 6962 test vectors', () => {
  it('hashes leaves and roots like every other CT implementation', () => {
    expect(hex(EMPTY_ROOT)).toBe(ROOTS[0]);
    expect(hex(rootHash([]))).toBe(ROOTS[0]);
    const leaves = LEAF_INPUTS.map(leafHash);
    expect(leaves.map(hex)).toEqual(LEAF_HASHES_HEX);
    for (let n = 0; n <= 8; n += 1) expect(hex(rootHash(leaves.slice(0, n))), `size ${n}`).toBe(ROOTS[n]);
  });

  it('builds and verifies the published inclusion proofs', () => {
    const leaves = LEAF_INPUTS.map(leafHash);
    for (const v of INCLUSION_VECTORS) {
      const tree = leaves.slice(0, v.size);
      expect(inclusionProof(tree, v.index).map(hex), `${v.index}/${v.size}`).toEqual(v.proof);
      const check = {
        leafHash: leaves[v.index]!,
        index: v.index,
        treeSize: v.size,
        proof: v.proof.map(unhex),
        root: unhex(ROOTS[v.size]!),
      };
      expect(verifyInclusion(check)).toBe(true);
      expect(verifyInclusion({ ...check, root: EMPTY_ROOT })).toBe(false);
    }
  });

  it('builds and verifies the published consistency proofs', () => {
    const leaves = LEAF_INPUTS.map(leafHash);
    for (const v of CONSISTENCY_VECTORS) {
      expect(consistencyProof(leaves.slice(0, v.newSize), v.oldSize).map(hex), `${v.oldSize}→${v.newSize}`).toEqual(v.proof);
      const check = {
        oldSize: v.oldSize,
        newSize: v.newSize,
        oldRoot: unhex(ROOTS[v.oldSize]!),
        newRoot: unhex(ROOTS[v.newSize]!),
        proof: v.proof.map(unhex),
      };
      expect(verifyConsistency(check)).toBe(true);
      if (v.oldSize !== v.newSize) expect(verifyConsistency({ ...check, oldRoot: check.newRoot, newRoot: check.oldRoot })).toBe(false);
    }
  });

  it('splits at the largest power of two smaller than n, not at the midpoint', () => {
    const cases: [number, number][] = [
      [2, 1],
      [3, 2],
      [4, 2],
      [5, 4],
      [7, 4],
      [8, 4],
      [9, 8],
      [1000, 512],
      [2 ** 40 + 1, 2 ** 40],
    ];
    for (const [n, k] of cases) expect(splitPoint(n), String(n)).toBe(k);
  });
});

describe('agreement with the literal RFC definitions', () => {
  it('gives the same roots, audit paths and consistency proofs for every tree up to 70 leaves', () => {
    const data = dataOf(70);
    const leaves = data.map(leafHash);
    for (let n = 0; n <= data.length; n += 1) {
      const d = data.slice(0, n);
      const tree = leaves.slice(0, n);
      expect(hex(rootHash(tree)), `root ${n}`).toBe(hex(refMth(d)));
      for (let m = 0; m < n; m += 1) expect(inclusionProof(tree, m).map(hex), `path ${m}/${n}`).toEqual(refPath(m, d).map(hex));
      for (let m = 1; m < n; m += 1)
        expect(consistencyProof(tree, m).map(hex), `proof ${m}→${n}`).toEqual(refSubproof(m, d, true).map(hex));
    }
  });

  it('rejects out-of-range arguments when building proofs', () => {
    const leaves = dataOf(5).map(leafHash);
    expect(() => inclusionProof(leaves, 5)).toThrow(RangeError);
    expect(() => inclusionProof(leaves, -1)).toThrow(RangeError);
    expect(() => inclusionProof([], 0)).toThrow(RangeError);
    expect(() => consistencyProof(leaves, 6)).toThrow(RangeError);
    expect(() => consistencyProof(leaves, 1.5)).toThrow(RangeError);
    expect(consistencyProof(leaves, 0)).toEqual([]);
    expect(consistencyProof(leaves, 5)).toEqual([]);
  });
});

describe('inclusion proofs', () => {
  const treeSizes = fc.integer({ min: 1, max: 300 });

  it('verify for every index of random trees', () => {
    fc.assert(
      fc.property(treeSizes, fc.nat(), (n, seed) => {
        const leaves = dataOf(n, seed).map(leafHash);
        const root = rootHash(leaves);
        for (let index = 0; index < n; index += 1) {
          const ok = verifyInclusion({ leafHash: leaves[index]!, index, treeSize: n, proof: inclusionProof(leaves, index), root });
          if (!ok) expect.fail(`index ${index} of ${n} did not verify`);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('fail when any byte of the leaf, the proof or the root changes, or the index or size changes', () => {
    fc.assert(
      fc.property(treeSizes, fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), (n, seed, pick, at, mask) => {
        const leaves = dataOf(n, seed).map(leafHash);
        const root = rootHash(leaves);
        const index = pick % n;
        const proof = inclusionProof(leaves, index);
        const good = { leafHash: leaves[index]!, index, treeSize: n, proof, root };
        expect(verifyInclusion(good)).toBe(true);

        expect(verifyInclusion({ ...good, leafHash: flipByte(good.leafHash, at, mask) })).toBe(false);
        expect(verifyInclusion({ ...good, root: flipByte(root, at, mask) })).toBe(false);
        if (proof.length > 0) {
          const i = at % proof.length;
          const tampered = proof.map((p, j) => (j === i ? flipByte(p, Math.floor(at / proof.length), mask) : p));
          expect(verifyInclusion({ ...good, proof: tampered })).toBe(false);
          expect(verifyInclusion({ ...good, proof: proof.slice(0, -1) })).toBe(false);
          expect(verifyInclusion({ ...good, proof: proof.slice(1) })).toBe(false);
        }
        expect(verifyInclusion({ ...good, proof: [...proof, root] })).toBe(false);
        expect(verifyInclusion({ ...good, proof: [root, ...proof] })).toBe(false);
        for (const other of [index - 1, index + 1, index ^ 2, n, -1]) {
          if (other !== index) expect(verifyInclusion({ ...good, index: other }), `index ${other}`).toBe(false);
        }
        expect(verifyInclusion({ ...good, treeSize: n * 2 })).toBe(false);
        expect(verifyInclusion({ ...good, treeSize: Math.floor(n / 2) })).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('reject malformed input instead of throwing', () => {
    const leaves = dataOf(4).map(leafHash);
    const good = { leafHash: leaves[1]!, index: 1, treeSize: 4, proof: inclusionProof(leaves, 1), root: rootHash(leaves) };
    expect(verifyInclusion(good)).toBe(true);
    expect(verifyInclusion({ ...good, leafHash: good.leafHash.slice(0, 31) })).toBe(false);
    expect(verifyInclusion({ ...good, proof: [good.proof[0]!.slice(1), ...good.proof.slice(1)] })).toBe(false);
    expect(verifyInclusion({ ...good, index: 1.5 })).toBe(false);
    expect(verifyInclusion({ ...good, index: 0, treeSize: 0, proof: [] })).toBe(false);
    // A one-leaf tree: the leaf hash is the root, the proof is empty.
    expect(verifyInclusion({ leafHash: leaves[0]!, index: 0, treeSize: 1, proof: [], root: leaves[0]! })).toBe(true);
  });
});

describe('consistency proofs', () => {
  it('verify for every old size m ≤ n of every tree up to 64 leaves, and fail against the wrong old head', () => {
    const leaves = dataOf(64, 7).map(leafHash);
    const roots = Array.from({ length: 65 }, (_, n) => rootHash(leaves.slice(0, n)));
    for (let n = 0; n <= 64; n += 1) {
      const tree = leaves.slice(0, n);
      for (let m = 0; m <= n; m += 1) {
        const check = { oldSize: m, newSize: n, oldRoot: roots[m]!, newRoot: roots[n]!, proof: consistencyProof(tree, m) };
        if (!verifyConsistency(check)) expect.fail(`${m}→${n} did not verify`);
        if (m > 0 && m < n && verifyConsistency({ ...check, oldRoot: roots[m - 1]! })) expect.fail(`${m}→${n} verified a wrong old head`);
      }
    }
  });

  it('verify for random old sizes of random trees up to 300 leaves, and fail on any tampering', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 300 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (n, seed, pick, at, mask) => {
          const leaves = dataOf(n, seed).map(leafHash);
          const m = 1 + (pick % (n - 1));
          const oldRoot = rootHash(leaves.slice(0, m));
          const newRoot = rootHash(leaves);
          const proof = consistencyProof(leaves, m);
          const good = { oldSize: m, newSize: n, oldRoot, newRoot, proof };
          expect(verifyConsistency(good)).toBe(true);
          expect(proof.length).toBeGreaterThan(0);

          expect(verifyConsistency({ ...good, oldRoot: flipByte(oldRoot, at, mask) })).toBe(false);
          expect(verifyConsistency({ ...good, newRoot: flipByte(newRoot, at, mask) })).toBe(false);
          expect(verifyConsistency({ ...good, oldRoot: newRoot, newRoot: oldRoot })).toBe(false);
          const i = at % proof.length;
          const tampered = proof.map((p, j) => (j === i ? flipByte(p, Math.floor(at / proof.length), mask) : p));
          expect(verifyConsistency({ ...good, proof: tampered })).toBe(false);
          expect(verifyConsistency({ ...good, proof: proof.slice(0, -1) })).toBe(false);
          expect(verifyConsistency({ ...good, proof: [...proof, oldRoot] })).toBe(false);
          expect(verifyConsistency({ ...good, proof: [proof[0]!, ...proof] })).toBe(false);
          expect(verifyConsistency({ ...good, proof: [] })).toBe(false);
          for (const [oldSize, newSize] of [
            [m - 1, n],
            [m + 1, n],
            [m ^ 2, n],
            [m, n * 2],
            [m, Math.floor(n / 2)],
          ] as const) {
            if (oldSize === m && newSize === n) continue;
            expect(verifyConsistency({ ...good, oldSize, newSize }), `${oldSize}→${newSize}`).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handle the trivial sizes strictly', () => {
    const leaves = dataOf(3).map(leafHash);
    const root = rootHash(leaves);
    expect(verifyConsistency({ oldSize: 0, newSize: 3, oldRoot: EMPTY_ROOT, newRoot: root, proof: [] })).toBe(true);
    expect(verifyConsistency({ oldSize: 0, newSize: 3, oldRoot: root, newRoot: root, proof: [] })).toBe(false);
    expect(verifyConsistency({ oldSize: 0, newSize: 3, oldRoot: EMPTY_ROOT, newRoot: root, proof: [root] })).toBe(false);
    expect(verifyConsistency({ oldSize: 3, newSize: 3, oldRoot: root, newRoot: root, proof: [] })).toBe(true);
    expect(verifyConsistency({ oldSize: 3, newSize: 3, oldRoot: root, newRoot: EMPTY_ROOT, proof: [] })).toBe(false);
    expect(verifyConsistency({ oldSize: 3, newSize: 3, oldRoot: root, newRoot: root, proof: [root] })).toBe(false);
    expect(verifyConsistency({ oldSize: 3, newSize: 2, oldRoot: root, newRoot: root, proof: [] })).toBe(false);
    expect(verifyConsistency({ oldSize: 0, newSize: 0, oldRoot: EMPTY_ROOT, newRoot: EMPTY_ROOT, proof: [] })).toBe(true);
    expect(verifyConsistency({ oldSize: 1, newSize: 1, oldRoot: root.slice(1), newRoot: root.slice(1), proof: [] })).toBe(false);
  });
});

describe('scale', () => {
  it('handles 100,000 leaves', () => {
    const leaves = Array.from({ length: 100_000 }, (_, i) => leafHash(new TextEncoder().encode(String(i))));
    const root = rootHash(leaves);
    const proof = inclusionProof(leaves, 76_543);
    const consistency = consistencyProof(leaves, 65_537);
    expect(proof).toHaveLength(17);
    expect(verifyInclusion({ leafHash: leaves[76_543]!, index: 76_543, treeSize: 100_000, proof, root })).toBe(true);
    expect(
      verifyConsistency({
        oldSize: 65_537,
        newSize: 100_000,
        oldRoot: rootHash(leaves.slice(0, 65_537)),
        newRoot: root,
        proof: consistency,
      }),
    ).toBe(true);
  });
});
