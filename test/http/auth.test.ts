import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { countRows, seedUser } from '../helpers/auth.js';

const ORIGIN = { origin: 'http://localhost:3000' };

function sessionCookie(res: request.Response): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookies.find((c) => c.startsWith('sello_sesion='));
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

describe('sign-in with a session cookie', () => {
  it('logs in, reads /me, and logs out ending the session', async () => {
    const app = await buildTestApp();
    const { user, password } = await seedUser(app, { role: 'admin', username: 'ana' });
    const login = await request(app.server).post('/api/v1/auth/login').send({ username: 'ANA', password }).expect(200);
    expect(login.body).toMatchObject({ id: user.id, username: 'ana', role: 'admin' });
    const cookie = sessionCookie(login);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0]!;

    await request(app.server).get('/api/v1/auth/me').set('cookie', pair).expect(200);
    await request(app.server).post('/api/v1/auth/logout').set('cookie', pair).set(ORIGIN).expect(204);
    await request(app.server).get('/api/v1/auth/me').set('cookie', pair).expect(401);
  });

  it('refuses a wrong password with 401 and never says which part was wrong', async () => {
    const app = await buildTestApp();
    const { password } = await seedUser(app, { role: 'admin', username: 'beto' });
    const wrong = await request(app.server)
      .post('/api/v1/auth/login')
      .send({ username: 'beto', password: `${password}x` })
      .expect(401);
    const unknown = await request(app.server).post('/api/v1/auth/login').send({ username: 'nadie', password }).expect(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('rate-limits failed logins per account and address', async () => {
    const app = await buildTestApp();
    const { password } = await seedUser(app, { role: 'admin', username: 'carla' });
    for (let i = 0; i < 5; i++) {
      await request(app.server).post('/api/v1/auth/login').send({ username: 'carla', password: 'incorrecta-123' }).expect(401);
    }
    const blocked = await request(app.server).post('/api/v1/auth/login').send({ username: 'carla', password }).expect(429);
    expect(blocked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(blocked.headers['retry-after']).toBe('60');
  });

  it('lets an account under attack wait longer after every further failure, up to the cap', async () => {
    let clock = new Date('2026-03-01T12:00:00Z');
    const app = await buildTestApp({}, { now: () => clock });
    const { password } = await seedUser(app, { role: 'admin', username: 'gabi' });
    const login = (pw: string) => request(app.server).post('/api/v1/auth/login').send({ username: 'gabi', password: pw });
    for (let i = 0; i < 5; i++) await login('incorrecta-123').expect(401);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await login(password).expect(429);
      expect(res.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
      const wait = Number(res.headers['retry-after']);
      waits.push(wait);
      clock = new Date(clock.getTime() + wait * 1000);
      await login('incorrecta-123').expect(401);
    }
    expect(waits).toEqual([60, 120, 240, 480, 900, 900]);
    clock = new Date(clock.getTime() + 900_000);
    await login(password).expect(200);
  });

  it('does not let wrong passwords from one address stop another account signing in from it', async () => {
    const app = await buildTestApp();
    await seedUser(app, { role: 'admin', username: 'hugo' });
    for (let i = 0; i < 30; i++) {
      const username = i < 5 ? 'hugo' : `nadie-${i}`;
      await request(app.server).post('/api/v1/auth/login').send({ username, password: 'incorrecta-123' }).expect(401);
    }
    const { password: other } = await seedUser(app, { role: 'commission', username: 'ines' });
    // Past its budget, the address's failures are answered 429, but a correct password still signs in.
    const failing = await request(app.server).post('/api/v1/auth/login').send({ username: 'ines', password: 'incorrecta-123' }).expect(429);
    expect(Number(failing.headers['retry-after'])).toBeGreaterThan(0);
    await request(app.server).post('/api/v1/auth/login').send({ username: 'ines', password: other }).expect(200);
  });

  it('refuses cookie-authenticated writes from another origin (CSRF)', async () => {
    const app = await buildTestApp();
    const { password } = await seedUser(app, { role: 'admin', username: 'dora' });
    const pair = sessionCookie(await request(app.server).post('/api/v1/auth/login').send({ username: 'dora', password })).split(';')[0]!;
    const before = countRows(app, 'api_tokens');
    const res = await request(app.server)
      .post('/api/v1/auth/tokens')
      .set('cookie', pair)
      .set('origin', 'https://sitio-malicioso.example')
      .send({ name: 'robado' })
      .expect(403);
    expect(res.body.code).toBe('CSRF_REJECTED');
    await request(app.server).post('/api/v1/auth/tokens').set('cookie', pair).send({ name: 'sin origen' }).expect(403);
    expect(countRows(app, 'api_tokens')).toBe(before);
    await request(app.server).post('/api/v1/auth/tokens').set('cookie', pair).set(ORIGIN).send({ name: 'propio' }).expect(201);
  });

  it('ends every session when an administrator disables the user', async () => {
    const app = await buildTestApp();
    const admin = await seedUser(app, { role: 'admin' });
    const { user, password } = await seedUser(app, { role: 'commission', username: 'eva' });
    const pair = sessionCookie(await request(app.server).post('/api/v1/auth/login').send({ username: 'eva', password })).split(';')[0]!;
    await request(app.server).patch(`/api/v1/users/${user.id}`).set(admin.headers).send({ disabled: true }).expect(200);
    await request(app.server).get('/api/v1/auth/me').set('cookie', pair).expect(401);
    await request(app.server).post('/api/v1/auth/login').send({ username: 'eva', password }).expect(401);
  });

  it('revokes the API tokens of a disabled user for good: re-enabling does not bring them back', async () => {
    const app = await buildTestApp();
    const admin = await seedUser(app, { role: 'admin' });
    const { user, headers } = await seedUser(app, { role: 'commission', username: 'fabio' });
    const created = await request(app.server).post('/api/v1/auth/tokens').set(headers).send({ name: 'script' }).expect(201);
    const bearer = { authorization: `Bearer ${created.body.token as string}` };
    await request(app.server).get('/api/v1/auth/me').set(bearer).expect(200);

    await request(app.server).patch(`/api/v1/users/${user.id}`).set(admin.headers).send({ disabled: true }).expect(200);
    const row = app.db.$client.prepare('SELECT revoked_at AS r FROM api_tokens WHERE id = ?').get(created.body.id) as { r: string | null };
    expect(row.r).not.toBeNull();
    await request(app.server).patch(`/api/v1/users/${user.id}`).set(admin.headers).send({ disabled: false }).expect(200);
    const res = await request(app.server).get('/api/v1/auth/me').set(bearer).expect(401);
    expect(res.body.code).toBe('INVALID_TOKEN');
  });
});

describe('API tokens', () => {
  it('shows the secret once, stores only its hash, and stops working when revoked', async () => {
    const app = await buildTestApp();
    const { headers } = await seedUser(app, { role: 'commission' });
    const created = await request(app.server).post('/api/v1/auth/tokens').set(headers).send({ name: 'script de visitas' }).expect(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^sello_[A-Za-z0-9_-]{43}$/);
    const stored = app.db.$client.prepare('SELECT token_hash AS h FROM api_tokens WHERE id = ?').get(created.body.id) as { h: string };
    expect(stored.h).not.toContain(token);

    const list = await request(app.server).get('/api/v1/auth/tokens').set('authorization', `Bearer ${token}`).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(token);
    await request(app.server).delete(`/api/v1/auth/tokens/${created.body.id}`).set(headers).expect(204);
    const revoked = await request(app.server).get('/api/v1/auth/me').set('authorization', `Bearer ${token}`).expect(401);
    expect(revoked.body.code).toBe('INVALID_TOKEN');
  });

  it('refuses a malformed or unknown bearer token with 401', async () => {
    const app = await buildTestApp();
    await request(app.server).get('/api/v1/auth/me').set('authorization', 'Bearer sello_inventado').expect(401);
    await request(app.server).get('/api/v1/auth/me').set('authorization', 'Basic abc').expect(401);
  });

  it('cannot revoke somebody else’s token', async () => {
    const app = await buildTestApp();
    const a = await seedUser(app, { role: 'commission' });
    const b = await seedUser(app, { role: 'commission' });
    const created = await request(app.server).post('/api/v1/auth/tokens').set(a.headers).send({ name: 'a' }).expect(201);
    await request(app.server).delete(`/api/v1/auth/tokens/${created.body.id}`).set(b.headers).expect(404);
  });
});

describe('users', () => {
  it('only administrators manage users; passwords never appear in responses', async () => {
    const app = await buildTestApp();
    const admin = await seedUser(app, { role: 'admin' });
    const commission = await seedUser(app, { role: 'commission' });
    const body = { username: 'fabiola', displayName: 'Fabiola Quispe', password: 'una-clave-larga-1', role: 'commission' };
    const before = countRows(app, 'users');
    await request(app.server).post('/api/v1/users').set(commission.headers).send(body).expect(403);
    await request(app.server).post('/api/v1/users').send(body).expect(401);
    expect(countRows(app, 'users')).toBe(before);
    const created = await request(app.server).post('/api/v1/users').set(admin.headers).send(body).expect(201);
    expect(JSON.stringify(created.body)).not.toMatch(/password|una-clave|argon2/);
    const list = await request(app.server).get('/api/v1/users').set(admin.headers).expect(200);
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|passwordHash/);
    await request(app.server).post('/api/v1/users').set(admin.headers).send(body).expect(409);
  });

  it('refuses unknown fields, short passwords and a committee account without organisation, writing nothing', async () => {
    const app = await buildTestApp();
    const admin = await seedUser(app, { role: 'admin' });
    const before = countRows(app, 'users');
    const base = { username: 'gabo', displayName: 'Gabo', password: 'una-clave-larga-1', role: 'committee' };
    const extra = await request(app.server)
      .post('/api/v1/users')
      .set(admin.headers)
      .send({ ...base, isAdmin: true })
      .expect(400);
    expect(extra.body.code).toBe('VALIDATION_FAILED');
    const short = await request(app.server)
      .post('/api/v1/users')
      .set(admin.headers)
      .send({ ...base, password: 'corta' })
      .expect(400);
    expect(short.body.issues[0]).toMatchObject({ path: 'body.password' });
    const scope = await request(app.server).post('/api/v1/users').set(admin.headers).send(base).expect(400);
    expect(scope.body.issues[0]).toMatchObject({ path: 'body.organizationId' });
    expect(countRows(app, 'users')).toBe(before);
  });
});
