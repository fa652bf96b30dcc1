/**
 * Planning a dossier's peer visit, and cancelling one that will not take place. A dossier has at
 * most one planned visit at a time: it is recorded or cancelled before another is planned.
 *
 * A visit without notice (`unannounced`) is planned by the commission (or the administration) only,
 * and the commission plans no other kind: the visited organisation's accounts do not see it until it
 * is recorded. So that the committee learns nothing of it, a planned unannounced visit does not count
 * as «the» planned visit when the committee plans its own: both may be planned, and whichever is not
 * needed once the other is recorded is cancelled. The commission, who sees both, is refused while any
 * visit is planned. A surveillance visit is the commission's, always unannounced, on a unit whose
 * certificate is in force or suspended, whatever the dossier's state; like a regular visit it
 * answers every applicable criterion of the dossier's version, but it does not move the dossier.
 */
import { randomUUID } from 'node:crypto';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { immediate, type Db } from '../../db/client.js';
import { type Actor, authorize, canManageDossier, canPlanUnannounced, hidesUnannounced } from '../../domain/access.js';
import { laPazDate } from '../../domain/certificate-state.js';
import { dayInWords } from '../../domain/text.js';
import { plannedOnProblem } from '../../domain/visit-date.js';
import { checkVisitTeam, type VisitedUnit } from '../../domain/visit-team.js';
import { AppError, notFound } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { createPersonTiesRepository } from '../registry/person-ties-repository.js';
import type { DossierRow, createDossierRepository } from './dossier-repository.js';
import type { FollowUp } from './follow-up-service.js';
import type { CancelVisit, PlanVisit } from './dossier-schemas.js';
import { checkReviewerTraining } from './visit-training.js';
import type { VisitRepository, VisitRow, VisitView } from './visit-repository.js';
import { createSurveillanceCheck } from './visit-surveillance.js';

export const visitNotFound = () => notFound('VISIT_NOT_FOUND', 'No existe ese registro de visita');

/** Who may plan a visit of this kind on the dossier; a refusal writes nothing. */
function authorizePlanning(actor: Actor, d: DossierRow, unannounced: boolean, purpose: string): void {
  if (unannounced) {
    authorize(
      canPlanUnannounced(actor),
      'Una visita sin aviso la planifica solo la comisión de certificación: la organización visitada no debe conocerla de antemano',
    );
    return;
  }
  if (purpose === 'surveillance') {
    authorize(canPlanUnannounced(actor), 'Solo la comisión de certificación ordena visitas de vigilancia');
    throw new AppError('invalid', 'SURVEILLANCE_NOT_UNANNOUNCED', 'Una visita de vigilancia es siempre sin aviso', [
      { path: 'body.unannounced', message: 'Una visita de vigilancia es siempre sin aviso' },
    ]);
  }
  authorize(
    canManageDossier(actor, d),
    canPlanUnannounced(actor)
      ? 'La comisión solo planifica visitas sin aviso; las demás las planifica el comité de la organización'
      : 'Solo el comité de la organización planifica visitas',
  );
}

export type VisitPlanningDeps = {
  db: Db;
  catalog: CriteriaCatalog;
  now: () => Date;
  dossierRepo: ReturnType<typeof createDossierRepository>;
  repo: VisitRepository;
  loadDossier: (id: string) => DossierRow;
  loadVisit: (id: string) => VisitRow;
  view: (id: string) => VisitView;
  followUp: FollowUp;
};

export function createVisitPlanning({ db, catalog, now, dossierRepo, repo, loadDossier, loadVisit, view, followUp }: VisitPlanningDeps) {
  const ties = createPersonTiesRepository(db);
  const certifiedStatus = createSurveillanceCheck(db, catalog);
  /**
   * A second planned visit would leave the team unsure which one to record. Planning an announced
   * visit, a planned unannounced one is not counted: the committee must not learn of it.
   */
  const refuseIfOneIsPlanned = (dossierId: string, unannounced: boolean) => {
    const planned = repo.visitsOf(dossierId).find((v) => v.status === 'planned' && (unannounced || !v.unannounced));
    if (!planned) return;
    throw new AppError(
      'conflict',
      'VISIT_ALREADY_PLANNED',
      `Este expediente ya tiene una visita planificada para el ${dayInWords(planned.plannedOn)}: regístrela o cancélela antes de planificar otra`,
      [{ path: 'plannedVisit', message: planned.id }],
    );
  };

  /** The unit a dossier's visit goes to or, for the organisation's own file, the organisation alone. */
  const visitedOf = (d: { producerId: string | null; organizationId: string }): VisitedUnit => {
    if (d.producerId === null) return { producerId: null, organizationId: d.organizationId, household: null };
    const producer = dossierRepo.unitOf(d);
    return { producerId: producer.id, organizationId: producer.organizationId, household: producer.household };
  };

  return {
    plan(actor: Actor, dossierId: string, input: PlanVisit): VisitView {
      const at = now();
      const id = randomUUID();
      immediate(db, () => {
        const d = loadDossier(dossierId);
        const purpose = input.purpose ?? 'regular';
        const unannounced = input.unannounced === true;
        authorizePlanning(actor, d, unannounced, purpose);
        // A follow-up visit comes after the regular one, whatever the state, while a non-conformity awaits it.
        const followingUp = purpose === 'follow_up';
        if (followingUp) followUp.refuseWithoutPending(d);
        else if (purpose === 'surveillance') {
          if (certifiedStatus(d.id, at) === null) {
            throw new AppError(
              'conflict',
              'NOT_CERTIFIED',
              'Una visita de vigilancia se hace a una unidad con certificado vigente o suspendido, y este expediente no lo tiene',
            );
          }
        } else if (d.state !== 'open')
          throw new AppError('conflict', 'DOSSIER_STATE', 'Solo se planifican visitas en un expediente abierto');
        refuseIfOneIsPlanned(d.id, unannounced);
        const plannedOnRefusal = plannedOnProblem(input.plannedOn, laPazDate(at));
        if (plannedOnRefusal) {
          throw new AppError('invalid', 'PLANNED_ON_OUT_OF_RANGE', plannedOnRefusal, [
            { path: 'body.plannedOn', message: plannedOnRefusal },
          ]);
        }
        const people = new Map(repo.personsByIds(input.team.map((m) => m.personId)).map((p) => [p.id, p]));
        const unknown = input.team.flatMap((m, i) =>
          people.has(m.personId) ? [] : [{ path: `body.team.${i}.personId`, message: 'No existe esa persona' }],
        );
        if (unknown.length > 0) throw new AppError('unprocessable', 'UNKNOWN_PERSON', 'El equipo incluye personas que no existen', unknown);
        const team = input.team.map((m) => {
          const p = people.get(m.personId)!;
          return {
            personId: p.id,
            name: p.fullName,
            kind: m.kind,
            producerId: p.producerId,
            household: p.household,
            organizationId: p.organizationId,
          };
        });
        if (followingUp) followUp.refuseDependentTeam(d, team);
        const rules = catalog.version(d.scheme, d.criteriaVersion);
        const violations = checkVisitTeam({
          visited: visitedOf(d),
          team,
          cycle: d.cycle,
          history: repo.visitHistory(d.scheme),
          visitDate: input.plannedOn,
          ties: ties.tiesOfPersons(team.map((m) => m.personId)),
          rules,
        });
        if (violations.length > 0) {
          const index = new Map(input.team.map((m, i) => [m.personId, i]));
          throw new AppError(
            'unprocessable',
            'VISIT_TEAM_REFUSED',
            `El equipo no cumple ${violations.length === 1 ? 'una regla' : `${violations.length} reglas`}: ${violations.map((v) => v.message).join('; ')}`,
            violations.map((v) => ({
              path: v.personId ? `body.team.${index.get(v.personId)}.personId` : 'body.team',
              message: v.message,
              code: v.rule,
            })),
          );
        }
        const trainingWarnings = checkReviewerTraining(db, rules, team, input.plannedOn);
        const row = {
          id,
          dossierId: d.id,
          plannedOn: input.plannedOn,
          ...(trainingWarnings.length > 0 ? { trainingWarnings } : {}),
          status: 'planned' as const,
          criteriaVersion: d.criteriaVersion,
          criteriaHash: d.criteriaHash,
          purpose,
          unannounced,
        };
        repo.insert(row, input.team);
        appendAudit(db, actor, { entity: 'visit', entityId: id, action: 'plan', change: { ...row, team: input.team } }, at);
      });
      return view(id);
    },

    /** Cancels a planned visit that will not take place, with the reason; recorded visits stay as they are. */
    cancel(actor: Actor, visitId: string, { reason }: CancelVisit): VisitView {
      const at = now();
      immediate(db, () => {
        const visit = loadVisit(visitId);
        const d = loadDossier(visit.dossierId);
        // The visited organisation is told nothing of an unannounced visit, not even that it exists.
        if (hidesUnannounced(actor, visit)) throw visitNotFound();
        if (visit.unannounced) authorize(canPlanUnannounced(actor), 'Solo la comisión de certificación cancela una visita sin aviso');
        else authorize(canManageDossier(actor, d), 'Solo el comité de la organización cancela visitas');
        if (visit.status !== 'planned') {
          throw new AppError(
            'conflict',
            'VISIT_NOT_PLANNED',
            visit.status === 'cancelled'
              ? 'Esta visita ya fue cancelada'
              : 'Esta visita ya fue registrada: no se cancela; si algo está mal, corríjala',
          );
        }
        repo.cancel(visit.id);
        appendAudit(
          db,
          actor,
          { entity: 'visit', entityId: visit.id, action: 'cancel', change: { status: { before: 'planned', after: 'cancelled' }, reason } },
          at,
        );
      });
      return view(visitId);
    },
  };
}
