/** The peer-visit report (informe de visita) as PDF, for the producer and the committee. */
import { eq } from 'drizzle-orm';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { Db } from '../../db/client.js';
import { nonConformities, organizations, producers } from '../../db/schema.js';
import type { Actor } from '../../domain/access.js';
import { DEPARTMENTS, type Department } from '../../domain/bolivia.js';
import type { AnswerValue } from '../../domain/non-conformities.js';
import { AppError } from '../../errors.js';
import { renderVisitReportPdf } from '../../pdf/visit-report-pdf.js';
import type { DossierService } from './dossier-service.js';

export function createVisitReportService({ db, catalog, dossiers }: { db: Db; catalog: CriteriaCatalog; dossiers: DossierService }) {
  return {
    async render(actor: Actor, visitId: string): Promise<{ filename: string; pdf: Buffer }> {
      const visit = dossiers.getVisit(actor, visitId);
      if (visit.status !== 'submitted') throw new AppError('conflict', 'VISIT_NOT_SUBMITTED', 'La visita todavía no fue registrada: no hay informe');
      const dossier = dossiers.get(actor, visit.dossierId);
      const producer = db.select().from(producers).where(eq(producers.id, dossier.producer.id)).get()!;
      const organization = db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, producer.organizationId)).get()!;
      const version = catalog.version(dossier.scheme, visit.criteriaVersion);
      const answers = new Map(visit.answers.map((a) => [a.criterionCode, a]));
      const self = new Map((dossier.selfAssessment ?? []).map((a) => [a.criterionCode, a.value]));
      const pdf = await renderVisitReportPdf({
        organization: organization.name,
        producer: producer.name,
        location: { department: DEPARTMENTS[producer.department as Department] ?? producer.department, municipality: producer.municipality, community: producer.community },
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
        nonConformities: db
          .select()
          .from(nonConformities)
          .where(eq(nonConformities.visitId, visit.id))
          .all()
          .map((nc) => ({ criterionCode: nc.criterionCode, level: nc.level, effect: nc.effect, evidence: nc.evidence })),
        disagreements: visit.answers
          .filter((a) => self.has(a.criterionCode) && self.get(a.criterionCode) !== a.value)
          .map((a) => ({ criterionCode: a.criterionCode, selfAssessment: self.get(a.criterionCode) as AnswerValue, visit: a.value, notes: a.notes ?? '' })),
      });
      return { filename: `informe-visita-${dossier.cycle}-${visit.plannedOn}.pdf`, pdf };
    },
  };
}
export type VisitReportService = ReturnType<typeof createVisitReportService>;
