/**
 * The passwords the administration hands over (a new account, a reset): random, shown once, easy to
 * read aloud and to type on a phone. Lowercase letters and digits without the ones people confuse
 * (0/o, 1/l/i), in four groups of four: "k7mp-2qsx-9fhw-4tn3".
 *
 * Entropy: 16 symbols drawn uniformly from 31 give 16 × log2(31) ≈ 79 bits; the hyphens add none.
 */

export const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const PASSWORD_GROUPS = 4;
export const PASSWORD_GROUP_SIZE = 4;
export const PASSWORD_ENTROPY_BITS = PASSWORD_GROUPS * PASSWORD_GROUP_SIZE * Math.log2(PASSWORD_ALPHABET.length);

/**
 * A new password. `randomIndex(n)` must return a uniformly random integer in [0, n), from a
 * cryptographic source (node:crypto's `randomInt`); tests pass their own.
 */
export function generateOneTimePassword(randomIndex: (n: number) => number): string {
  const groups: string[] = [];
  for (let g = 0; g < PASSWORD_GROUPS; g += 1) {
    let group = '';
    for (let s = 0; s < PASSWORD_GROUP_SIZE; s += 1) {
      const index = randomIndex(PASSWORD_ALPHABET.length);
      if (!Number.isInteger(index) || index < 0 || index >= PASSWORD_ALPHABET.length) {
        throw new RangeError(`randomIndex returned ${index}, outside [0, ${PASSWORD_ALPHABET.length})`);
      }
      group += PASSWORD_ALPHABET[index];
    }
    groups.push(group);
  }
  return groups.join('-');
}
