/** The peer-visit report (informe de visita) as PDF, for the producer and the committee. */
import fs from 'node:fs';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../domain/access.js';
import { DEPARTMENTS, type Department } from '../../domain/bolivia.js';
import { laPazDate } from '../../domain/certificate-state.js';
import type { AnswerValue } from '../../domain/non-conformities.js';
import { AppError } from '../../errors.js';
import { PRINTABLE_IMAGE_TYPES } from '../../pdf/printable-images.js';
import type { PdfRenderer } from '../../pdf/pdf-pool.js';
import type { VisitReportCorrectiveAction, VisitReportEvidence, VisitReportPdfData } from '../../pdf/visit-report-pdf.js';
import { createCorrectiveActionRepository } from './corrective-action-repository.js';
import { createDossierRepository } from './dossier-repository.js';
import type { DossierService } from './dossier-service.js';
import { createEvidenceRepository } from './evidence-repository.js';
import { evidenceFileIn } from './evidence-service.js';
import { createVisitRepository } from './visit-repository.js';
import type { VisitService } from './visit-service.js';

export type VisitReportDeps = {
  db: Db;
  catalog: CriteriaCatalog;
  dossiers: DossierService;
  visits: VisitService;
  /** Where evidence files are stored (`<dataDir>/evidence`). */
  dataDir: string;
  /** For the status of corrective actions (overdue or not) on the day the report is printed. */
  now: () => Date;
  /** Where the report is rendered (worker threads). */
  pdfs: PdfRenderer;
};

export function createVisitReportService({ db, catalog, dossiers, visits, dataDir, now, pdfs }: VisitReportDeps) {
  const dossierRepo = createDossierRepository(db);
  const visitRepo = createVisitRepository(db);
  const actionRepo = createCorrectiveActionRepository(db);
  const evidenceRepo = createEvidenceRepository(db);

  /** The record and the records it corrects: photos are often uploaded against the original. */
  const recordChain = (visitId: string): string[] => {
    const ids: string[] = [];
    for (let id: string | null = visitId; id && !ids.includes(id); id = visitRepo.visit(id)?.correctsVisitId ?? null) ids.push(id);
    return ids;
  };

  const evidenceOf = (visitId: string): VisitReportEvidence[] =>
    evidenceRepo.evidenceOfVisits(recordChain(visitId)).map((e) => {
      const file = evidenceFileIn(dataDir, e.sha256);
      // Only photos PDFKit can embed are read; a file missing on disk is listed, not fatal.
      const bytes = PRINTABLE_IMAGE_TYPES.includes(e.mediaType) && fs.existsSync(file) ? fs.readFileSync(file) : null;
      return { criterionCode: e.criterionCode, mediaType: e.mediaType, size: e.size, uploadedOn: laPazDate(new Date(e.createdAt)), bytes };
    });

  const correctiveActionsOf = (visitId: string, today: string): VisitReportCorrectiveAction[] =>
    actionRepo.actionsOfVisit(visitId).map((a) => ({
      criterionCode: a.criterionCode,
      level: a.level,
      description: a.description,
      responsible: a.responsible,
      deadline: a.deadline,
      status: a.closedAt ? 'closed' : a.deadline < today ? 'overdue' : 'open',
      closedOn: a.closedAt ? laPazDate(new Date(a.closedAt)) : null,
    }));

  return {
    async render(actor: Actor, visitId: string): Promise<{ filename: string; pdf: Buffer }> {
      // Both reads check the actor's access, so the report shows only what they may see.
      const visit = visits.get(actor, visitId);
      if (visit.status !== 'submitted')
        throw new AppError('conflict', 'VISIT_NOT_SUBMITTED', 'La visita todavía no fue registrada: no hay informe');
      const dossier = dossiers.get(actor, visit.dossierId);
      // A visit to the organisation's own file (group certification) is placed where the organisation is.
      const place = dossierRepo.visitedPlace({ producerId: dossier.producer?.id ?? null, organizationId: dossier.organization.id });
      const organization = dossier.organization.name;
      const version = catalog.version(dossier.scheme, visit.criteriaVersion);
      const answers = new Map(visit.answers.map((a) => [a.criterionCode, a]));
      const self = new Map((dossier.selfAssessment ?? []).map((a) => [a.criterionCode, a.value]));
      const submittedOn = visit.submittedAt ? laPazDate(new Date(visit.submittedAt)) : null;
      // Every submitted visit has its day (the migration backfilled older ones); the fallbacks only satisfy the type.
      const visitDate = visit.visitedOn ?? submittedOn ?? visit.plannedOn;
      const data: VisitReportPdfData = {
        organization,
        producer: dossier.holderName,
        location: {
          department: DEPARTMENTS[place.department as Department] ?? place.department,
          municipality: place.municipality,
          community: place.community,
        },
        cycle: String(dossier.cycle),
        scheme: { name: version.name.es, version: version.version, contentHash: version.contentHash },
        visitDate,
        submittedOn,
        team: visit.team.map((m) => ({ name: m.fullName, role: m.kind })),
        present: visit.present ?? [],
        observations: visit.observations ?? '',
        principles: version.principles
          .map((p) => ({
            code: p.code,
            title: p.title.es,
            answers: p.criteria.flatMap((c) => {
              const a = answers.get(c.code);
              return a ? [{ criterionCode: c.code, text: c.text.es, level: c.level, answer: a.value, notes: a.notes ?? '' }] : [];
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
        correctiveActions: correctiveActionsOf(visit.id, laPazDate(now())),
        evidence: evidenceOf(visit.id),
      };
      const pdf = await pdfs.render({ kind: 'visitReport', data });
      return { filename: `informe-visita-${dossier.cycle}-${visitDate}.pdf`, pdf };
    },
  };
}
export type VisitReportService = ReturnType<typeof createVisitReportService>;
