/**
 * Peer visits of a dossier: planning a team that passes the conflict-of-interest rules, or
 * cancelling it (visit-planning.ts), recording its answers once (resends are recognised) with the non-conformities they
 * yield, and correcting a record. Every write is one immediate transaction with its audit entry.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { immediate, type Db } from '../../db/client.js';
import { type Actor, authorize, canReadDossier, canRecordVisit, hidesUnannounced, listScope } from '../../domain/access.js';
import { canonicalJson } from '../../domain/content-hash.js';
import { DOSSIER_STATE_LABEL } from '../../domain/dossier-state.js';
import { laPazDate } from '../../domain/certificate-state.js';
import { deriveNonConformities } from '../../domain/non-conformities.js';
import { visitedOnProblem } from '../../domain/visit-date.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { applicableCriteria, checkAnswers } from './dossier-criteria.js';
import { createDossierRepository, type DossierRow } from './dossier-repository.js';
import type { CorrectVisit, SubmitVisit, VisitListQuery, VisitSummary } from './dossier-schemas.js';
import { dossierNotFound, type DossierService } from './dossier-service.js';
import { createFollowUp } from './follow-up-service.js';
import { createVisitPlanning, visitNotFound } from './visit-planning.js';
import { createVisitRepository, type VisitView } from './visit-repository.js';

/** A recorded visit, and whether this request only resent an earlier submission. */
export type Recorded = { visit: VisitView; replayed: boolean };

export type VisitDeps = { db: Db; catalog: CriteriaCatalog; now: () => Date; dossiers: DossierService };

export function createVisitService({ db, catalog, now, dossiers }: VisitDeps) {
  const dossierRepo = createDossierRepository(db);
  const repo = createVisitRepository(db);

  const loadDossier = (id: string) => {
    const dossier = dossierRepo.dossier(id);
    if (!dossier) throw dossierNotFound();
    return dossier;
  };
  const loadVisit = (id: string) => {
    const visit = repo.visit(id);
    if (!visit) throw visitNotFound();
    return visit;
  };
  const view = (id: string): VisitView => {
    const visit = repo.view(id);
    if (!visit) throw visitNotFound();
    return visit;
  };
  const followUp = createFollowUp(db, catalog);
  const planning = createVisitPlanning({ db, catalog, now, dossierRepo, repo, loadDossier, loadVisit, view, followUp });

  const authorizeRecording = (actor: Actor, visit: { id: string; unannounced: boolean }, dossier: DossierRow) => {
    const personId = repo.personIdOfUser(actor.userId);
    const onVisitTeam = personId !== null && repo.team(visit.id).some((m) => m.personId === personId);
    authorize(
      canRecordVisit(actor, dossier, onVisitTeam, visit.unannounced),
      visit.unannounced
        ? 'Una visita sin aviso la registra la comisión de certificación'
        : 'Solo el equipo de la visita o el comité registran sus respuestas',
    );
  };

  /**
   * Records a submission once per idempotency key, in one immediate transaction. The same
   * submission sent again returns the visit it recorded; another one under that key is a 409.
   * `authorizeFor` loads what the submission is about and checks the actor may record it, before
   * the key is looked up: a key never shows a visit to someone who could not have recorded it.
   * `record` then writes the submission (with its hash) and returns the id of the visit it recorded.
   */
  const recordOnce = <Subject>(
    idempotencyKey: string,
    submission: unknown,
    authorizeFor: () => Subject,
    record: (subject: Subject, submissionHash: string) => string,
  ): Recorded => {
    const submissionHash = createHash('sha256').update(canonicalJson(submission)).digest('hex');
    const { visitId, replayed } = immediate(db, () => {
      const subject = authorizeFor();
      const previous = repo.visitByKey(idempotencyKey);
      if (!previous) return { visitId: record(subject, submissionHash), replayed: false };
      if (previous.submissionHash !== submissionHash) {
        throw new AppError('conflict', 'IDEMPOTENCY_KEY_REUSED', 'Esa clave de envío ya se usó para otra entrega distinta');
      }
      return { visitId: previous.id, replayed: true };
    });
    return { visit: view(visitId), replayed };
  };

  /** The visit and its dossier, once the actor is known to be allowed to record on it. */
  const recordable = (actor: Actor, visitId: string) => {
    const visit = loadVisit(visitId);
    // The visited organisation is told nothing of an unannounced visit before it is recorded.
    if (hidesUnannounced(actor, visit)) throw visitNotFound();
    const d = loadDossier(visit.dossierId);
    authorizeRecording(actor, visit, d);
    return { visit, d };
  };

  /**
   * The day the visit took place: the one given, checked against today in Bolivia, or
   * `fallback`. Checked only when first recorded, so a later resend is still a replay.
   */
  const visitedOnOf = (given: string | undefined, fallback: string, at: Date): string => {
    if (given === undefined) return fallback;
    const problem = visitedOnProblem(given, laPazDate(at));
    if (problem) throw new AppError('invalid', 'VISITED_ON_OUT_OF_RANGE', problem, [{ path: 'body.visitedOn', message: problem }]);
    return given;
  };

  /**
   * Writes a submitted visit's answers, checked against the pinned criteria, and the
   * non-conformities derived from them; returns how many. Runs inside the caller's transaction.
   */
  const writeSubmission = (
    actor: Actor,
    d: DossierRow,
    visitId: string,
    { visitedOn: _given, ...input }: SubmitVisit,
    visitedOn: string,
    submissionHash: string,
    at: Date,
  ): number => {
    const criteria = applicableCriteria(catalog, d, dossierRepo.sectorsOf(d));
    checkAnswers(input.answers, criteria, true);
    repo.recordSubmission(visitId, {
      present: input.present,
      observations: input.observations ?? null,
      visitedOn,
      submittedAt: at.toISOString(),
      submittedBy: actor.userId,
      idempotencyKey: input.idempotencyKey,
      submissionHash,
      answers: input.answers,
    });
    const version = catalog.version(d.scheme, d.criteriaVersion);
    const found = deriveNonConformities(input.answers, criteria, version.decisionPolicy, d.cycle);
    repo.insertNonConformities(found.map((nc) => ({ id: randomUUID(), dossierId: d.id, visitId, ...nc })));
    return found.length;
  };

  return {
    get(actor: Actor, visitId: string): VisitView {
      const visit = view(visitId);
      const d = loadDossier(visit.dossierId);
      authorize(canReadDossier(actor, d), 'No tiene acceso a esta visita');
      // Before it is recorded, an unannounced visit does not exist for the visited organisation.
      if (hidesUnannounced(actor, visit)) throw visitNotFound();
      return visit;
    },

    /**
     * A page of the visit records whose dossier the actor may read (the scope is applied in SQL);
     * `assignedTo=me` keeps those whose team includes the person linked to the actor's account.
     */
    list(actor: Actor, { assignedTo, ...query }: VisitListQuery): { items: VisitSummary[]; page: number; pageSize: number; total: number } {
      const paging = { page: query.page, pageSize: query.pageSize };
      let teamPersonId: string | undefined;
      if (assignedTo === 'me') {
        const personId = repo.personIdOfUser(actor.userId);
        // An account not linked to a person is on no team.
        if (personId === null) return { items: [], ...paging, total: 0 };
        teamPersonId = personId;
      }
      const hideUnannounced = hidesUnannounced(actor, { unannounced: true, status: 'planned' });
      const { items, total } = repo.list(listScope(actor), query, teamPersonId, hideUnannounced);
      return { items, ...paging, total };
    },

    ...planning,

    /** Records the visit's answers once; the same submission sent again returns the same visit. */
    submit(actor: Actor, visitId: string, input: SubmitVisit): Recorded {
      const at = now();
      return recordOnce(
        input.idempotencyKey,
        { visitId, ...input },
        () => recordable(actor, visitId),
        ({ visit, d }, submissionHash) => {
          if (visit.status === 'cancelled') {
            throw new AppError('conflict', 'VISIT_CANCELLED', 'Esta visita fue cancelada: no se registran sus respuestas');
          }
          if (visit.status !== 'planned') {
            throw new AppError('conflict', 'VISIT_ALREADY_SUBMITTED', 'Esta visita ya fue registrada; una corrección es un registro nuevo');
          }
          const visitedOn = visitedOnOf(input.visitedOn, laPazDate(at), at);
          if (visit.purpose === 'follow_up') {
            followUp.submit(actor, d, repo, visit.id, { ...input, visitedOn, submissionHash }, at);
            return visit.id;
          }
          const found = writeSubmission(actor, d, visit.id, input, visitedOn, submissionHash, at);
          appendAudit(
            db,
            actor,
            { entity: 'visit', entityId: visit.id, action: 'submit', change: { ...input, visitedOn, nonConformities: found } },
            at,
          );
          // A surveillance visit watches over a certified unit: its findings are for the commission, the dossier stays where it is.
          if (visit.purpose !== 'surveillance') dossiers.transitionWithin(actor, d, 'record_visit', at);
          return visit.id;
        },
      );
    },

    /**
     * Corrects a submitted visit with a new, complete record that points at it;
     * the original stays as it was. Only before the committee's review.
     */
    correct(actor: Actor, visitId: string, input: CorrectVisit): Recorded {
      const { reason, ...submission } = input;
      const at = now();
      const id = randomUUID();
      return recordOnce(
        input.idempotencyKey,
        { corrects: visitId, ...input },
        () => recordable(actor, visitId),
        ({ visit: original, d }, submissionHash) => {
          if (original.status !== 'submitted')
            throw new AppError('conflict', 'VISIT_NOT_SUBMITTED', 'Solo se corrige una visita ya registrada');
          if (original.purpose === 'follow_up') {
            throw new AppError(
              'conflict',
              'FOLLOW_UP_NOT_CORRECTABLE',
              'Una visita de seguimiento no se corrige: si algo está mal, planifique otra',
            );
          }
          const correctedBy = repo.visitsOf(d.id).find((v) => v.correctsVisitId === original.id);
          if (correctedBy) {
            throw new AppError('conflict', 'VISIT_ALREADY_CORRECTED', 'Esta visita ya fue corregida: corrija el registro más reciente', [
              { path: 'params.id', message: correctedBy.id },
            ]);
          }
          if (d.state !== 'visit_done') {
            throw new AppError(
              'conflict',
              'DOSSIER_STATE',
              `El expediente está «${DOSSIER_STATE_LABEL[d.state]}»; una visita se corrige antes de la revisión del comité`,
              [{ path: 'state', message: d.state }],
            );
          }
          const row = {
            id,
            dossierId: d.id,
            plannedOn: original.plannedOn,
            status: 'planned' as const,
            criteriaVersion: original.criteriaVersion,
            criteriaHash: original.criteriaHash,
            purpose: original.purpose,
            unannounced: original.unannounced,
            correctsVisitId: original.id,
            correctionReason: reason,
          };
          // A correction re-records the same visit: by default, on the day the original says.
          const visitedOn = visitedOnOf(submission.visitedOn, original.visitedOn ?? laPazDate(at), at);
          repo.insert(row, repo.team(original.id));
          const found = writeSubmission(actor, d, id, submission, visitedOn, submissionHash, at);
          appendAudit(
            db,
            actor,
            { entity: 'visit', entityId: id, action: 'correct', change: { ...row, ...submission, visitedOn, nonConformities: found } },
            at,
          );
          return id;
        },
      );
    },
  };
}
export type VisitService = ReturnType<typeof createVisitService>;
