/**
 * The sanctions catalogue on the commission's pages, as a browser without scripts sends them: the deciding
 * form and the certificate's acts offer the sanctions that fit (by name and effect in words) only where
 * the criteria in force have a catalogue; the choice is stored and shown in the decision and the history.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE_VERSION, criteriaWithCatalogue } from '../helpers/catalogue-criteria.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { getPage, postForm, signIn, visibleText } from '../helpers/pages.js';

async function atCommission(withCatalogue: boolean) {
  const c = await cycleToCommission({
    answers: { 'P1.01': 'no_cumple' },
    ...(withCatalogue ? { config: { criteriaDir: criteriaWithCatalogue({ whenMissing: 'warn' }) } } : {}),
  });
  await c.agreeAction('Recalcular costos y acordar precio en asamblea', '2026-12-20');
  await c.toCommission('approve_with_conditions');
  const session = await c.openSession(c.members.slice(0, 3));
  const cookie = await signIn(c.app, c.members[0]!);
  return { ...c, session, cookie };
}

describe('the deciding page', () => {
  it('offers the sanctions that fit, refuses an approval with conditions without one and records the one chosen', async () => {
    const c = await atCommission(true);
    const url = `/app/comision/expedientes/${c.dossier.id}/decidir?sesion=${c.session.id}`;
    const page = await getPage(c.app, url, c.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="sanctionCode"');
    const text = visibleText(page.body);
    expect(text).toContain('Condición con plazo (condiciones con plazo)');
    expect(text).toContain('Llamada de atención escrita (queda registrada, sin otro efecto)');
    expect(text).not.toContain('Revocación del certificado');

    const fields = {
      sesion: c.session.id,
      proposedOutcome: 'approved_with_conditions',
      sealLevel: 'transicion',
      rationale: 'La comisión aprueba con la condición del plan de costos',
      ...Object.fromEntries(c.members.slice(0, 3).map((m) => [`voto-${m.user.id}`, 'for'])),
    };
    const refused = await postForm(c.app, `/app/comision/expedientes/${c.dossier.id}/decidir`, fields, { cookie: c.cookie });
    expect(refused.statusCode).toBe(422);
    expect(visibleText(refused.body)).toContain(`Indique la sanción que se aplica, del catálogo de los criterios ${CATALOGUE_VERSION}`);
    const done = await postForm(
      c.app,
      `/app/comision/expedientes/${c.dossier.id}/decidir`,
      { ...fields, sanctionCode: 'condicion_plazo' },
      { cookie: c.cookie },
    );
    expect(done.statusCode, done.body).toBe(303);
    const decision = visibleText((await getPage(c.app, done.headers.location!, c.cookie)).body);
    expect(decision).toContain(`Sanción Condición con plazo (catálogo de los criterios ${CATALOGUE_VERSION})`);
  });

  it('offers none under the real criteria', async () => {
    const c = await atCommission(false);
    const page = await getPage(c.app, `/app/comision/expedientes/${c.dossier.id}/decidir?sesion=${c.session.id}`, c.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="sanctionCode"');
  });
});

describe('the certificate page', () => {
  it('offers the suspension sanctions, records the one chosen and names it in the history', async () => {
    const c = await cycleToCommission({ config: { criteriaDir: criteriaWithCatalogue({ whenMissing: 'warn' }) } });
    const { certificate } = await c.approve();
    const cookie = await signIn(c.app, c.members[0]!);
    const url = `/app/comision/certificados/${certificate.id}`;
    const page = await getPage(c.app, url, cookie);
    expect(page.body).toContain('id="suspender-sancion"');
    expect(visibleText(page.body)).toContain('Suspensión del sello (suspensión del sello)');
    const missing = await postForm(c.app, `${url}/suspender`, { motivo: 'Mezcla de café comprobada en la visita', sesion: '' }, { cookie });
    expect(missing.statusCode).toBe(422);
    expect(visibleText(missing.body)).toContain('Indique la sanción que se aplica');
    const done = await postForm(
      c.app,
      `${url}/suspender`,
      { motivo: 'Mezcla de café comprobada en la visita', sesion: '', sancion: 'suspension' },
      { cookie },
    );
    expect(done.statusCode, done.body).toBe(303);
    const after = visibleText((await getPage(c.app, url, cookie)).body);
    expect(after).toContain('Motivo: Mezcla de café comprobada en la visita. Sanción: Suspensión del sello');
  });

  it('offers no sanction under the real criteria', async () => {
    const c = await cycleToCommission();
    const { certificate } = await c.approve();
    const cookie = await signIn(c.app, c.members[0]!);
    const page = await getPage(c.app, `/app/comision/certificados/${certificate.id}`, cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="sancion"');
  });
});
