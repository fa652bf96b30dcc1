/**
 * Certificate-Transparency Merkle tree hashing (RFC 6962, RFC 9162 §2.1): tree
 * heads, inclusion proofs and consistency proofs, so that anyone holding a
 * published tree head can check that a record is in the log and that the log
 * only ever grew. Hashes are SHA-256; leaf and node hashes are domain-separated.
 */
import { createHash } from 'node:crypto';

export const HASH_SIZE = 32;

export type InclusionCheck = {
  leafHash: Uint8Array;
  /** Zero-based position of the leaf. */
  index: number;
  treeSize: number;
  /** Sibling hashes from the leaf up to the root, as built by `inclusionProof`. */
  proof: readonly Uint8Array[];
  root: Uint8Array;
};

export type ConsistencyCheck = {
  oldSize: number;
  newSize: number;
  oldRoot: Uint8Array;
  newRoot: Uint8Array;
  proof: readonly Uint8Array[];
};

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Uint8Array = sha256();

export function leafHash(data: Uint8Array): Uint8Array {
  return sha256(LEAF_PREFIX, data);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE_PREFIX, left, right);
}

/** The largest power of two strictly smaller than n (n ≥ 2): where RFC 6962 splits a tree. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over leaves[lo, hi); recursion depth is log2(n), total work n − 1 node hashes. */
function subtreeRoot(leaves: readonly Uint8Array[], lo: number, hi: number): Uint8Array {
  const n = hi - lo;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leaves[lo]!;
  const k = splitPoint(n);
  return nodeHash(subtreeRoot(leaves, lo, lo + k), subtreeRoot(leaves, lo + k, hi));
}

export function rootHash(leafHashes: readonly Uint8Array[]): Uint8Array {
  return subtreeRoot(leafHashes, 0, leafHashes.length);
}

function assertSize(value: number, max: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} fuera de rango: ${value} (debe estar entre 0 y ${max})`);
  }
}

/** PATH(index, D[n]) of RFC 9162 §2.1.3.1: the audit path, leaf level first. O(n) hashes. */
export function inclusionProof(leafHashes: readonly Uint8Array[], index: number): Uint8Array[] {
  assertSize(index, leafHashes.length - 1, 'índice de hoja');
  const topDown: Uint8Array[] = [];
  let lo = 0;
  let hi = leafHashes.length;
  let m = index;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (m < k) {
      topDown.push(subtreeRoot(leafHashes, lo + k, hi));
      hi = lo + k;
    } else {
      topDown.push(subtreeRoot(leafHashes, lo, lo + k));
      lo += k;
      m -= k;
    }
  }
  return topDown.reverse();
}

/**
 * PROOF(oldSize, D[n]) of RFC 9162 §2.1.4.1: the hashes that link the tree head
 * at `oldSize` to the current one. Empty when oldSize is 0 or the whole tree.
 */
export function consistencyProof(leafHashes: readonly Uint8Array[], oldSize: number): Uint8Array[] {
  assertSize(oldSize, leafHashes.length, 'tamaño anterior');
  if (oldSize === 0 || oldSize === leafHashes.length) return [];
  // SUBPROOF(m, D[lo:hi], b) unrolled: each level appends one hash, bottom level last.
  const topDown: Uint8Array[] = [];
  let lo = 0;
  let hi = leafHashes.length;
  let m = oldSize;
  let wholeOldTree = true;
  while (m !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (m <= k) {
      topDown.push(subtreeRoot(leafHashes, lo + k, hi));
      hi = lo + k;
    } else {
      topDown.push(subtreeRoot(leafHashes, lo, lo + k));
      lo += k;
      m -= k;
      wholeOldTree = false;
    }
  }
  // The old tree head itself is left out when the verifier already has it.
  if (!wholeOldTree) topDown.push(subtreeRoot(leafHashes, lo, hi));
  return topDown.reverse();
}

function isHash(value: Uint8Array): boolean {
  return value instanceof Uint8Array && value.length === HASH_SIZE;
}

function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function isPowerOfTwo(n: number): boolean {
  while (n > 1 && n % 2 === 0) n /= 2;
  return n === 1;
}

const isLsbSet = (x: number) => x % 2 === 1;
// Division rather than >>: tree sizes may exceed 2^31.
const half = (x: number) => Math.floor(x / 2);

/** RFC 9162 §2.1.3.2. Never throws: anything malformed simply does not verify. */
export function verifyInclusion({ leafHash, index, treeSize, proof, root }: InclusionCheck): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  if (!isHash(leafHash) || !isHash(root) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isLsbSet(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isLsbSet(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameHash(r, root);
}

/**
 * RFC 9162 §2.1.4.2, with the trivial cases made explicit: equal sizes need
 * equal roots and an empty proof; an empty old tree needs the empty-tree root.
 * Never throws.
 */
export function verifyConsistency({ oldSize, newSize, oldRoot, newRoot, proof }: ConsistencyCheck): boolean {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) return false;
  if (!isHash(oldRoot) || !isHash(newRoot) || !proof.every(isHash)) return false;
  if (oldSize === newSize) return proof.length === 0 && sameHash(oldRoot, newRoot);
  if (oldSize === 0) return proof.length === 0 && sameHash(oldRoot, EMPTY_ROOT);
  if (proof.length === 0) return false;

  // A power-of-two old tree is a complete subtree of the new one: its root starts the path.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isLsbSet(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isLsbSet(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isLsbSet(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameHash(fr, oldRoot) && sameHash(sr, newRoot);
}
