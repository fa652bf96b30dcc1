/**
 * Reviewer training on the pages, as a browser without scripts sends them: the person's training page
 * (records in words, a form with the topics of the criteria in force) and the visit plan refused next to
 * the reviewer who lacks a training, with the training named.
 */
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { countRows, seedOrganization, seedUser } from '../helpers/auth.js';
import { CATALOGUE_VERSION, criteriaWithCatalogue } from '../helpers/catalogue-criteria.js';
import { getPage, postForm, signIn, visibleText } from '../helpers/pages.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

const TODAY = new Date('2026-12-01T15:00:00Z');

async function world() {
  const app = await buildTestApp({ criteriaDir: criteriaWithCatalogue() }, { now: () => TODAY });
  const org = seedOrganization(app, 'Cooperativa Agropecuaria Señor de Mayo');
  const committee = await seedUser(app, { role: 'committee', organizationId: org });
  const producer = seedProducer(app, org, { name: 'Familia Choque Quispe', household: 'Familia Choque' });
  const reviewerUnit = seedProducer(app, org, { household: 'Familia Mamani' });
  const reviewer = seedPerson(app, org, { fullName: 'Ana Quispe', producerId: reviewerUnit, household: 'Familia Mamani' });
  const cookie = await signIn(app, committee);
  return { app, org, committee, producer, reviewer, cookie };
}

describe('/app/personas/:id/capacitaciones', () => {
  it('lists the records in words and records one with the form; refuses a date in the future next to its field', async () => {
    const w = await world();
    const url = `/app/personas/${w.reviewer}/capacitaciones`;
    const page = await getPage(w.app, url, w.cookie);
    expect(page.statusCode).toBe(200);
    const text = visibleText(page.body);
    expect(text).toContain('Capacitaciones de Ana Quispe');
    expect(text).toContain('No tiene capacitaciones registradas.');
    expect(text).toContain('Cómo se hace una visita de pares (cuenta 2 años)');

    const future = await postForm(
      w.app,
      url,
      { topic: 'visita_pares', completedOn: '2026-12-05', trainer: 'Plataforma' },
      { cookie: w.cookie },
    );
    expect(future.statusCode).toBe(400);
    expect(visibleText(future.body)).toContain('La fecha de la capacitación no puede ser futura');
    expect(countRows(w.app, 'training_records')).toBe(0);

    const done = await postForm(
      w.app,
      url,
      { topic: 'visita_pares', completedOn: '2026-06-01', trainer: 'Plataforma' },
      { cookie: w.cookie },
    );
    expect(done.statusCode, done.body).toBe(303);
    const after = visibleText((await getPage(w.app, done.headers.location!, w.cookie)).body);
    expect(after).toContain(
      `Cómo se hace una visita de pares: el 1 de junio de 2026, con Plataforma (criterios ${CATALOGUE_VERSION}); cuenta hasta el 31 de mayo de 2028.`,
    );
    // The person's page links to it.
    expect((await getPage(w.app, `/app/personas/${w.reviewer}`, w.cookie)).body).toContain(`href="${url}"`);
  });

  it('has no form for the commission, which only reads', async () => {
    const w = await world();
    const commission = await seedUser(w.app, { role: 'commission' });
    const page = await getPage(w.app, `/app/personas/${w.reviewer}/capacitaciones`, await signIn(w.app, commission));
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="topic"');
  });
});

describe('planning a visit on its page', () => {
  it('names the missing training next to the reviewer, writing nothing', async () => {
    const w = await world();
    const technician = seedPerson(w.app, w.org, { fullName: 'Ing. Luis Flores', roles: ['technician'] });
    for (const topic of ['principios_spg', 'visita_pares']) {
      const res = await postForm(
        w.app,
        `/app/personas/${technician}/capacitaciones`,
        { topic, completedOn: '2026-06-01', trainer: 'Plataforma' },
        { cookie: w.cookie },
      );
      expect(res.statusCode).toBe(303);
    }
    const opened = await postForm(w.app, '/app/expedientes/nuevo', { producerId: w.producer, cycle: '2026' }, { cookie: w.cookie });
    const id = /expedientes\/([0-9a-f-]{36})/.exec(opened.headers.location!)![1]!;
    const refused = await postForm(
      w.app,
      `/app/expedientes/${id}/planificar-visita`,
      { plannedOn: '2026-12-10', [`equipo-${w.reviewer}`]: 'producer', [`equipo-${technician}`]: 'technician' },
      { cookie: w.cookie },
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toMatch(
      new RegExp(
        `name="equipo-${w.reviewer}"[\\s\\S]*?<span class="error"[^>]*>Ana Quispe no tiene las capacitaciones «Principios del SPG y criterios del sello ES/CJ» y «Cómo se hace una visita de pares» vigentes \\(criterios ${CATALOGUE_VERSION.replace('.', '\\.')}\\)`,
      ),
    );
    expect(countRows(w.app, 'visits')).toBe(0);
  });
});
