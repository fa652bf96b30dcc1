import { describe, expect, it } from 'vitest';
import { seedOrganization, seedUser } from '../helpers/auth.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { getPage, signIn, UUID, visibleText } from '../helpers/pages.js';
import { seedProducer } from '../helpers/registry.js';

/** A cycle whose first dossier had its visit; a second dossier of the same organisation has a visit planned for the reviewer. */
async function world() {
  const c = await cycleToCommission();
  const second = seedProducer(c.app, c.org, { name: 'Taller Flores Condori', household: 'Familia Flores', community: 'Alto Beni' });
  const dossier = (await c.api.post('/api/v1/dossiers').set(c.committee.headers).send({ producerId: second, cycle: 2026 }).expect(201))
    .body as { id: string };
  await c.api
    .post(`/api/v1/dossiers/${dossier.id}/visits`)
    .set(c.committee.headers)
    .send({
      plannedOn: '2026-07-03',
      team: [
        { personId: c.reviewer, kind: 'producer' },
        { personId: c.technician, kind: 'technician' },
      ],
    })
    .expect(201);
  return { ...c, secondDossier: dossier.id };
}

describe('/app: what is each person’s to do now', () => {
  it("shows a committee its organisation's dossiers grouped by state, each with its next step, and no ids", async () => {
    const c = await world();
    const res = await getPage(c.app, '/app', await signIn(c.app, c.committee));
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const text = visibleText(res.body);
    expect(text).toContain('Expedientes de su organización');
    expect(text).toMatch(
      /Abierto \(1\).*Taller Flores Condori.*2026.*Alto Beni.*Hacer la visita planificada para el 3 de julio de 2026 y registrar sus respuestas/,
    );
    expect(text).toMatch(
      /Visita realizada \(1\).*Familia Choque Quispe.*Revisar el informe de la visita y dar la recomendación del comité/,
    );
    expect(text).not.toMatch(UUID);
    expect(res.body).toContain(`href="/app/expedientes/${c.dossier.id}"`);
  });

  it('shows a reviewer the visits planned with them on the team, not the ones already recorded', async () => {
    const c = await world();
    const reviewer = await seedUser(c.app, { role: 'reviewer', organizationId: c.org, personId: c.reviewer, displayName: 'Rosa Mamani' });
    const text = visibleText((await getPage(c.app, '/app', await signIn(c.app, reviewer))).body);
    expect(text).toContain('Sus visitas');
    expect(text).toMatch(/Taller Flores Condori.*3 de julio de 2026.*Alto Beni, Caranavi.*Ing\. Luis Flores, Rosa Mamani/);
    expect(text).not.toContain('Familia Choque Quispe');
    expect(text).not.toMatch(UUID);

    const other = await seedUser(c.app, { role: 'reviewer', organizationId: c.org });
    expect(visibleText((await getPage(c.app, '/app', await signIn(c.app, other))).body)).toContain(
      'No tiene visitas planificadas por ahora.',
    );
  });

  it('shows a producer their dossier in plain words and, once approved, their certificate and its status', async () => {
    const c = await world();
    const producer = await seedUser(c.app, {
      role: 'producer',
      organizationId: c.org,
      producerId: c.producer,
      displayName: 'Juana Choque',
    });
    const cookie = await signIn(c.app, producer);
    let text = visibleText((await getPage(c.app, '/app', cookie)).body);
    expect(text).toMatch(/Ciclo 2026.*Visita realizada.*La visita ya se hizo; su comité está revisando el informe/);
    expect(text).toContain('Todavía no tiene certificados.');
    expect(text).not.toContain('Taller Flores Condori');

    await c.toCommission();
    const session = await c.openSession();
    await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(201);
    const res = await getPage(c.app, '/app', cookie);
    text = visibleText(res.body);
    expect(text).toMatch(/\S{4}-\S{4}-\S{4} VIGENTE Pleno/);
    expect(text).toContain('La comisión de certificación ya decidió');
    expect(res.body).toMatch(/href="\/c\/[^"]+"/);
    expect(text).not.toMatch(UUID);
  });

  it('shows the commission how many dossiers wait for its decision (its pages: pages-commission.test.ts)', async () => {
    const c = await world();
    const res = await getPage(c.app, '/app', await signIn(c.app, c.members[0]!));
    expect(res.statusCode).toBe(200);
    expect(visibleText(res.body)).toContain('No hay expedientes esperando la decisión de la comisión.');
    await c.toCommission();
    expect(visibleText((await getPage(c.app, '/app', await signIn(c.app, c.members[0]!))).body)).toContain(
      'Hay 1 expediente esperando la decisión de la comisión: 1 espera su primera decisión.',
    );
  });
});

describe('/app/expedientes/:id', () => {
  it('shows the dossier to its committee with the next step', async () => {
    const c = await world();
    const res = await getPage(c.app, `/app/expedientes/${c.dossier.id}`, await signIn(c.app, c.committee));
    expect(res.statusCode).toBe(200);
    const text = visibleText(res.body);
    expect(text).toContain('Expediente de Familia Choque Quispe');
    expect(text).toContain('Qué sigue: Revisar el informe de la visita y dar la recomendación del comité');
    expect(text).toMatch(/12 de mayo de 2026 .*Registrada.*Rosa Mamani/);
    expect(text).not.toMatch(UUID);
  });

  it("refuses another organisation's committee with a 'no tiene permiso' page that shows nothing of the record", async () => {
    const c = await world();
    const stranger = await seedUser(c.app, { role: 'committee', organizationId: seedOrganization(c.app, 'Otra Cooperativa') });
    const cookie = await signIn(c.app, stranger);
    const res = await getPage(c.app, `/app/expedientes/${c.dossier.id}`, cookie);
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const text = visibleText(res.body);
    expect(text).toContain('No tiene permiso');
    expect(text).not.toContain('Familia Choque');
    expect(text).not.toContain('Caranavi');
    expect(text).not.toContain('2026');

    const missing = await getPage(c.app, '/app/expedientes/4b7f2d3e-8a61-4c55-9e0f-0d6a1c2b3e4f', cookie);
    expect(missing.statusCode).toBe(404);
    expect(visibleText(missing.body)).toContain('No encontramos esta página');
    expect((await getPage(c.app, '/app/expedientes/no-es-un-id', cookie)).statusCode).toBe(404);
  });
});
