/**
 * Every authenticated route of the API, called on the records of one certification
 * cycle: which accounts get past the permission check (anything but 401 and 403).
 */
import request from 'supertest';
import { PNG, type ActorName, type RouteWorld } from './access-world.js';

export type RouteCase = {
  /** Method and path as the OpenAPI document writes them. */
  route: string;
  send: (w: RouteWorld) => request.Test;
  /** Who gets past the permission check (any answer but 401 and the refusal). */
  allowed: readonly ActorName[];
  /** What the others get: 403, or 404 where the record's existence is not theirs to know. */
  refusal?: 403 | 404;
};

const ALL: readonly ActorName[] = ['outsider', 'producer', 'reviewer', 'committee', 'commission', 'admin'];
const OWN_READERS: readonly ActorName[] = ['producer', 'reviewer', 'committee', 'commission', 'admin'];
const MANAGERS: readonly ActorName[] = ['committee', 'admin'];
const COMMISSION: readonly ActorName[] = ['commission', 'admin'];
const ADMIN: readonly ActorName[] = ['admin'];

let n = 0;
const unique = (prefix: string) => `${prefix} ${++n}`;
const api = (w: RouteWorld) => request(w.app.server);
const answers = [{ criterionCode: 'P1.01', value: 'cumple' }];

export const ROUTE_CASES: RouteCase[] = [
  // Accounts: canManageUsers, canReadAudit
  { route: 'GET /api/v1/auth/me', send: (w) => api(w).get('/api/v1/auth/me'), allowed: ALL },
  { route: 'POST /api/v1/auth/logout', send: (w) => api(w).post('/api/v1/auth/logout'), allowed: ALL },
  { route: 'GET /api/v1/auth/tokens', send: (w) => api(w).get('/api/v1/auth/tokens'), allowed: ALL },
  {
    route: 'POST /api/v1/auth/tokens',
    send: (w) =>
      api(w)
        .post('/api/v1/auth/tokens')
        .send({ name: unique('token') }),
    allowed: ALL,
  },
  // canRevokeToken: the committee's own token, or the administration; anyone else is told it does not exist.
  {
    route: 'DELETE /api/v1/auth/tokens/{id}',
    send: (w) => api(w).delete(`/api/v1/auth/tokens/${w.tokenId}`),
    allowed: MANAGERS,
    refusal: 404,
  },
  { route: 'GET /api/v1/users/', send: (w) => api(w).get('/api/v1/users'), allowed: ADMIN },
  {
    route: 'POST /api/v1/users/',
    send: (w) =>
      api(w)
        .post('/api/v1/users')
        .send({
          username: unique('cuenta').replace(' ', '-'),
          displayName: 'Cuenta nueva',
          password: 'una-clave-larga-de-prueba',
          role: 'commission',
        }),
    allowed: ADMIN,
  },
  { route: 'GET /api/v1/users/{id}', send: (w) => api(w).get(`/api/v1/users/${w.actors.committee.user.id}`), allowed: ADMIN },
  {
    route: 'PATCH /api/v1/users/{id}',
    send: (w) => api(w).patch(`/api/v1/users/${w.actors.committee.user.id}`).send({ displayName: 'Comité renombrado' }),
    allowed: ADMIN,
  },
  { route: 'GET /api/v1/audit/{entity}/{id}', send: (w) => api(w).get(`/api/v1/audit/dossier/${w.dossierId}`), allowed: COMMISSION },
  { route: 'GET /api/v1/audit/head', send: (w) => api(w).get('/api/v1/audit/head'), allowed: COMMISSION },

  // Registry: canManageOrganizations, canAccessOrganization, canCreateIn, canAccessRegistry, canExportProducers
  {
    route: 'POST /api/v1/organizations',
    send: (w) =>
      api(w)
        .post('/api/v1/organizations')
        .send({ name: unique('Cooperativa'), kind: 'cooperativa', department: 'La Paz', municipality: 'Caranavi' }),
    allowed: ADMIN,
  },
  { route: 'GET /api/v1/organizations', send: (w) => api(w).get('/api/v1/organizations'), allowed: ALL },
  { route: 'GET /api/v1/organizations/{id}', send: (w) => api(w).get(`/api/v1/organizations/${w.organizationId}`), allowed: OWN_READERS },
  {
    route: 'PATCH /api/v1/organizations/{id}',
    send: (w) => api(w).patch(`/api/v1/organizations/${w.organizationId}`).send({ municipality: 'Coroico' }),
    allowed: ADMIN,
  },
  {
    route: 'GET /api/v1/organizations/{id}/committees',
    send: (w) => api(w).get(`/api/v1/organizations/${w.organizationId}/committees`),
    allowed: OWN_READERS,
  },
  {
    route: 'POST /api/v1/organizations/{id}/committees',
    send: (w) =>
      api(w)
        .post(`/api/v1/organizations/${w.organizationId}/committees`)
        .send({ name: unique('Comité') }),
    allowed: ADMIN,
  },
  {
    route: 'POST /api/v1/producers',
    send: (w) =>
      api(w)
        .post('/api/v1/producers')
        .send({
          organizationId: w.organizationId,
          name: unique('Unidad'),
          sectors: ['agricola'],
          products: ['café'],
          department: 'La Paz',
          municipality: 'Caranavi',
          community: 'Villa Bolinda',
          household: unique('Familia'),
        }),
    allowed: MANAGERS,
  },
  { route: 'GET /api/v1/producers', send: (w) => api(w).get('/api/v1/producers'), allowed: ALL },
  { route: 'GET /api/v1/producers/{id}', send: (w) => api(w).get(`/api/v1/producers/${w.producerId}`), allowed: OWN_READERS },
  {
    route: 'PATCH /api/v1/producers/{id}',
    send: (w) => api(w).patch(`/api/v1/producers/${w.producerId}`).send({ community: 'Nueva comunidad' }),
    allowed: MANAGERS,
  },
  {
    route: 'POST /api/v1/organizations/{id}/producers/import',
    send: (w) =>
      api(w)
        .post(`/api/v1/organizations/${w.organizationId}/producers/import`)
        .set('content-type', 'text/csv')
        .send(
          `nombre,sectores,productos,departamento,municipio,comunidad,grupo_familiar,fecha_compromiso,consentimiento_publico\n${unique('Familia CSV')},agricola,café,La Paz,Caranavi,Villa Bolinda,${unique('Grupo')},2025-01-15,sí`,
        ),
    allowed: MANAGERS,
  },
  {
    route: 'GET /api/v1/organizations/{id}/producers.csv',
    send: (w) => api(w).get(`/api/v1/organizations/${w.organizationId}/producers.csv`),
    allowed: ['reviewer', 'committee', 'commission', 'admin'],
  },
  {
    route: 'POST /api/v1/persons',
    send: (w) =>
      api(w)
        .post('/api/v1/persons')
        .send({ organizationId: w.organizationId, fullName: unique('Socia'), roles: ['member'] }),
    allowed: MANAGERS,
  },
  { route: 'GET /api/v1/persons', send: (w) => api(w).get('/api/v1/persons'), allowed: ALL },
  // The person is the visit's reviewer, of another unit than the producer account's.
  {
    route: 'GET /api/v1/persons/{id}',
    send: (w) => api(w).get(`/api/v1/persons/${w.personId}`),
    allowed: ['reviewer', 'committee', 'commission', 'admin'],
  },
  {
    route: 'PATCH /api/v1/persons/{id}',
    send: (w) => api(w).patch(`/api/v1/persons/${w.personId}`).send({ fullName: 'Rosa Mamani Quispe' }),
    allowed: MANAGERS,
  },
  // A person's ties: read as the person, recorded and removed as the person is modified.
  {
    route: 'GET /api/v1/persons/{id}/ties',
    send: (w) => api(w).get(`/api/v1/persons/${w.personId}/ties`),
    allowed: ['reviewer', 'committee', 'commission', 'admin'],
  },
  {
    route: 'POST /api/v1/persons/{id}/ties',
    send: (w) =>
      api(w)
        .post(`/api/v1/persons/${w.personId}/ties`)
        .send({ kind: 'worked_for', organizationId: w.organizationId, startedOn: '2015-01-01', endedOn: '2016-12-31' }),
    allowed: MANAGERS,
  },
  // No such tie: past the check, a 404.
  {
    route: 'DELETE /api/v1/persons/{id}/ties/{tieId}',
    send: (w) => api(w).delete(`/api/v1/persons/${w.personId}/ties/00000000-0000-4000-8000-000000000000`),
    allowed: MANAGERS,
  },

  // A person's training records: read as the person, recorded as the person is modified (past the check, the
  // real criteria name no topic: a 400).
  {
    route: 'GET /api/v1/persons/{id}/trainings',
    send: (w) => api(w).get(`/api/v1/persons/${w.personId}/trainings`),
    allowed: ['reviewer', 'committee', 'commission', 'admin'],
  },
  {
    route: 'POST /api/v1/persons/{id}/trainings',
    send: (w) =>
      api(w)
        .post(`/api/v1/persons/${w.personId}/trainings`)
        .send({ topic: 'visita_pares', criteriaVersion: '2026.4', completedOn: '2026-01-15', trainer: 'Plataforma' }),
    allowed: MANAGERS,
  },

  // Dossiers: canManageDossier, canReadDossier, canSelfAssess, canRecordVisit (the reviewer is on the visit team), canRecommend, canAddEvidence
  {
    route: 'POST /api/v1/dossiers',
    send: (w) => api(w).post('/api/v1/dossiers').send({ producerId: w.producerId, cycle: 2027 }),
    allowed: MANAGERS,
  },
  // Lists: everyone may ask; listScope confines the rows to what canReadDossier allows.
  { route: 'GET /api/v1/dossiers', send: (w) => api(w).get('/api/v1/dossiers?state=open&cycle=2026&q=choque'), allowed: ALL },
  { route: 'GET /api/v1/dossiers/{id}', send: (w) => api(w).get(`/api/v1/dossiers/${w.dossierId}`), allowed: OWN_READERS },
  {
    route: 'POST /api/v1/dossiers/{id}/self-assessment',
    send: (w) => api(w).post(`/api/v1/dossiers/${w.dossierId}/self-assessment`).send({ answers }),
    allowed: ['producer', 'committee', 'admin'],
  },
  {
    route: 'POST /api/v1/dossiers/{id}/visits',
    send: (w) =>
      api(w)
        .post(`/api/v1/dossiers/${w.dossierId}/visits`)
        .send({ plannedOn: '2026-09-01', team: [{ personId: w.personId, kind: 'producer' }] }),
    allowed: MANAGERS,
  },
  { route: 'GET /api/v1/visits', send: (w) => api(w).get('/api/v1/visits?assignedTo=me&status=planned'), allowed: ALL },
  { route: 'GET /api/v1/visits/{id}', send: (w) => api(w).get(`/api/v1/visits/${w.visitId}`), allowed: OWN_READERS },
  {
    route: 'POST /api/v1/visits/{id}/submission',
    send: (w) =>
      api(w)
        .post(`/api/v1/visits/${w.visitId}/submission`)
        .send({ idempotencyKey: unique('envío'), present: ['Familia Choque'], answers }),
    allowed: ['reviewer', 'committee', 'admin'],
  },
  { route: 'GET /api/v1/visits/{id}/report.pdf', send: (w) => api(w).get(`/api/v1/visits/${w.visitId}/report.pdf`), allowed: OWN_READERS },
  {
    route: 'POST /api/v1/visits/{id}/corrections',
    send: (w) =>
      api(w)
        .post(`/api/v1/visits/${w.visitId}/corrections`)
        .send({ idempotencyKey: unique('corrección'), present: ['Familia Choque'], answers, reason: 'Respuesta mal anotada' }),
    allowed: ['reviewer', 'committee', 'admin'],
  },
  // Whoever may plan a visit may cancel it (the world's visit is already recorded: past the check, a 409).
  {
    route: 'POST /api/v1/visits/{id}/cancel',
    send: (w) => api(w).post(`/api/v1/visits/${w.visitId}/cancel`).send({ reason: 'La familia no estará ese día' }),
    allowed: MANAGERS,
  },
  {
    route: 'POST /api/v1/dossiers/{id}/recommendation',
    send: (w) =>
      api(w).post(`/api/v1/dossiers/${w.dossierId}/recommendation`).send({ outcome: 'approve', rationale: 'Cumple tras la visita' }),
    allowed: MANAGERS,
  },
  {
    route: 'POST /api/v1/dossiers/{id}/events',
    send: (w) => api(w).post(`/api/v1/dossiers/${w.dossierId}/events`).send({ event: 'send_to_commission' }),
    allowed: MANAGERS,
  },
  {
    route: 'GET /api/v1/non-conformities/{id}/corrective-actions',
    send: (w) => api(w).get(`/api/v1/non-conformities/${w.nonConformityId}/corrective-actions`),
    allowed: OWN_READERS,
  },
  {
    route: 'POST /api/v1/non-conformities/{id}/corrective-actions',
    send: (w) =>
      api(w)
        .post(`/api/v1/non-conformities/${w.nonConformityId}/corrective-actions`)
        .send({ description: unique('Acción'), responsiblePersonId: w.personId, deadline: '2026-12-01' }),
    allowed: MANAGERS,
  },
  {
    route: 'POST /api/v1/corrective-actions/{id}/closure',
    send: (w) => api(w).post(`/api/v1/corrective-actions/${w.correctiveActionId}/closure`).send({ notes: 'Costos recalculados' }),
    allowed: MANAGERS,
  },
  {
    route: 'POST /api/v1/corrective-actions/{id}/commission-review',
    send: (w) =>
      api(w)
        .post(`/api/v1/corrective-actions/${w.correctiveActionId}/commission-review`)
        .send({ evidenceIds: [w.evidenceId], notes: 'La hoja de costos muestra el precio recalculado' }),
    allowed: COMMISSION,
  },
  {
    route: 'POST /api/v1/dossiers/{id}/evidence',
    send: (w) => api(w).post(`/api/v1/dossiers/${w.dossierId}/evidence`).set('content-type', 'image/png').send(PNG),
    allowed: ['reviewer', 'committee', 'admin'],
  },
  { route: 'GET /api/v1/evidence/{id}', send: (w) => api(w).get(`/api/v1/evidence/${w.evidenceId}`), allowed: OWN_READERS },

  // Certificates: canReadDossier; canActAsCommission and canRecordForSession (the commission member attended)
  { route: 'GET /api/v1/certificates', send: (w) => api(w).get('/api/v1/certificates'), allowed: ALL },
  { route: 'GET /api/v1/certificates/{id}', send: (w) => api(w).get(`/api/v1/certificates/${w.certificateId}`), allowed: OWN_READERS },
  {
    route: 'GET /api/v1/certificates/{id}/certificate.pdf',
    send: (w) => api(w).get(`/api/v1/certificates/${w.certificateId}/certificate.pdf`),
    allowed: OWN_READERS,
  },
  {
    route: 'POST /api/v1/certificates/{id}/suspension',
    send: (w) =>
      api(w).post(`/api/v1/certificates/${w.certificateId}/suspension`).send({ reason: 'Denuncia por revisar', sessionId: w.sessionId }),
    allowed: COMMISSION,
  },
  {
    route: 'POST /api/v1/certificates/{id}/reinstatement',
    send: (w) =>
      api(w)
        .post(`/api/v1/certificates/${w.certificateId}/reinstatement`)
        .send({ reason: 'La denuncia no se comprobó', sessionId: w.sessionId }),
    allowed: COMMISSION,
  },
  {
    route: 'POST /api/v1/certificates/{id}/revocation',
    send: (w) =>
      api(w).post(`/api/v1/certificates/${w.certificateId}/revocation`).send({ reason: 'Uso indebido del sello', sessionId: w.sessionId }),
    allowed: COMMISSION,
  },
  {
    // The world's certificate is a unit's: the commission passes the check and is told it has no members (409).
    route: 'POST /api/v1/certificates/{id}/members/{producerId}/exclusion',
    send: (w) =>
      api(w)
        .post(`/api/v1/certificates/${w.certificateId}/members/${w.producerId}/exclusion`)
        .send({ reason: 'Incumplió los acuerdos del grupo', sessionId: w.sessionId }),
    allowed: COMMISSION,
  },

  // The commission: canActAsCommission, canRecordForSession, canReadDossier, canAppeal
  {
    route: 'POST /api/v1/commission/sessions',
    send: (w) => api(w).post('/api/v1/commission/sessions').send({ heldOn: '2026-07-01', place: 'La Paz', presentUserIds: w.memberIds }),
    allowed: COMMISSION,
  },
  { route: 'GET /api/v1/commission/sessions', send: (w) => api(w).get('/api/v1/commission/sessions'), allowed: COMMISSION },
  { route: 'GET /api/v1/commission/members', send: (w) => api(w).get('/api/v1/commission/members'), allowed: COMMISSION },
  {
    route: 'PUT /api/v1/commission/sessions/{id}/attendance',
    send: (w) => api(w).put(`/api/v1/commission/sessions/${w.sessionId}/attendance`).send({ presentUserIds: w.memberIds }),
    allowed: COMMISSION,
  },
  {
    route: 'POST /api/v1/commission/sessions/{id}/agenda',
    send: (w) => api(w).post(`/api/v1/commission/sessions/${w.sessionId}/agenda`).send({ dossierId: w.dossierId, note: 'Revisión' }),
    allowed: COMMISSION,
  },
  {
    route: 'GET /api/v1/commission/sessions/{id}/ballot',
    send: (w) => api(w).get(`/api/v1/commission/sessions/${w.sessionId}/ballot?dossierId=${w.dossierId}`),
    allowed: COMMISSION,
  },
  {
    route: 'POST /api/v1/commission/sessions/{id}/deferrals',
    send: (w) =>
      api(w)
        .post(`/api/v1/commission/sessions/${w.sessionId}/deferrals`)
        .send({ dossierId: w.dossierId, reason: 'No hay quórum tras las excusas y no hay suplentes' }),
    allowed: COMMISSION,
  },
  {
    route: 'GET /api/v1/commission/sessions/{id}',
    send: (w) => api(w).get(`/api/v1/commission/sessions/${w.sessionId}`),
    allowed: COMMISSION,
  },
  {
    route: 'GET /api/v1/commission/sessions/{id}/acta.pdf',
    send: (w) => api(w).get(`/api/v1/commission/sessions/${w.sessionId}/acta.pdf`),
    allowed: COMMISSION,
  },
  {
    route: 'POST /api/v1/commission/sessions/{id}/decisions',
    send: (w) =>
      api(w)
        .post(`/api/v1/commission/sessions/${w.sessionId}/decisions`)
        .send({
          dossierId: w.dossierId,
          proposedOutcome: 'denied',
          rationale: 'Otra propuesta',
          votes: w.memberIds.map((userId) => ({ userId, vote: 'for' })),
        }),
    allowed: COMMISSION,
  },
  { route: 'GET /api/v1/decisions/{id}', send: (w) => api(w).get(`/api/v1/decisions/${w.decisionId}`), allowed: OWN_READERS },
  {
    route: 'GET /api/v1/decisions/{id}/dossier-snapshot',
    send: (w) => api(w).get(`/api/v1/decisions/${w.decisionId}/dossier-snapshot`),
    allowed: OWN_READERS,
  },
  {
    route: 'POST /api/v1/appeals',
    send: (w) => api(w).post('/api/v1/appeals').send({ decisionId: w.decisionId, reason: 'Segunda apelación' }),
    allowed: ['producer', 'committee', 'admin'],
  },
  { route: 'GET /api/v1/appeals/{id}', send: (w) => api(w).get(`/api/v1/appeals/${w.appealId}`), allowed: OWN_READERS },
  {
    route: 'POST /api/v1/commission/sessions/{id}/appeals/{appealId}/decision',
    send: (w) =>
      api(w)
        .post(`/api/v1/commission/sessions/${w.sessionId}/appeals/${w.appealId}/decision`)
        .send({
          proposedOutcome: 'rejected',
          rationale: 'La hoja de costos fue considerada',
          votes: w.memberIds.map((userId) => ({ userId, vote: 'for' })),
        }),
    allowed: COMMISSION,
  },
  // The commission's queue: canActAsCommission
  {
    route: 'GET /api/v1/commission/queue',
    send: (w) => api(w).get(`/api/v1/commission/queue?organizationId=${w.organizationId}&department=la-paz&queueState=first_decision`),
    allowed: COMMISSION,
  },
  // Complaints: canActAsCommission
  { route: 'GET /api/v1/complaints/', send: (w) => api(w).get('/api/v1/complaints?status=received'), allowed: COMMISSION },
  { route: 'GET /api/v1/complaints/{id}', send: (w) => api(w).get(`/api/v1/complaints/${w.complaintId}`), allowed: COMMISSION },
  // No photo was filed: 404 for those who may see it.
  { route: 'GET /api/v1/complaints/{id}/photo', send: (w) => api(w).get(`/api/v1/complaints/${w.complaintId}/photo`), allowed: COMMISSION },
  {
    route: 'POST /api/v1/complaints/{id}/assign',
    send: (w) => api(w).post(`/api/v1/complaints/${w.complaintId}/assign`).send({ userId: w.memberIds[0] }),
    allowed: COMMISSION,
  },
  {
    route: 'POST /api/v1/complaints/{id}/inquiry',
    send: (w) => api(w).post(`/api/v1/complaints/${w.complaintId}/inquiry`).send({ notes: 'Consulté a la feria de El Alto' }),
    allowed: COMMISSION,
  },
  {
    route: 'POST /api/v1/complaints/{id}/link',
    send: (w) => api(w).post(`/api/v1/complaints/${w.complaintId}/link`).send({ certificateCode: 'NO-EXISTE-1' }),
    allowed: COMMISSION,
  },
  {
    route: 'POST /api/v1/complaints/{id}/unannounced-visit',
    send: (w) =>
      api(w)
        .post(`/api/v1/complaints/${w.receivedComplaintId}/unannounced-visit`)
        .send({ plannedOn: '2026-12-15', team: [{ personId: w.personId, kind: 'producer' }] }),
    allowed: COMMISSION,
  },
  {
    route: 'POST /api/v1/complaints/{id}/close',
    send: (w) =>
      api(w)
        .post(`/api/v1/complaints/${w.complaintId}/close`)
        .send({ outcome: 'unfounded', publicSummary: 'La comisión no comprobó lo denunciado.' }),
    allowed: COMMISSION,
  },
  // Last: a closed session takes no more acts.
  {
    route: 'POST /api/v1/commission/sessions/{id}/close',
    send: (w) => api(w).post(`/api/v1/commission/sessions/${w.sessionId}/close`),
    allowed: COMMISSION,
  },
];
