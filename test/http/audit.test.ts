import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config.js';
import { verifyChain } from '../../src/domain/audit-chain.js';
import { allEntries, appendAudit } from '../../src/modules/audit/audit-log.js';
import { buildApp } from '../../src/app.js';
import { buildTestApp, tempDir, unauditedRows } from '../helpers/app.js';
import { immediate } from '../../src/db/client.js';
import { seedOrganization, seedUser } from '../helpers/auth.js';

async function cli(args: string[], dataDir: string, stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    criteriaDir: loadConfig({}).criteriaDir,
    dataDir,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readStdin: () => Promise.resolve(stdin),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('audit trail', () => {
  it('is checked after every test: a row written without its audit entry is found', async () => {
    const app = await buildTestApp();
    const org = seedOrganization(app);
    expect(unauditedRows(app)).toEqual([]);
    app.db.$client
      .prepare("INSERT INTO committees (id, organization_id, name) VALUES ('c-sin-historial', ?, 'Comité sin historial')")
      .run(org);
    expect(unauditedRows(app)).toEqual(['committees c-sin-historial']);
    // Record it, so that the check after this test passes.
    immediate(app.db, () =>
      appendAudit(
        app.db,
        { system: 'test' },
        { entity: 'committee', entityId: 'c-sin-historial', action: 'create', change: {} },
        new Date(),
      ),
    );
    expect(unauditedRows(app)).toEqual([]);
  });

  it('records actor, time, entity, action and change of a write, readable by admin and commission only', async () => {
    const app = await buildTestApp();
    const admin = await seedUser(app, { role: 'admin' });
    const commission = await seedUser(app, { role: 'commission' });
    const outsider = await seedUser(app, { role: 'reviewer', organizationId: seedOrganization(app) });
    const created = await request(app.server)
      .post('/api/v1/users')
      .set(admin.headers)
      .send({ username: 'hugo', displayName: 'Hugo Mamani', password: 'una-clave-larga-1', role: 'commission' })
      .expect(201);

    const history = await request(app.server).get(`/api/v1/audit/user/${created.body.id}`).set(commission.headers).expect(200);
    expect(history.body.entries).toEqual([
      expect.objectContaining({
        actorId: admin.user.id,
        actorLabel: `${admin.user.username} (admin)`,
        entity: 'user',
        entityId: created.body.id,
        action: 'create',
        change: expect.objectContaining({ username: 'hugo', role: 'commission' }),
      }),
    ]);
    expect(history.body.entries[0].at).toMatch(/Z$/);
    expect(JSON.stringify(history.body)).not.toMatch(/argon2|una-clave/);
    await request(app.server).get(`/api/v1/audit/user/${created.body.id}`).set(outsider.headers).expect(403);
    await request(app.server).get(`/api/v1/audit/user/${created.body.id}`).expect(401);
  });

  it('refuses UPDATE and DELETE on the audit table at the database level', async () => {
    const app = await buildTestApp();
    await seedUser(app, { role: 'admin' });
    expect(() => app.db.$client.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/solo anexado/);
    expect(() => app.db.$client.prepare('DELETE FROM audit_log').run()).toThrow(/solo anexado/);
  });

  it('chains entries so that verification passes, then fails at a row altered outside the application', async () => {
    const dataDir = tempDir();
    const config = { ...loadConfig({}), dataDir, logLevel: 'silent' as const };
    const app = await buildApp({ config, logger: false });
    const admin = await seedUser(app, { role: 'admin' });
    for (const name of ['ines', 'juan', 'karen']) {
      await request(app.server)
        .post('/api/v1/users')
        .set(admin.headers)
        .send({ username: name, displayName: name, password: 'una-clave-larga-1', role: 'commission' })
        .expect(201);
    }
    expect(verifyChain(allEntries(app.db))).toMatchObject({ ok: true });
    await app.close();

    const ok = await cli(['audit', 'verify'], dataDir);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^OK: \d+ entradas/);

    // Someone with file access drops the guard and rewrites history.
    const { openDatabase, databaseFileIn } = await import('../../src/db/client.js');
    const db = openDatabase({ file: databaseFileIn(dataDir) });
    db.$client.exec('DROP TRIGGER audit_log_no_update');
    db.$client.prepare(`UPDATE audit_log SET change = json_set(change, '$.role', 'admin') WHERE seq = 3`).run();
    db.$client.close();

    const broken = await cli(['audit', 'verify'], dataDir);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('ROTO en la entrada 3');
  });
});

describe('sello admin create', () => {
  it('creates the first administrator, who can then sign in', async () => {
    const dataDir = tempDir();
    const res = await cli(
      ['admin', 'create', '--username', 'Admin', '--name', 'Administración', '--password-stdin'],
      dataDir,
      'clave-inicial-segura\n',
    );
    expect(res.code).toBe(0);
    expect(res.out).toContain('Administrador creado: admin');
    expect(res.out).not.toContain('clave-inicial-segura');

    const app = await buildTestApp({ dataDir });
    const login = await request(app.server)
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: 'clave-inicial-segura' })
      .expect(200);
    expect(login.body.role).toBe('admin');
    const history = app.db.$client.prepare("SELECT actor_label AS a FROM audit_log WHERE entity = 'user' AND action = 'create'").get() as {
      a: string;
    };
    expect(history.a).toBe('sistema:cli admin create');
  });

  it('generates and prints a password when none is given, and refuses a duplicate', async () => {
    const dataDir = tempDir();
    const first = await cli(['admin', 'create', '-u', 'raiz', '-n', 'Raíz'], dataDir);
    expect(first.out).toMatch(/Contraseña inicial \(se muestra solo esta vez\): \S{20}/);
    const again = await cli(['admin', 'create', '-u', 'raiz', '-n', 'Raíz'], dataDir);
    expect(again.code).toBe(1);
    expect(again.err).toContain('Ya existe el usuario');
  });
});
