import { Writable } from 'node:stream';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, LOG_REDACT } from '../../src/app.js';
import { testConfig } from '../helpers/app.js';
import { seedUser } from '../helpers/auth.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe('logs', () => {
  it('never contain passwords, session secrets or API tokens, even at trace level', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = await buildApp({ config: testConfig(), logger: { level: 'trace', stream, redact: LOG_REDACT } });
    close = () => app.close();
    const { password } = await seedUser(app, { role: 'admin', username: 'lucia' });

    const login = await request(app.server).post('/api/v1/auth/login').send({ username: 'lucia', password }).expect(200);
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? [])[0]!.split(';')[0]!;
    const created = await request(app.server)
      .post('/api/v1/auth/tokens')
      .set('cookie', cookie)
      .set('origin', 'http://localhost:3000')
      .send({ name: 'x' })
      .expect(201);
    await request(app.server).get('/api/v1/auth/me').set('authorization', `Bearer ${created.body.token}`).expect(200);
    await request(app.server).post('/api/v1/auth/login').send({ username: 'lucia', password: 'equivocada-1234' }).expect(401);

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    expect(log).toContain('/api/v1/auth/login');
    for (const secret of [password, 'equivocada-1234', cookie.split('=')[1]!, created.body.token as string]) {
      expect(log).not.toContain(secret);
    }
  });
});
