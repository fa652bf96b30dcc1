/** The acta of a session read back from the real API: what it records, and signatures that stay together. */
import { describe, expect, it } from 'vitest';
import { seedProducer } from '../helpers/registry.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { binary } from '../helpers/http.js';
import { pdfFlatText } from '../helpers/pdf-reader.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const MINUTE = 60_000;

/**
 * Session 01/2026 approves the cycle's dossier. Session 02/2026, on 20 November, has a suplente
 * called in at 09:35 who takes the seat of a titular who steps aside, decides a second dossier,
 * and revokes the certificate the first session issued.
 */
async function twoSessions() {
  let clock = Date.parse('2026-06-10T13:00:00Z');
  const c = await cycleToCommission({ now: () => new Date(clock) });
  const [ana, benita, carla, suplente] = c.members as [
    (typeof c.members)[0],
    (typeof c.members)[0],
    (typeof c.members)[0],
    (typeof c.members)[0],
  ];
  c.app.db.$client.prepare("UPDATE users SET commission_seat = 'suplente' WHERE id = ?").run(suplente.user.id);

  await c.toCommission();
  const first = await c.openSession([ana, benita, carla]);
  const approved = await c.decide(first.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, [ana, benita, carla]).expect(201);
  const firstCertificate = (await c.api.get(`/api/v1/certificates/${approved.body.certificateId}`).set(c.committee.headers).expect(200))
    .body as { id: string; code: string };

  // A second dossier of the same organisation, ready for the commission.
  const producer = seedProducer(c.app, c.org, {
    name: 'Familia Mamani Torrez',
    household: 'Familia Torrez',
    products: ['miel'],
    municipality: 'Coroico',
  });
  const dossier = { id: await c.anotherDossierAtCommission(producer, 'Familia Torrez', '2026-05-20') };

  // 09:00 in La Paz.
  clock = Date.parse('2026-11-20T13:00:00Z');
  const second = (
    await c.api
      .post('/api/v1/commission/sessions')
      .set(ana.headers)
      .send({
        heldOn: '2026-11-20',
        place: 'Sede de la Plataforma, La Paz',
        startsAt: '09:00',
        presentUserIds: [ana, benita, carla].map((m) => m.user.id),
        agenda: [{ dossierId: dossier.id }, { certificateId: firstCertificate.id, note: 'Denuncia por mezcla de café de terceros' }],
      })
      .expect(201)
  ).body as { id: string; number: string };
  clock += 35 * MINUTE;
  await c.api
    .put(`/api/v1/commission/sessions/${second.id}/attendance`)
    .set(ana.headers)
    .send({ presentUserIds: [ana, benita, carla, suplente].map((m) => m.user.id) })
    .expect(200);
  clock += 10 * MINUTE;
  const decision = await c.api
    .post(`/api/v1/commission/sessions/${second.id}/decisions`)
    .set(ana.headers)
    .send({
      dossierId: dossier.id,
      proposedOutcome: 'approved',
      sealLevel: 'pleno',
      rationale: 'Cumple todos los criterios aplicables según la visita de pares',
      recusals: [{ userId: carla.user.id, reason: 'Es compadre del productor' }],
      votes: [
        { userId: ana.user.id, vote: 'for' },
        { userId: benita.user.id, vote: 'for' },
        { userId: suplente.user.id, vote: 'against', rationale: 'Falta revisar la hoja de costos de la miel' },
      ],
    })
    .expect(201);
  clock += 30 * MINUTE;
  await c.api
    .post(`/api/v1/certificates/${firstCertificate.id}/revocation`)
    .set(ana.headers)
    .send({ reason: 'Se comprobó la venta de café de terceros con el sello', sessionId: second.id })
    .expect(200);
  await c.api.post(`/api/v1/commission/sessions/${second.id}/close`).set(ana.headers).send({ endsAt: '11:40' }).expect(200);

  const acta = await c.api
    .get(`/api/v1/commission/sessions/${second.id}/acta.pdf`)
    .set(benita.headers)
    .buffer(true)
    .parse(binary)
    .expect(200);
  expect(acta.headers['content-type']).toBe('application/pdf');
  expect(acta.headers['content-disposition']).toBe('attachment; filename="acta-sesion-02-2026.pdf"');
  return { ...c, second, decision: decision.body, firstCertificate, pages: await pdfFlatText(acta.body as Buffer) };
}

describe('the acta of a session', () => {
  it('records the session, a decision with its votes and a revocation, how the votes were recorded, and the signatures on one page', async () => {
    const { pages, second, firstCertificate, decision } = await twoSessions();
    const text = pages.join('\n');
    expect(second.number).toBe('02/2026');
    expect(decision).toMatchObject({ number: '02/2026', outcome: 'approved' });

    expect(text).toContain('Acta de la sesión N° 02/2026 de la Comisión de Certificación');
    expect(text).toContain('Lugar Sede de la Plataforma, La Paz');
    expect(text).toContain('Fecha 20 de noviembre de 2026');
    expect(text).toContain('Horario de 09:00 a 11:40');
    expect(text).toContain('Titulares presentes Comisionada 1, Comisionada 2, Comisionada 3');
    expect(text).toContain('Suplentes presentes (convocados) Comisionada 4 (desde las 09:35)');
    expect(text).toContain('El quórum es de tres (3) miembros con voto');

    expect(text).toContain('1. Expediente de Familia Mamani Torrez (Cooperativa Agropecuaria Señor de Mayo), ciclo 2026');
    expect(text).toContain(
      `2. Certificado ${firstCertificate.code} de Familia Choque Quispe (Cooperativa Agropecuaria Señor de Mayo). Denuncia`,
    );
    expect(text).not.toContain('No se trató');

    // The decision: resolution number, each vote with the reason against, the titular who stepped aside, the tally.
    expect(text).toContain('1. Resolución N° 02/2026: expediente de Familia Mamani Torrez');
    expect(text).toContain('Comisionada 1 A favor');
    expect(text).toContain('Comisionada 4 En contra Falta revisar la hoja de costos de la miel');
    expect(text).toContain('Comisionada 3 Excusa Es compadre del productor');
    expect(text).toContain('Votación dos (2) votos a favor, uno (1) en contra y ninguna (0) abstención');
    expect(text).toContain('Resultado Aprobado');
    expect(text).toContain('Los votos se expresaron de viva voz y los registró Comisionada 1.');

    // The revocation, after the decision, by certificate code and holder.
    expect(text).toContain(`2. Revocación del certificado ${firstCertificate.code}`);
    expect(text).toContain('Titular del certificado Familia Choque Quispe (Cooperativa Agropecuaria Señor de Mayo)');
    expect(text).toContain(`Acuerdo Se revoca el certificado ${firstCertificate.code}, de forma definitiva.`);
    expect(text).toContain('Motivo Se comprobó la venta de café de terceros con el sello');
    expect(text.indexOf('1. Resolución N° 02/2026')).toBeLessThan(text.indexOf('2. Revocación del certificado'));

    // Closed with its time; every present member signs on the same page.
    const closing = 'Sin más asuntos que tratar, se cierra la sesión a las 11:40.';
    const signed = pages.filter((p) => p.includes(closing));
    expect(signed).toHaveLength(1);
    for (const line of [
      'Firma Comisionada 1 Miembro titular',
      'Firma Comisionada 2 Miembro titular',
      'Firma Comisionada 3 Miembro titular',
      'Firma Comisionada 4 Miembro suplente',
    ]) {
      expect(signed[0]).toContain(line);
      expect(pages.filter((p) => p.includes(line))).toHaveLength(1);
    }

    pages.forEach((page) => expect(page).toContain('Acta de la sesión N° 02/2026'));
    expect(text).not.toMatch(UUID);
  });
});
