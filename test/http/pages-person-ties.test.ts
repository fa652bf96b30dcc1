/** A person's ties on their page (/app/personas/:id): listed, recorded with the form, refused with the field to correct, removed. */
import { describe, expect, it } from 'vitest';
import { historyOf } from '../../src/modules/audit/audit-log.js';
import { buildTestApp } from '../helpers/app.js';
import { countRows, seedOrganization, seedUser } from '../helpers/auth.js';
import { getPage, postForm, signIn, visibleText } from '../helpers/pages.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

async function world() {
  const app = await buildTestApp();
  const org = seedOrganization(app, 'Cooperativa Agropecuaria Señor de Mayo');
  const committee = await seedUser(app, { role: 'committee', organizationId: org });
  const visited = seedProducer(app, org, { name: 'Familia Choque Quispe' });
  const person = seedPerson(app, org, { fullName: 'Juana Pérez' });
  const cookie = await signIn(app, committee);
  return { app, org, committee, visited, person, cookie, page: `/app/personas/${person}` };
}

describe('/app/personas/:id: ties', () => {
  it('records a tie with the form, lists it in words, and removes it; both audited', async () => {
    const w = await world();
    const empty = await getPage(w.app, w.page, w.cookie);
    expect(empty.statusCode).toBe(200);
    expect(visibleText(empty.body)).toContain('No tiene vínculos registrados.');
    expect(empty.body).toContain(`value="producer:${w.visited}"`);
    expect(empty.body).toContain(`value="organization:${w.org}"`);

    const added = await postForm(
      w.app,
      `${w.page}/vinculos`,
      { kind: 'worked_for', target: `producer:${w.visited}`, startedOn: '2019-04-01', endedOn: '2025-03-03' },
      { cookie: w.cookie },
    );
    expect(added.statusCode, added.body).toBe(303);
    expect(added.headers.location).toBe(`${w.page}?hecho=vinculo#vinculos`);
    const shown = visibleText((await getPage(w.app, `${w.page}?hecho=vinculo`, w.cookie)).body);
    expect(shown).toContain('Listo: se registró el vínculo.');
    expect(shown).toContain('Trabajó para la unidad productiva «Familia Choque Quispe», del 1 de abril de 2019 al 3 de marzo de 2025');
    const tieId = (w.app.db.$client.prepare('SELECT id FROM person_ties').get() as { id: string }).id;
    expect(historyOf(w.app.db, 'person_tie', tieId).map((e) => e.action)).toEqual(['create']);

    const removed = await postForm(w.app, `${w.page}/vinculos/${tieId}/quitar`, {}, { cookie: w.cookie });
    expect(removed.statusCode).toBe(303);
    expect(countRows(w.app, 'person_ties')).toBe(0);
    expect(historyOf(w.app.db, 'person_tie', tieId).map((e) => e.action)).toEqual(['create', 'remove']);
    expect(visibleText((await getPage(w.app, `${w.page}?hecho=vinculo-quitado`, w.cookie)).body)).toContain('Listo: se quitó el vínculo.');
  });

  it('shows the refused tie form again with the field to correct, and saves nothing', async () => {
    const w = await world();
    const res = await postForm(
      w.app,
      `${w.page}/vinculos`,
      { kind: 'member_of', target: `organization:${w.org}`, startedOn: '2020-01-01', endedOn: '2019-01-01' },
      { cookie: w.cookie },
    );
    expect(res.statusCode).toBe(400);
    const text = visibleText(res.body);
    expect(text).toContain('El vínculo no puede terminar (2019-01-01) antes de empezar (2020-01-01)');
    expect(res.body).toContain('value="2019-01-01"');
    const missing = await postForm(w.app, `${w.page}/vinculos`, { kind: '', target: '', startedOn: '' }, { cookie: w.cookie });
    expect(missing.statusCode).toBe(400);
    expect(visibleText(missing.body)).toContain('Elija la unidad productiva o la organización de la lista');
    expect(countRows(w.app, 'person_ties')).toBe(0);
  });

  it('refuses another organisation’s committee', async () => {
    const w = await world();
    const outsider = await seedUser(w.app, { role: 'committee', organizationId: seedOrganization(w.app) });
    const cookie = await signIn(w.app, outsider);
    const res = await postForm(
      w.app,
      `${w.page}/vinculos`,
      { kind: 'worked_for', target: `producer:${w.visited}`, startedOn: '2019-04-01' },
      { cookie },
    );
    expect(res.statusCode).toBe(403);
    expect(countRows(w.app, 'person_ties')).toBe(0);
  });
});
