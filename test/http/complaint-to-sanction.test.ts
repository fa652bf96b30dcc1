/**
 * A complaint from the public, end to end: filed anonymously from a certificate's page, handled by the
 * commission, which orders an unannounced visit that the producer's committee cannot see until it is
 * recorded, applies a sanction from the catalogue, and closes it; the complainant's tracking page then
 * shows the public outcome and nothing of the handling.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { unauditedRows } from '../helpers/app.js';
import { answeredForm } from '../helpers/complaints.js';
import { seedOrganization, seedUser } from '../helpers/auth.js';
import { CATALOGUE_VERSION, criteriaWithCatalogue } from '../helpers/catalogue-criteria.js';
import { expectRecordsVerify } from '../helpers/cli.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

const NOW = new Date('2026-12-01T14:00:00.000Z');
const INQUIRY = 'Llamé a la feria de El Alto: el puesto 14 vende café de Coroico con la etiqueta del sello';
const PUBLIC_SUMMARY = 'Se comprobó que se vendía con el sello café que no es de la unidad certificada. El sello queda suspendido.';

describe('a complaint from the public, handled by the commission', () => {
  it('is filed anonymously with a tracking number, leads to an unannounced visit the committee does not see, a sanction from the catalogue, and a public outcome', async () => {
    // A certified unit under criteria that hold a catalogue of sanctions and the reviewers' training.
    const c = await cycleToCommission({ config: { criteriaDir: criteriaWithCatalogue({ whenMissing: 'warn' }) }, now: () => NOW });
    const { certificate } = await c.approve();
    const anonymous = request(c.app.server);

    // From the certificate's page, anyone reaches the complaint form with the code filled in.
    const page = (await anonymous.get(`/c/${certificate.code}`).expect(200)).text;
    const link = /href="(\/denuncias\/nueva\?codigo=[^"]+)"/.exec(page)?.[1];
    expect(link, 'the verification page links to the complaint form').toBeDefined();
    const form = (await anonymous.get(link!.replace(/&amp;/g, '&')).expect(200)).text;
    expect(form).toContain(certificate.code);
    const filed = await anonymous
      .post('/denuncias')
      .field({
        subject: 'organization',
        code: certificate.code,
        what: 'En la feria venden café de otra zona con la etiqueta de este sello',
        place: 'Feria 16 de Julio, El Alto',
        happenedOn: '2026-11-28',
        contact: '',
        ...answeredForm(form),
        website: '',
      })
      .expect(303);
    const trackingUrl = String(filed.headers.location);
    const trackingNumber = /DEN-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(trackingUrl)?.[0];
    expect(trackingNumber, trackingUrl).toBeDefined();
    expect((await anonymous.get(trackingUrl).expect(200)).text).toContain(trackingNumber!);

    // The commission finds it tied to the certificate, assigns it and records its inquiry.
    const [chair, member] = c.members;
    const listed = await c.api.get('/api/v1/complaints?status=received').set(chair!.headers).expect(200);
    const item = listed.body.items.find((x: { trackingNumber: string }) => x.trackingNumber === trackingNumber);
    expect(item).toMatchObject({ certificateCode: certificate.code, status: 'received' });
    const complaintId = item.id as string;
    await c.api.post(`/api/v1/complaints/${complaintId}/assign`).set(chair!.headers).send({ userId: member!.user.id }).expect(200);
    await c.api.post(`/api/v1/complaints/${complaintId}/inquiry`).set(member!.headers).send({ notes: INQUIRY }).expect(200);

    // It orders an unannounced visit by two trained reviewers of other organisations.
    const admin = await seedUser(c.app, { role: 'admin' });
    const neighbours = seedOrganization(c.app);
    const neighbourUnit = seedProducer(c.app, neighbours, { household: 'Familia Condori' });
    const team = [
      {
        personId: seedPerson(c.app, neighbours, { fullName: 'Marta Condori', household: 'Familia Condori', producerId: neighbourUnit }),
        kind: 'producer',
      },
      {
        personId: seedPerson(c.app, seedOrganization(c.app), { fullName: 'Lic. Jorge Vargas', roles: ['technician'] }),
        kind: 'technician',
      },
    ];
    for (const { personId } of team) {
      for (const topic of ['principios_spg', 'visita_pares']) {
        await c.api
          .post(`/api/v1/persons/${personId}/trainings`)
          .set(admin.headers)
          .send({ topic, criteriaVersion: CATALOGUE_VERSION, completedOn: '2026-06-01', trainer: 'Plataforma Multisectorial' })
          .expect(201);
      }
    }
    const ordered = await c.api
      .post(`/api/v1/complaints/${complaintId}/unannounced-visit`)
      .set(member!.headers)
      .send({ plannedOn: '2026-12-01', team });
    expect(ordered.status, JSON.stringify(ordered.body)).toBe(200);
    const visitId = ordered.body.visit.id as string;
    expect(ordered.body.visit).toMatchObject({ dossierId: c.dossier.id, status: 'planned' });

    // The producer's committee sees nothing of it before it is recorded: not in the dossier, not by its id.
    const hidden = await c.api.get(`/api/v1/dossiers/${c.dossier.id}`).set(c.committee.headers).expect(200);
    expect(JSON.stringify(hidden.body)).not.toContain(visitId);
    await c.api.get(`/api/v1/visits/${visitId}`).set(c.committee.headers).expect(404);
    const committeePage = await c.api.get('/api/v1/visits').set(c.committee.headers).expect(200);
    expect(JSON.stringify(committeePage.body)).not.toContain(visitId);
    expect(JSON.stringify((await c.api.get(`/api/v1/visits/${visitId}`).set(member!.headers).expect(200)).body)).toContain(
      '"unannounced":true',
    );

    // The commission records what the team found; from then on the committee sees it, marked as unannounced.
    const criteria = c.dossier.applicableCriteria.map((x) => x.code);
    const answers = criteria.map((code, i) => ({ criterionCode: code, value: i === 0 ? 'no_cumple' : 'cumple' }));
    await c.api
      .post(`/api/v1/visits/${visitId}/submission`)
      .set(member!.headers)
      .send({ idempotencyKey: `vigilancia-${visitId}`, visitedOn: '2026-12-01', present: ['Familia Choque'], answers })
      .expect(201);
    const seen = await c.api.get(`/api/v1/visits/${visitId}`).set(c.committee.headers).expect(200);
    expect(seen.body).toMatchObject({ unannounced: true, purpose: 'surveillance', status: 'submitted' });

    // The commission applies a sanction of the catalogue: closing before the act is refused.
    const close = () =>
      c.api
        .post(`/api/v1/complaints/${complaintId}/close`)
        .set(member!.headers)
        .send({ outcome: 'founded', publicSummary: PUBLIC_SUMMARY, sanctionCode: 'suspension' });
    expect((await close().expect(422)).body.code).toBe('SANCTION_NOT_APPLIED');
    await c.api
      .post(`/api/v1/certificates/${certificate.id}/suspension`)
      .set(member!.headers)
      .send({ reason: 'Venta de café de otra zona con el sello, comprobada en la visita sin aviso', sanctionCode: 'suspension' })
      .expect(200);
    const closed = await close().expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'founded', publicSummary: PUBLIC_SUMMARY });
    expect(closed.body.sanction).toMatchObject({ code: 'suspension', effect: 'suspension', criteriaVersion: CATALOGUE_VERSION });

    // The complainant's page and the API show the outcome and the public summary, nothing of the handling.
    const tracking = (await anonymous.get(trackingUrl).expect(200)).text;
    const publicJson = (await anonymous.get(`/api/v1/public/complaints/${trackingNumber!.toLowerCase()}`).expect(200)).body;
    expect(tracking).toContain('Cerrada');
    expect(tracking).toContain('Fundada');
    expect(tracking).toContain(PUBLIC_SUMMARY);
    expect(publicJson).toMatchObject({ status: 'closed', outcome: 'founded', publicSummary: PUBLIC_SUMMARY });
    for (const internal of [INQUIRY, 'Marta Condori', 'Vargas', member!.user.username, 'Comisionada', visitId, complaintId]) {
      expect(tracking).not.toContain(internal);
      expect(JSON.stringify(publicJson)).not.toContain(internal);
    }

    // The seal's page says it is suspended; every write left its audit entry and the records verify.
    expect((await anonymous.get(`/c/${certificate.code}`).expect(200)).text).toContain('SUSPENDIDO');
    expect(unauditedRows(c.app)).toEqual([]);
    await expectRecordsVerify(c.dataDir);
  });
});
