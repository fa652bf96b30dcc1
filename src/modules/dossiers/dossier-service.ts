/**
 * Dossiers and peer visits: opening a cycle pinned to a criteria version,
 * planning a visit whose team passes the conflict-of-interest rules, recording
 * its answers once (resends are recognised), deriving non-conformities, and the
 * local committee's review. Every write is one immediate transaction with its audit entry.
 */
import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { Criterion } from '../../domain/criteria-schema.js';
import { immediate, type Db } from '../../db/client.js';
import { answers, dossiers, nonConformities, selfAssessments, visitMembers, visits } from '../../db/schema.js';
import { type Actor, authorize, canAccessRegistry, canCreateIn } from '../../domain/access.js';
import { canonicalJson } from '../../domain/content-hash.js';
import { allCriteria } from '../../domain/criteria.js';
import { allowedEvents, DOSSIER_STATE_LABEL, transition, type DossierEvent, type DossierState } from '../../domain/dossier-state.js';
import { deriveNonConformities } from '../../domain/non-conformities.js';
import { checkVisitTeam } from '../../domain/visit-team.js';
import { AppError, type FieldIssue } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { createDossierRepository } from './dossier-repository.js';
import type { z } from 'zod';
import type { AnswerInputSchema, CorrectVisit, Dossier, PlanVisitSchema, RecommendationSchema, SubmitVisit } from './dossier-schemas.js';

type AnswerInput = z.infer<typeof AnswerInputSchema>;

const notFound = (what: string) => new AppError('not_found', `${what.toUpperCase()}_NOT_FOUND`, `No existe ese ${what === 'dossier' ? 'expediente' : 'registro de visita'}`);

export function createDossierService(db: Db, catalog: CriteriaCatalog, now: () => Date) {
  const repo = createDossierRepository(db);

  const load = (id: string) => {
    const dossier = repo.dossier(id);
    if (!dossier) throw notFound('dossier');
    return dossier;
  };

  /** Criteria of the pinned version that apply to the producer's sectors. */
  const applicable = (dossier: { scheme: string; criteriaVersion: string }, sectors: string[]): Map<string, Criterion> => {
    const version = catalog.version(dossier.scheme, dossier.criteriaVersion);
    return new Map(allCriteria(version).filter((c) => c.sectors.some((s) => sectors.includes(s))).map((c) => [c.code, c]));
  };

  const move = (actor: Actor, dossier: { id: string; state: DossierState }, event: DossierEvent, at: Date) => {
    const t = transition(dossier.state, event);
    if (!t.ok) throw new AppError('conflict', 'DOSSIER_STATE', t.message, [{ path: 'state', message: dossier.state }]);
    db.update(dossiers).set({ state: t.to, updatedAt: at.toISOString() }).where(eq(dossiers.id, dossier.id)).run();
    appendAudit(db, actor, { entity: 'dossier', entityId: dossier.id, action: event, change: { state: { before: dossier.state, after: t.to } } }, at);
  };

  /** Unknown, inapplicable and missing criterion codes, each listed. */
  const checkAnswers = (given: AnswerInput[], expected: Map<string, Criterion>, requireAll: boolean): void => {
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    given.forEach((a, i) => {
      if (seen.has(a.criterionCode)) issues.push({ path: `body.answers.${i}.criterionCode`, message: `Criterio repetido: ${a.criterionCode}`, code: 'DUPLICATE' });
      else if (!expected.has(a.criterionCode)) issues.push({ path: `body.answers.${i}.criterionCode`, message: `Criterio desconocido o no aplicable a este productor: ${a.criterionCode}`, code: 'UNKNOWN' });
      seen.add(a.criterionCode);
    });
    const missing = requireAll ? [...expected.keys()].filter((code) => !seen.has(code)) : [];
    for (const code of missing) issues.push({ path: 'body.answers', message: `Falta la respuesta al criterio ${code}`, code: 'MISSING' });
    if (issues.length > 0) {
      const parts = [missing.length > 0 ? `faltan ${missing.join(', ')}` : '', issues.length > missing.length ? 'hay criterios desconocidos o repetidos' : '']
        .filter(Boolean)
        .join('; ');
      throw new AppError('unprocessable', 'ANSWERS_INCOMPLETE', `Respuestas inválidas: ${parts}`, issues);
    }
  };

  const insertAnswers = (sourceId: string, source: 'visit' | 'self_assessment', given: AnswerInput[]) => {
    if (given.length === 0) return;
    db.insert(answers)
      .values(given.map((a) => ({ sourceId, source, criterionCode: a.criterionCode, value: a.value, notes: a.notes ?? null })))
      .run();
  };

  const visitView = (visitId: string) => {
    const v = repo.visit(visitId);
    if (!v) throw notFound('visit');
    return {
      id: v.id,
      dossierId: v.dossierId,
      plannedOn: v.plannedOn,
      status: v.status,
      criteriaVersion: v.criteriaVersion,
      criteriaHash: v.criteriaHash,
      team: repo.team(v.id).map(({ personId, fullName, kind }) => ({ personId, fullName, kind })),
      present: v.present ?? null,
      observations: v.observations,
      submittedAt: v.submittedAt,
      correctsVisitId: v.correctsVisitId,
      correctedByVisitId: repo.visitsOf(v.dossierId).find((other) => other.correctsVisitId === v.id)?.id ?? null,
      correctionReason: v.correctionReason,
      answers: repo.answersOf(v.id),
    };
  };

  /**
   * Records a submitted visit (or a correction of one): answers checked against
   * the pinned criteria, non-conformities derived, one audit entry. Runs inside
   * the caller's transaction.
   */
  const recordSubmission = (
    actor: Actor,
    d: NonNullable<ReturnType<typeof repo.dossier>>,
    visitId: string,
    input: SubmitVisit,
    submissionHash: string,
    at: Date,
  ): number => {
    const producer = repo.producer(d.producerId)!;
    const criteria = applicable(d, producer.sectors);
    checkAnswers(input.answers, criteria, true);
    db.update(visits)
      .set({
        status: 'submitted',
        present: input.present,
        observations: input.observations ?? null,
        submittedAt: at.toISOString(),
        submittedBy: actor.userId,
        idempotencyKey: input.idempotencyKey,
        submissionHash,
      })
      .where(eq(visits.id, visitId))
      .run();
    insertAnswers(visitId, 'visit', input.answers);
    const version = catalog.version(d.scheme, d.criteriaVersion);
    const found = deriveNonConformities(input.answers, criteria, version.decisionPolicy, d.cycle);
    if (found.length > 0) {
      db.insert(nonConformities)
        .values(found.map((nc) => ({ id: randomUUID(), dossierId: d.id, visitId, ...nc })))
        .run();
    }
    return found.length;
  };

  /** A resend under an idempotency key: true if it is the same submission, a 409 if it is another. */
  const isReplay = (key: string, submissionHash: string): boolean => {
    const previous = repo.visitByKey(key);
    if (!previous) return false;
    if (previous.submissionHash !== submissionHash) {
      throw new AppError('conflict', 'IDEMPOTENCY_KEY_REUSED', 'Esa clave de envío ya se usó para otra entrega distinta');
    }
    return true;
  };

  const authorizeVisitWrite = (actor: Actor, visitId: string, organizationId: string) => {
    const onTeam = actor.role === 'reviewer' && repo.team(visitId).some((m) => m.personId === actorPersonId(db, actor));
    authorize(onTeam || canCreateIn(actor, organizationId), 'Solo el equipo de la visita o el comité registran sus respuestas');
  };

  /** Submitted visits that no later record corrects: the ones that count. */
  const effectiveVisits = (dossierId: string) => {
    const all = repo.visitsOf(dossierId);
    const corrected = new Set(all.map((v) => v.correctsVisitId).filter((id) => id !== null));
    return all.filter((v) => v.status === 'submitted' && !corrected.has(v.id));
  };

  return {
    open(actor: Actor, input: { producerId: string; scheme: string; cycle?: number | undefined }): Dossier {
      const at = now();
      const id = randomUUID();
      immediate(db, () => {
        const producer = repo.producer(input.producerId);
        if (!producer) throw new AppError('not_found', 'PRODUCER_NOT_FOUND', 'No existe esa unidad productiva');
        authorize(canCreateIn(actor, producer.organizationId), 'Solo el comité de la organización abre expedientes');
        const current = catalog.scheme(input.scheme).currentVersion;
        if (!current) throw new AppError('conflict', 'NO_PUBLISHED_CRITERIA', `El esquema ${input.scheme} no tiene ninguna versión publicada`);
        const version = catalog.version(input.scheme, current);
        const cycle = input.cycle ?? at.getUTCFullYear();
        const row = {
          id,
          producerId: producer.id,
          organizationId: producer.organizationId,
          cycle,
          scheme: input.scheme,
          criteriaVersion: version.version,
          criteriaHash: version.contentHash,
          state: 'open' as const,
          updatedAt: at.toISOString(),
        };
        try {
          db.insert(dossiers).values(row).run();
        } catch (error) {
          if (String(error).includes('UNIQUE')) {
            throw new AppError('conflict', 'DOSSIER_EXISTS', `Ya existe un expediente de ${producer.name} para el ciclo ${cycle}`);
          }
          throw error;
        }
        appendAudit(db, actor, { entity: 'dossier', entityId: id, action: 'create', change: row }, at);
      });
      return this.get(actor, id);
    },

    get(actor: Actor, id: string): Dossier {
      const d = load(id);
      const producer = repo.producer(d.producerId)!;
      authorize(canAccessRegistry(actor, 'read', { organizationId: d.organizationId, producerId: d.producerId }), 'No tiene acceso a este expediente');
      const criteria = applicable(d, producer.sectors);
      const self = repo.latestSelfAssessment(d.id);
      const selfAnswers = self ? repo.answersOf(self.id) : null;
      const visitList = repo.visitsOf(d.id).map((v) => visitView(v.id));
      const effective = effectiveVisits(d.id);
      const effectiveIds = new Set(effective.map((v) => v.id));
      const lastSubmitted = visitList.find((v) => v.id === effective.at(-1)?.id);
      const ncs = repo.nonConformitiesOf(d.id).filter((nc) => effectiveIds.has(nc.visitId));
      const actions = repo.correctiveActionsOf(ncs.map((nc) => nc.id));
      const peerByCode = new Map(lastSubmitted?.answers.map((a) => [a.criterionCode, a.value]) ?? []);
      const disagreements = (selfAnswers ?? [])
        .filter((a) => peerByCode.has(a.criterionCode) && peerByCode.get(a.criterionCode) !== a.value)
        .map((a) => ({ criterionCode: a.criterionCode, selfAssessment: a.value, peers: peerByCode.get(a.criterionCode)! }));
      return {
        id: d.id,
        producer: {
          id: producer.id,
          name: producer.name,
          organizationId: producer.organizationId,
          sectors: producer.sectors,
          household: producer.household,
          pledgeSignedOn: producer.pledgeSignedOn,
        },
        cycle: d.cycle,
        scheme: d.scheme,
        criteriaVersion: d.criteriaVersion,
        criteriaHash: d.criteriaHash,
        state: d.state,
        nextEvents: allowedEvents(d.state),
        applicableCriteria: [...criteria.values()].map((c) => ({ code: c.code, level: c.level, text: c.text.es })),
        selfAssessment: selfAnswers,
        visits: visitList,
        disagreements,
        nonConformities: ncs.map(({ dossierId: _d, createdAt: _c, ...nc }) => ({
          ...nc,
          correctiveActions: actions.filter((a) => a.nonConformityId === nc.id).map(({ nonConformityId: _n, createdAt: _ca, ...a }) => a),
        })),
        evidence: repo.evidenceOf(d.id),
        recommendation: d.recommendation ?? null,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
      };
    },

    planVisit(actor: Actor, dossierId: string, input: z.infer<typeof PlanVisitSchema>) {
      const at = now();
      const id = randomUUID();
      immediate(db, () => {
        const d = load(dossierId);
        authorize(canCreateIn(actor, d.organizationId), 'Solo el comité de la organización planifica visitas');
        if (d.state !== 'open') throw new AppError('conflict', 'DOSSIER_STATE', 'Solo se planifican visitas en un expediente abierto');
        const producer = repo.producer(d.producerId)!;
        const people = new Map(repo.personsByIds(input.team.map((m) => m.personId)).map((p) => [p.id, p]));
        const unknown = input.team.flatMap((m, i) => (people.has(m.personId) ? [] : [{ path: `body.team.${i}.personId`, message: 'No existe esa persona' }]));
        if (unknown.length > 0) throw new AppError('unprocessable', 'UNKNOWN_PERSON', 'El equipo incluye personas que no existen', unknown);
        const team = input.team.map((m) => {
          const p = people.get(m.personId)!;
          return { personId: p.id, name: p.fullName, kind: m.kind, producerId: p.producerId, household: p.household };
        });
        const rules = catalog.version(d.scheme, d.criteriaVersion);
        const violations = checkVisitTeam({
          visited: { producerId: producer.id, household: producer.household },
          team,
          cycle: d.cycle,
          history: repo.visitHistory(d.scheme),
          rules,
        });
        if (violations.length > 0) {
          const index = new Map(input.team.map((m, i) => [m.personId, i]));
          throw new AppError(
            'unprocessable',
            'VISIT_TEAM_REFUSED',
            `El equipo no cumple ${violations.length} regla(s): ${violations.map((v) => v.message).join('; ')}`,
            violations.map((v) => ({
              path: v.personId ? `body.team.${index.get(v.personId)}.personId` : 'body.team',
              message: v.message,
              code: v.rule,
            })),
          );
        }
        const row = {
          id,
          dossierId: d.id,
          plannedOn: input.plannedOn,
          status: 'planned' as const,
          criteriaVersion: d.criteriaVersion,
          criteriaHash: d.criteriaHash,
        };
        db.insert(visits).values(row).run();
        db.insert(visitMembers).values(input.team.map((m) => ({ visitId: id, personId: m.personId, kind: m.kind }))).run();
        appendAudit(db, actor, { entity: 'visit', entityId: id, action: 'plan', change: { ...row, team: input.team } }, at);
      });
      return visitView(id);
    },

    /** Records the visit's answers once; the same submission sent again returns the same visit. */
    submitVisit(actor: Actor, visitId: string, input: SubmitVisit): { visit: ReturnType<typeof visitView>; replayed: boolean } {
      const submissionHash = createHash('sha256').update(canonicalJson({ visitId, ...input })).digest('hex');
      const at = now();
      const replayed = immediate(db, () => {
        if (isReplay(input.idempotencyKey, submissionHash)) return true;
        const visit = repo.visit(visitId);
        if (!visit) throw notFound('visit');
        const d = load(visit.dossierId);
        authorizeVisitWrite(actor, visit.id, d.organizationId);
        if (visit.status !== 'planned') {
          throw new AppError('conflict', 'VISIT_ALREADY_SUBMITTED', 'Esta visita ya fue registrada; una corrección es un registro nuevo');
        }
        const found = recordSubmission(actor, d, visit.id, input, submissionHash, at);
        appendAudit(db, actor, { entity: 'visit', entityId: visit.id, action: 'submit', change: { ...input, nonConformities: found } }, at);
        move(actor, d, 'record_visit', at);
        return false;
      });
      const visit = replayed ? repo.visitByKey(input.idempotencyKey)! : repo.visit(visitId)!;
      return { visit: visitView(visit.id), replayed };
    },

    /**
     * Corrects a submitted visit with a new, complete record that points at it;
     * the original stays as it was. Only before the committee's review.
     */
    correctVisit(actor: Actor, visitId: string, input: CorrectVisit): { visit: ReturnType<typeof visitView>; replayed: boolean } {
      const { reason, ...submission } = input;
      const submissionHash = createHash('sha256').update(canonicalJson({ corrects: visitId, ...input })).digest('hex');
      const at = now();
      const id = randomUUID();
      const replayed = immediate(db, () => {
        if (isReplay(input.idempotencyKey, submissionHash)) return true;
        const original = repo.visit(visitId);
        if (!original) throw notFound('visit');
        const d = load(original.dossierId);
        authorizeVisitWrite(actor, original.id, d.organizationId);
        if (original.status !== 'submitted') throw new AppError('conflict', 'VISIT_NOT_SUBMITTED', 'Solo se corrige una visita ya registrada');
        const correctedBy = repo.visitsOf(d.id).find((v) => v.correctsVisitId === original.id);
        if (correctedBy) {
          throw new AppError('conflict', 'VISIT_ALREADY_CORRECTED', 'Esta visita ya fue corregida: corrija el registro más reciente', [{ path: 'params.id', message: correctedBy.id }]);
        }
        if (d.state !== 'visit_done') {
          throw new AppError('conflict', 'DOSSIER_STATE', `El expediente está «${DOSSIER_STATE_LABEL[d.state]}»; una visita se corrige antes de la revisión del comité`, [
            { path: 'state', message: d.state },
          ]);
        }
        const row = {
          id,
          dossierId: d.id,
          plannedOn: original.plannedOn,
          status: 'planned' as const,
          criteriaVersion: original.criteriaVersion,
          criteriaHash: original.criteriaHash,
          correctsVisitId: original.id,
          correctionReason: reason,
        };
        db.insert(visits).values(row).run();
        db.insert(visitMembers)
          .values(repo.team(original.id).map((m) => ({ visitId: id, personId: m.personId, kind: m.kind })))
          .run();
        const found = recordSubmission(actor, d, id, submission, submissionHash, at);
        appendAudit(db, actor, { entity: 'visit', entityId: id, action: 'correct', change: { ...row, ...submission, nonConformities: found } }, at);
        return false;
      });
      const visit = replayed ? repo.visitByKey(input.idempotencyKey)! : repo.visit(id)!;
      return { visit: visitView(visit.id), replayed };
    },

    selfAssess(actor: Actor, dossierId: string, input: { answers: AnswerInput[] }): Dossier {
      const at = now();
      immediate(db, () => {
        const d = load(dossierId);
        const own = actor.role === 'producer' && actor.producerId === d.producerId;
        authorize(own || canCreateIn(actor, d.organizationId), 'Solo el productor o su comité registran la autoevaluación');
        if (d.state === 'decided') throw new AppError('conflict', 'DOSSIER_STATE', 'El expediente ya fue decidido');
        const producer = repo.producer(d.producerId)!;
        checkAnswers(input.answers, applicable(d, producer.sectors), true);
        const id = randomUUID();
        db.insert(selfAssessments).values({ id, dossierId: d.id, submittedBy: actor.userId, createdAt: at.toISOString() }).run();
        insertAnswers(id, 'self_assessment', input.answers);
        appendAudit(db, actor, { entity: 'dossier', entityId: d.id, action: 'self_assessment', change: { selfAssessmentId: id, answers: input.answers } }, at);
      });
      return this.get(actor, dossierId);
    },

    recommend(actor: Actor, dossierId: string, input: z.infer<typeof RecommendationSchema>): Dossier {
      const at = now();
      immediate(db, () => {
        const d = load(dossierId);
        authorize(actor.role === 'admin' || (actor.role === 'committee' && actor.organizationId === d.organizationId), 'Solo el comité local recomienda');
        const recommendation = { ...input, byUserId: actor.userId, at: at.toISOString() };
        move(actor, d, 'committee_review', at);
        db.update(dossiers).set({ recommendation }).where(eq(dossiers.id, d.id)).run();
        appendAudit(db, actor, { entity: 'dossier', entityId: d.id, action: 'recommend', change: recommendation }, at);
      });
      return this.get(actor, dossierId);
    },

    /** Moves that are not a side effect of another record: sending to and returning from the commission. */
    applyEvent(actor: Actor, dossierId: string, event: DossierEvent): Dossier {
      const at = now();
      immediate(db, () => {
        const d = load(dossierId);
        if (event === 'send_to_commission') authorize(canCreateIn(actor, d.organizationId), 'Solo el comité envía el expediente a la comisión');
        else if (event === 'return_to_committee') authorize(actor.role === 'commission' || actor.role === 'admin', 'Solo la comisión devuelve expedientes');
        else throw new AppError('invalid', 'EVENT_NOT_DIRECT', `El paso ${event} se da al registrar la visita, la revisión del comité, la decisión o la apelación`);
        move(actor, d, event, at);
      });
      return this.get(actor, dossierId);
    },

    /** Moves the dossier inside a caller's transaction (the commission's decision, an appeal). */
    transitionWithin(actor: Actor, dossier: { id: string; state: DossierState }, event: DossierEvent, at: Date): void {
      move(actor, dossier, event, at);
    },

    getVisit(actor: Actor, visitId: string) {
      const visit = visitView(visitId);
      const d = load(visit.dossierId);
      authorize(canAccessRegistry(actor, 'read', { organizationId: d.organizationId, producerId: d.producerId }), 'No tiene acceso a esta visita');
      return visit;
    },
  };
}

function actorPersonId(db: Db, actor: Actor): string | null {
  const row = db.$client.prepare('SELECT person_id AS personId FROM users WHERE id = ?').get(actor.userId) as { personId: string | null } | undefined;
  return row?.personId ?? null;
}

export type DossierService = ReturnType<typeof createDossierService>;
