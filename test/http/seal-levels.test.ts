/**
 * The seal level follows from the results (criteria 2026.4: «pleno» without pending conditions):
 * over the API, and on the deciding page, which does not offer a level the results rule out.
 */
import { describe, expect, it } from 'vitest';
import { countRows } from '../helpers/auth.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { getPage, postFields, signIn, visibleText } from '../helpers/pages.js';
import { sessionWorld } from '../helpers/session-world.js';

const PLENO_REFUSED = 'El nivel Pleno exige no tener condiciones pendientes (criterios 2026.4): este expediente tiene 1 condición';

describe('the seal level of an approval', () => {
  it('refuses pleno with a pending condition, naming the rule and the level, writing nothing; transicion is accepted', async () => {
    const c = await cycleToCommission({ answers: { 'P1.01': 'no_cumple' } });
    const deadline = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await c.agreeAction('Recalcular costos y acordar precio en asamblea', deadline);
    await c.toCommission('approve_with_conditions');
    const session = await c.openSession();

    const refused = await c.decide(session.id, { proposedOutcome: 'approved_with_conditions', sealLevel: 'pleno' }, c.members).expect(422);
    expect(refused.body).toEqual({
      statusCode: 422,
      error: expect.any(String),
      code: 'SEAL_LEVEL_NOT_ALLOWED',
      message: PLENO_REFUSED,
      issues: [{ path: 'body.sealLevel', message: PLENO_REFUSED, code: 'SEAL_LEVEL_NOT_ALLOWED' }],
    });
    expect(countRows(c.app, 'decisions')).toBe(0);
    expect(countRows(c.app, 'certificates')).toBe(0);

    const accepted = await c
      .decide(session.id, { proposedOutcome: 'approved_with_conditions', sealLevel: 'transicion' }, c.members)
      .expect(201);
    const cert = await c.api.get(`/api/v1/certificates/${accepted.body.certificateId}`).set(c.committee.headers).expect(200);
    expect(cert.body).toMatchObject({ sealLevel: 'transicion', criteriaVersion: '2026.4' });
    expect(cert.body.conditions).toHaveLength(1);
  });

  it('grants pleno to an approval without conditions', async () => {
    const c = await cycleToCommission();
    await c.toCommission();
    const session = await c.openSession();
    const res = await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(201);
    expect(res.body).toMatchObject({ outcome: 'approved', sealLevel: 'pleno' });
  });

  it('on the deciding page, does not offer pleno while conditions are pending, says why, and shows the refusal beside the level', async () => {
    const w = await sessionWorld({ titulares: 3 });
    const cookie = await signIn(w.app, w.secretary);
    const session = await w.openSession({ presentUserIds: w.titulares.map((m) => m.user.id) });
    const url = `/app/comision/expedientes/${w.dossier.id}/decidir`;
    const page = await getPage(w.app, `${url}?sesion=${session.id}`, cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<option value="transicion"');
    expect(page.body).not.toContain('<option value="pleno"');
    expect(visibleText(page.body)).toContain(`Al aprobar con condiciones: ${PLENO_REFUSED}.`);

    // A form sent anyway (an old page, a crafted request) is refused beside the level, and nothing is written.
    const sent = await postFields(
      w.app,
      url,
      [
        ['sesion', session.id],
        ...w.titulares.map((m): [string, string] => [`voto-${m.user.id}`, 'for']),
        ['proposedOutcome', 'approved_with_conditions'],
        ['sealLevel', 'pleno'],
        ['rationale', 'Cumple los criterios críticos; la acción correctiva queda como condición'],
      ],
      { cookie },
    );
    expect(sent.statusCode).toBe(422);
    // The refusal itself, beside the level (not only the hint that explains why pleno is missing).
    expect(sent.body).toContain(`<span class="error" id="campo-sealLevel-error">${PLENO_REFUSED}</span>`);
    expect(countRows(w.app, 'decisions')).toBe(0);
  });
});
