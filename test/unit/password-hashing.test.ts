import { describe, expect, it } from 'vitest';
import { createPasswordHasher } from '../../src/modules/auth/secrets.js';

describe('password hashing cost', () => {
  it('is OWASP’s argon2id baseline unless configured', async () => {
    expect(await createPasswordHasher().hash('una-clave')).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it('follows the configured cost for new hashes, the dummy one included, and verifies hashes of any cost', async () => {
    const strong = await createPasswordHasher().hash('una-clave');
    const cheapHasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
    const cheap = await cheapHasher.hash('una-clave');
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    expect(await cheapHasher.dummyHash()).toMatch(/\$m=1024,p=1,t=1\$/);
    expect(await cheapHasher.verify(strong, 'una-clave')).toBe(true);
    expect(await cheapHasher.verify(cheap, 'una-clave')).toBe(true);
    expect(await cheapHasher.verify(cheap, 'otra-clave')).toBe(false);
    expect(await cheapHasher.verify('no es un hash', 'una-clave')).toBe(false);
  });
});
