/**
 * What a phone needs to record a peer visit without signal: the visit, its producer and team,
 * the applicable criteria of the pinned version with their verification text, and the answers of
 * the producer's previous visit. Checked per object exactly like the API: the dossier must be
 * readable and the actor allowed to record (`canReadDossier`, `canRecordVisit`); an unannounced visit not yet
 * recorded does not exist for the visited organisation (`hidesUnannounced`).
 */
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { Db } from '../../db/client.js';
import { authorize, canReadDossier, canRecordVisit, hidesUnannounced, type Actor } from '../../domain/access.js';
import type { CriterionLevel } from '../../domain/criteria-schema.js';
import { notFound } from '../../errors.js';
import { applicableCriteria } from './dossier-criteria.js';
import { createDossierRepository } from './dossier-repository.js';
import { createFollowUp } from './follow-up-service.js';
import { createVisitRepository, type VisitView } from './visit-repository.js';

export type VisitCapture = {
  visit: VisitView;
  producer: { name: string; community: string; municipality: string };
  cycle: number;
  criteriaVersion: string;
  criteria: { code: string; level: CriterionLevel; text: string; verification: string }[];
  previous: { visitedOn: string | null; answers: VisitView['answers'] } | null;
};

export function createVisitCaptureService({ db, catalog }: { db: Db; catalog: CriteriaCatalog }) {
  const dossierRepo = createDossierRepository(db);
  const repo = createVisitRepository(db);
  const followUp = createFollowUp(db, catalog);

  return {
    forRecording(actor: Actor, visitId: string): VisitCapture {
      const visit = repo.view(visitId);
      if (!visit) throw notFound('VISIT_NOT_FOUND', 'No existe ese registro de visita');
      const dossier = dossierRepo.dossier(visit.dossierId)!;
      authorize(canReadDossier(actor, dossier), 'No tiene acceso a esta visita');
      // Not a word of an unannounced visit to the visited organisation before it is recorded.
      if (hidesUnannounced(actor, visit)) throw notFound('VISIT_NOT_FOUND', 'No existe ese registro de visita');
      const personId = repo.personIdOfUser(actor.userId);
      const onTeam = personId !== null && visit.team.some((m) => m.personId === personId);
      authorize(
        canRecordVisit(actor, dossier, onTeam, visit.unannounced),
        visit.unannounced
          ? 'Una visita sin aviso la registra la comisión de certificación'
          : 'Solo el equipo de la visita o el comité registran sus respuestas',
      );
      // A follow-up visit answers only the criteria of the non-conformities it verifies.
      const toVerify = visit.purpose === 'follow_up' ? new Set(followUp.criteriaToVerify(dossier)) : null;
      const applicable = [...applicableCriteria(catalog, dossier, dossierRepo.sectorsOf(dossier)).values()];
      const criteria = applicable
        .filter((c) => toVerify === null || toVerify.has(c.code))
        .map((c) => ({
          code: c.code,
          level: c.level,
          text: c.text.es,
          verification: c.verification.es,
        }));
      // A visit to the organisation's own file (group certification) shows the organisation where the unit would be.
      const place = dossierRepo.visitedPlace(dossier);
      const previous = dossier.producerId === null ? null : repo.previousVisitOf(dossier.producerId, dossier.id);
      return {
        visit,
        producer: { name: place.name, community: place.community, municipality: place.municipality },
        cycle: dossier.cycle,
        criteriaVersion: dossier.criteriaVersion,
        criteria,
        previous: previous ? { visitedOn: previous.visitedOn, answers: previous.answers } : null,
      };
    },
  };
}
export type VisitCaptureService = ReturnType<typeof createVisitCaptureService>;
