/** The peer-visit report (informe de visita) as PDF, for the producer and the committee. */
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../domain/access.js';
import { DEPARTMENTS, type Department } from '../../domain/bolivia.js';
import type { AnswerValue } from '../../domain/non-conformities.js';
import { AppError } from '../../errors.js';
import { renderVisitReportPdf } from '../../pdf/visit-report-pdf.js';
import { createDossierRepository } from './dossier-repository.js';
import type { DossierService } from './dossier-service.js';
import { createVisitRepository } from './visit-repository.js';
import type { VisitService } from './visit-service.js';

export type VisitReportDeps = { db: Db; catalog: CriteriaCatalog; dossiers: DossierService; visits: VisitService };

export function createVisitReportService({ db, catalog, dossiers, visits }: VisitReportDeps) {
  const dossierRepo = createDossierRepository(db);
  const visitRepo = createVisitRepository(db);
  return {
    async render(actor: Actor, visitId: string): Promise<{ filename: string; pdf: Buffer }> {
      // Both reads check the actor's access, so the report shows only what they may see.
      const visit = visits.get(actor, visitId);
      if (visit.status !== 'submitted')
        throw new AppError('conflict', 'VISIT_NOT_SUBMITTED', 'La visita todavía no fue registrada: no hay informe');
      const dossier = dossiers.get(actor, visit.dossierId);
      const producer = dossierRepo.producer(dossier.producer.id)!;
      const organization = dossierRepo.organizationName(producer.organizationId)!;
      const version = catalog.version(dossier.scheme, visit.criteriaVersion);
      const answers = new Map(visit.answers.map((a) => [a.criterionCode, a]));
      const self = new Map((dossier.selfAssessment ?? []).map((a) => [a.criterionCode, a.value]));
      const pdf = await renderVisitReportPdf({
        organization,
        producer: producer.name,
        location: {
          department: DEPARTMENTS[producer.department as Department] ?? producer.department,
          municipality: producer.municipality,
          community: producer.community,
        },
        cycle: String(dossier.cycle),
        scheme: { name: version.name.es, version: version.version, contentHash: version.contentHash },
        visitDate: visit.plannedOn,
        team: visit.team.map((m) => ({ name: m.fullName, role: m.kind })),
        present: visit.present ?? [],
        observations: visit.observations ?? '',
        principles: version.principles
          .map((p) => ({
            code: p.code,
            title: p.title.es,
            answers: p.criteria.flatMap((c) => {
              const a = answers.get(c.code);
              return a ? [{ criterionCode: c.code, text: c.text.es, answer: a.value, notes: a.notes ?? '' }] : [];
            }),
          }))
          .filter((p) => p.answers.length > 0),
        nonConformities: visitRepo
          .nonConformitiesOfVisit(visit.id)
          .map((nc) => ({ criterionCode: nc.criterionCode, level: nc.level, effect: nc.effect, evidence: nc.evidence })),
        disagreements: visit.answers
          .filter((a) => self.has(a.criterionCode) && self.get(a.criterionCode) !== a.value)
          .map((a) => ({
            criterionCode: a.criterionCode,
            selfAssessment: self.get(a.criterionCode) as AnswerValue,
            visit: a.value,
            notes: a.notes ?? '',
          })),
      });
      return { filename: `informe-visita-${dossier.cycle}-${visit.plannedOn}.pdf`, pdf };
    },
  };
}
export type VisitReportService = ReturnType<typeof createVisitReportService>;
