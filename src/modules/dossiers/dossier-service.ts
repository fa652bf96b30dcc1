/**
 * Dossiers (expedientes): opening a cycle pinned to a criteria version, the producer's
 * self-assessment, the local committee's review and the moves between states.
 */
import { randomUUID } from 'node:crypto';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { immediate, isUniqueViolation, type Db } from '../../db/client.js';
import {
  type Actor,
  authorize,
  canAccessOrganization,
  canActAsCommission,
  canManageDossier,
  canReadDossier,
  canRecommend,
  canSelfAssess,
  hidesUnannounced,
  listScope,
} from '../../domain/access.js';
import {
  allowedEvents,
  DOSSIER_EVENT_LABEL,
  DOSSIER_STATE_LABEL,
  transition,
  type DossierEvent,
  type DossierState,
} from '../../domain/dossier-state.js';
import { allCriteria, type CriteriaVersion } from '../../domain/criteria.js';
import { AppError, notFound } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { applicableCriteria, checkAnswers } from './dossier-criteria.js';
import { createDossierRepository } from './dossier-repository.js';
import { createFollowUp } from './follow-up-service.js';
import type { AnswerInput, Dossier, DossierListQuery, DossierSummary, NewDossier, Recommendation } from './dossier-schemas.js';
import { createVisitRepository } from './visit-repository.js';

export const dossierNotFound = () => notFound('DOSSIER_NOT_FOUND', 'No existe ese expediente');

export function createDossierService(db: Db, catalog: CriteriaCatalog, now: () => Date) {
  const repo = createDossierRepository(db);
  const visitRepo = createVisitRepository(db);
  const followUp = createFollowUp(db, catalog);

  const load = (id: string) => {
    const dossier = repo.dossier(id);
    if (!dossier) throw dossierNotFound();
    return dossier;
  };

  /** Moves the dossier and records the move; runs inside the caller's transaction. */
  const transitionWithin = (actor: Actor, dossier: { id: string; state: DossierState }, event: DossierEvent, at: Date): void => {
    const t = transition(dossier.state, event);
    if (!t.ok) throw new AppError('conflict', 'DOSSIER_STATE', t.message, [{ path: 'state', message: dossier.state }]);
    repo.setState(dossier.id, t.to, at.toISOString());
    appendAudit(
      db,
      actor,
      { entity: 'dossier', entityId: dossier.id, action: event, change: { state: { before: dossier.state, after: t.to } } },
      at,
    );
  };

  /** Whose file a new dossier is: the unit (and its organisation), or the organisation itself. */
  const holderOf = (input: NewDossier): { producerId: string | null; organizationId: string; name: string } => {
    if (input.scope === 'organization') {
      const name = repo.organizationName(input.organizationId!);
      if (name === undefined) throw notFound('ORGANIZATION_NOT_FOUND', 'No existe esa organización');
      return { producerId: null, organizationId: input.organizationId!, name: `la organización ${name}` };
    }
    const producer = repo.producer(input.producerId!);
    if (!producer) throw notFound('PRODUCER_NOT_FOUND', 'No existe esa unidad productiva');
    return { producerId: producer.id, organizationId: producer.organizationId, name: producer.name };
  };

  /** Group certification needs criteria that say whom each one is about, and a member's file its organisation's. */
  const refuseGroupWithout = (version: CriteriaVersion, organizationId: string, scope: 'organization' | 'member', cycle: number) => {
    if (!allCriteria(version).every((c) => c.scope !== undefined)) {
      throw new AppError(
        'unprocessable',
        'GROUP_CERTIFICATION_NOT_IN_CRITERIA',
        `Los criterios vigentes (${version.scheme} ${version.version}) no dicen qué criterios son de la organización y cuáles de cada unidad: no permiten certificar en grupo`,
      );
    }
    if (scope === 'member' && !repo.organizationDossier(organizationId, version.scheme, cycle)) {
      throw new AppError(
        'unprocessable',
        'ORGANIZATION_DOSSIER_MISSING',
        `Para certificar en grupo, abra primero el expediente de la organización para el ciclo ${cycle}`,
        [{ path: 'body.scope', message: 'Falta el expediente de la organización' }],
      );
    }
  };

  const get = (actor: Actor, id: string): Dossier => {
    const d = load(id);
    authorize(canReadDossier(actor, d), 'No tiene acceso a este expediente');
    const producer = d.producerId === null ? null : repo.unitOf(d);
    const organization = { id: d.organizationId, name: repo.organizationName(d.organizationId)! };
    const sectors = producer?.sectors ?? repo.sectorsOf(d);
    const criteria = applicableCriteria(catalog, d, sectors);
    const self = repo.latestSelfAssessment(d.id);
    const selfAnswers = self ? repo.answersOf(self.id) : null;
    // An unannounced visit is hidden from the visited organisation until it is recorded.
    const visits = visitRepo.viewsOf(d.id).filter((v) => !hidesUnannounced(actor, v));
    // Submitted regular visits that no later record corrects: the ones that count (a follow-up visit only verifies).
    const effective = visits.filter((v) => v.status === 'submitted' && v.correctedByVisitId === null && v.purpose === 'regular');
    const effectiveIds = new Set(effective.map((v) => v.id));
    const lastSubmitted = effective.at(-1);
    const ncs = repo.nonConformitiesOf(d.id).filter((nc) => effectiveIds.has(nc.visitId));
    const actions = repo.correctiveActionsOf(ncs.map((nc) => nc.id));
    const followUps = followUp.statesOf(d, ncs, actions);
    const peerByCode = new Map(lastSubmitted?.answers.map((a) => [a.criterionCode, a.value]) ?? []);
    const disagreements = (selfAnswers ?? [])
      .filter((a) => peerByCode.has(a.criterionCode) && peerByCode.get(a.criterionCode) !== a.value)
      .map((a) => ({ criterionCode: a.criterionCode, selfAssessment: a.value, peers: peerByCode.get(a.criterionCode)! }));
    return {
      id: d.id,
      scope: d.scope,
      producer: producer && {
        id: producer.id,
        name: producer.name,
        organizationId: producer.organizationId,
        sectors: producer.sectors,
        household: producer.household,
        pledgeSignedOn: producer.pledgeSignedOn,
      },
      organization,
      holderName: producer?.name ?? organization.name,
      sectors,
      cycle: d.cycle,
      scheme: d.scheme,
      criteriaVersion: d.criteriaVersion,
      criteriaHash: d.criteriaHash,
      state: d.state,
      nextEvents: allowedEvents(d.state),
      applicableCriteria: [...criteria.values()].map((c) => ({ code: c.code, level: c.level, text: c.text.es })),
      selfAssessment: selfAnswers,
      visits,
      disagreements,
      nonConformities: ncs.map(({ dossierId: _d, createdAt: _c, ...nc }) => ({
        ...nc,
        correctiveActions: actions.filter((a) => a.nonConformityId === nc.id).map(({ nonConformityId: _n, createdAt: _ca, ...a }) => a),
        followUp: followUps.get(nc.id) ?? null,
      })),
      evidence: repo.evidenceOf(d.id),
      recommendation: d.recommendation ?? null,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    };
  };

  return {
    get,
    transitionWithin,

    /** A page of the dossiers the actor may read, with the steps each one's state allows. */
    list(actor: Actor, query: DossierListQuery): { items: DossierSummary[]; page: number; pageSize: number; total: number } {
      if (query.organizationId) {
        authorize(canAccessOrganization(actor, 'read', query.organizationId), 'Solo puede consultar los expedientes de su organización');
      }
      const { items, total } = repo.list(listScope(actor), query);
      return {
        items: items.map(({ producerId, producerName, ...d }) => ({
          ...d,
          producer: producerId === null || producerName === null ? null : { id: producerId, name: producerName },
          stateLabel: DOSSIER_STATE_LABEL[d.state],
          nextEvents: allowedEvents(d.state),
        })),
        page: query.page,
        pageSize: query.pageSize,
        total,
      };
    },

    /**
     * Opens a dossier pinned to the scheme's current version: a unit's (certified on its own or as a member
     * of its organisation's group) or the organisation's own file. Group certification needs a version whose
     * criteria say whom they are about, and a member's file needs the organisation's own file of the cycle.
     */
    open(actor: Actor, input: NewDossier): Dossier {
      const at = now();
      const id = randomUUID();
      immediate(db, () => {
        const holder = holderOf(input);
        authorize(canManageDossier(actor, { organizationId: holder.organizationId }), 'Solo el comité de la organización abre expedientes');
        const current = catalog.scheme(input.scheme).currentVersion;
        if (!current)
          throw new AppError('conflict', 'NO_PUBLISHED_CRITERIA', `El esquema ${input.scheme} no tiene ninguna versión publicada`);
        const version = catalog.version(input.scheme, current);
        const cycle = input.cycle ?? at.getUTCFullYear();
        if (input.scope !== 'unit') refuseGroupWithout(version, holder.organizationId, input.scope, cycle);
        const row = {
          id,
          scope: input.scope,
          producerId: holder.producerId,
          organizationId: holder.organizationId,
          cycle,
          scheme: input.scheme,
          criteriaVersion: version.version,
          criteriaHash: version.contentHash,
          state: 'open' as const,
          updatedAt: at.toISOString(),
        };
        try {
          repo.insert(row);
        } catch (error) {
          if (isUniqueViolation(error))
            throw new AppError('conflict', 'DOSSIER_EXISTS', `Ya existe un expediente de ${holder.name} para el ciclo ${cycle}`);
          throw error;
        }
        appendAudit(db, actor, { entity: 'dossier', entityId: id, action: 'create', change: row }, at);
      });
      return get(actor, id);
    },

    selfAssess(actor: Actor, dossierId: string, input: { answers: AnswerInput[] }): Dossier {
      const at = now();
      immediate(db, () => {
        const d = load(dossierId);
        authorize(canSelfAssess(actor, d), 'Solo el productor o su comité registran la autoevaluación');
        if (d.state === 'decided') throw new AppError('conflict', 'DOSSIER_STATE', 'El expediente ya fue decidido');
        checkAnswers(input.answers, applicableCriteria(catalog, d, repo.sectorsOf(d)), true);
        const id = randomUUID();
        repo.insertSelfAssessment({ id, dossierId: d.id, submittedBy: actor.userId, createdAt: at.toISOString() }, input.answers);
        appendAudit(
          db,
          actor,
          { entity: 'dossier', entityId: d.id, action: 'self_assessment', change: { selfAssessmentId: id, answers: input.answers } },
          at,
        );
      });
      return get(actor, dossierId);
    },

    recommend(actor: Actor, dossierId: string, input: Recommendation): Dossier {
      const at = now();
      immediate(db, () => {
        const d = load(dossierId);
        authorize(canRecommend(actor, d), 'Solo el comité local recomienda');
        const recommendation = { ...input, byUserId: actor.userId, at: at.toISOString() };
        transitionWithin(actor, d, 'committee_review', at);
        repo.setRecommendation(d.id, recommendation);
        appendAudit(db, actor, { entity: 'dossier', entityId: d.id, action: 'recommend', change: recommendation }, at);
      });
      return get(actor, dossierId);
    },

    /** Moves that are not a side effect of another record: sending to and returning from the commission. */
    applyEvent(actor: Actor, dossierId: string, event: DossierEvent): Dossier {
      const at = now();
      immediate(db, () => {
        const d = load(dossierId);
        if (event === 'send_to_commission') authorize(canManageDossier(actor, d), 'Solo el comité envía el expediente a la comisión');
        else if (event === 'return_to_committee') authorize(canActAsCommission(actor), 'Solo la comisión devuelve expedientes');
        else
          throw new AppError(
            'invalid',
            'EVENT_NOT_DIRECT',
            `El paso «${event}» (${DOSSIER_EVENT_LABEL[event]}) no se pide aparte: ocurre al registrar la visita, la revisión del comité, la decisión de la comisión o una apelación acogida. Por aquí solo se envía el expediente a la comisión («send_to_commission») o se devuelve al comité («return_to_committee»)`,
          );
        transitionWithin(actor, d, event, at);
      });
      return get(actor, dossierId);
    },
  };
}

export type DossierService = ReturnType<typeof createDossierService>;
