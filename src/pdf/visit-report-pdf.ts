/**
 * The peer-visit report (informe de visita de pares) for the visited unit and
 * the local committee, rendered from `templates/pdf/visit-report.es.yaml`.
 */
import { z } from 'zod';
import { ANSWER_VALUES, type AnswerValue } from '../domain/non-conformities.js';
import type { MemberKind } from '../domain/visit-team.js';
import { formatDateShort, formatDateWithIso, formatLocation, mm, renderPdf, standardFurniture, type Location } from './document.js';
import { definitionList, heading, list, paragraph, signatures, table, tableOrNote, title } from './layout.js';
import { fill, loadPdfTemplate, MetadataTemplateSchema, TextSchema, textsFor } from './template.js';
import { evidenceSection, EvidenceTextsSchema, type VisitReportEvidence } from './visit-report-evidence.js';

export type { VisitReportEvidence } from './visit-report-evidence.js';

export type VisitReportLevel = 'critical' | 'major' | 'minor' | 'progressive';
export type VisitReportEffect = 'blocks_approval' | 'requires_conditions' | 'improvement_goal';
export type CorrectiveActionStatus = 'open' | 'overdue' | 'closed';

/** A corrective action agreed on one of the visit's non-conformities. */
export type VisitReportCorrectiveAction = {
  criterionCode: string;
  level: VisitReportLevel;
  description: string;
  /** Full name of the responsible person. */
  responsible: string;
  /** YYYY-MM-DD. */
  deadline: string;
  status: CorrectiveActionStatus;
  /** YYYY-MM-DD (Bolivia) when closed. */
  closedOn: string | null;
};

export type VisitReportPdfData = {
  organization: string;
  /** The visited production unit. */
  producer: string;
  location: Location;
  /** Display form of the cycle, e.g. "2026". */
  cycle: string;
  scheme: { name: string; version: string; contentHash: string };
  /** YYYY-MM-DD the visit took place (not when it was submitted); also the document's date. */
  visitDate: string;
  /** YYYY-MM-DD (Bolivia) the visit was recorded in Sello, printed when it differs from the visit date. */
  submittedOn: string | null;
  team: { name: string; role: MemberKind }[];
  /** People present at the visit (family members, workers, representatives). */
  present: string[];
  observations: string;
  /** Answers grouped by principle, in the order of the criteria file. */
  principles: {
    code: string;
    title: string;
    answers: { criterionCode: string; text: string; level: VisitReportLevel; answer: AnswerValue; notes: string }[];
  }[];
  nonConformities: { criterionCode: string; level: VisitReportLevel; effect: VisitReportEffect; evidence: string }[];
  /** Criteria where the visit's answer differs from the self-assessment. */
  disagreements: { criterionCode: string; selfAssessment: AnswerValue; visit: AnswerValue; notes: string }[];
  correctiveActions: VisitReportCorrectiveAction[];
  /** Photos and documents uploaded for the visit, oldest first. */
  evidence: VisitReportEvidence[];
};

const VisitReportTemplateSchema = z
  .object({
    metadata: MetadataTemplateSchema,
    title: TextSchema,
    subtitle: TextSchema,
    header: TextSchema,
    footer: TextSchema,
    sections: textsFor([
      'general',
      'team',
      'present',
      'observations',
      'answers',
      'nonConformities',
      'correctiveActions',
      'disagreements',
      'evidence',
      'signatures',
    ]),
    labels: textsFor(['organization', 'producer', 'location', 'cycle', 'visitDate', 'submittedOn', 'criteria', 'contentHash']),
    criteriaVersion: TextSchema,
    principle: TextSchema,
    columns: textsFor([
      'name',
      'role',
      'code',
      'criterion',
      'answer',
      'notes',
      'level',
      'effect',
      'evidence',
      'selfAssessment',
      'visit',
      'action',
      'responsible',
      'deadline',
      'status',
    ]),
    roles: textsFor(['producer', 'consumer', 'technician']),
    answers: textsFor(ANSWER_VALUES),
    levels: textsFor(['critical', 'major', 'minor', 'progressive']),
    effects: textsFor(['blocks_approval', 'requires_conditions', 'improvement_goal']),
    nonConformitiesIntro: TextSchema,
    noObservations: TextSchema,
    noPresent: TextSchema,
    noNonConformities: TextSchema,
    noDisagreements: TextSchema,
    noCorrectiveActions: TextSchema,
    actionStatus: textsFor(['open', 'overdue', 'closed']),
    evidence: EvidenceTextsSchema,
    signatures: z.object({ intro: TextSchema, producerRole: TextSchema, line: TextSchema }).strict(),
  })
  .strict();
type VisitReportTemplate = z.infer<typeof VisitReportTemplateSchema>;

const MARGINS = { top: mm(22), bottom: mm(22), left: mm(18), right: mm(18) };

export function renderVisitReportPdf(data: VisitReportPdfData): Promise<Buffer> {
  const t = loadPdfTemplate('visit-report.es.yaml', VisitReportTemplateSchema);
  const date = formatDateWithIso(data.visitDate);
  const meta = {
    title: fill(t.metadata.title, { producer: data.producer, date: data.visitDate }),
    author: data.organization,
    subject: fill(t.metadata.subject, { cycle: data.cycle, producer: data.producer, organization: data.organization }),
    keywords: t.metadata.keywords,
    date: data.visitDate,
  };
  const furniture = standardFurniture(
    fill(t.header, { producer: data.producer, date: data.visitDate }),
    fill(t.footer, { cycle: data.cycle, version: data.scheme.version }),
  );
  return renderPdf(
    meta,
    MARGINS,
    (doc) => {
      title(doc, t.title, fill(t.subtitle, { scheme: data.scheme.name }));

      heading(doc, t.sections.general);
      definitionList(doc, [
        [t.labels.organization, data.organization],
        [t.labels.producer, data.producer],
        [t.labels.location, formatLocation(data.location)],
        [t.labels.cycle, data.cycle],
        [t.labels.visitDate, date],
        ...(data.submittedOn && data.submittedOn !== data.visitDate
          ? [[t.labels.submittedOn, formatDateWithIso(data.submittedOn)] as const]
          : []),
        [t.labels.criteria, fill(t.criteriaVersion, { scheme: data.scheme.name, version: data.scheme.version })],
        [t.labels.contentHash, data.scheme.contentHash, 7.5],
      ]);

      heading(doc, t.sections.team);
      table(
        doc,
        [
          { header: t.columns.name, width: 0.55, bold: true },
          { header: t.columns.role, width: 0.45 },
        ],
        data.team.map((member) => [member.name, t.roles[member.role]]),
      );

      heading(doc, t.sections.present);
      if (data.present.length === 0) paragraph(doc, t.noPresent);
      else list(doc, data.present);

      heading(doc, t.sections.observations);
      paragraph(doc, data.observations.trim() || t.noObservations);

      heading(doc, t.sections.answers);
      for (const principle of data.principles) {
        heading(doc, fill(t.principle, { code: principle.code, title: principle.title }), 2);
        table(
          doc,
          [
            { header: t.columns.code, width: 0.09, bold: true },
            { header: t.columns.criterion, width: 0.36 },
            { header: t.columns.answer, width: 0.17, bold: true },
            { header: t.columns.level, width: 0.11 },
            { header: t.columns.notes, width: 0.27 },
          ],
          principle.answers.map((a) => [a.criterionCode, a.text, t.answers[a.answer], t.levels[a.level], a.notes]),
        );
      }

      heading(doc, t.sections.nonConformities);
      if (data.nonConformities.length > 0) paragraph(doc, t.nonConformitiesIntro, { muted: true, keepWithNext: 40 });
      tableOrNote(
        doc,
        [
          { header: t.columns.code, width: 0.12, bold: true },
          { header: t.columns.level, width: 0.14 },
          { header: t.columns.effect, width: 0.3 },
          { header: t.columns.evidence, width: 0.44 },
        ],
        data.nonConformities.map((nc) => [nc.criterionCode, t.levels[nc.level], t.effects[nc.effect], nc.evidence]),
        t.noNonConformities,
      );

      heading(doc, t.sections.correctiveActions);
      tableOrNote(
        doc,
        [
          { header: t.columns.code, width: 0.09, bold: true },
          { header: t.columns.level, width: 0.1 },
          { header: t.columns.action, width: 0.34 },
          { header: t.columns.responsible, width: 0.17 },
          { header: t.columns.deadline, width: 0.12 },
          { header: t.columns.status, width: 0.18 },
        ],
        data.correctiveActions.map((a) => [
          a.criterionCode,
          t.levels[a.level],
          a.description,
          a.responsible,
          formatDateShort(a.deadline),
          fill(t.actionStatus[a.status], { date: a.closedOn ? formatDateShort(a.closedOn) : '' }),
        ]),
        t.noCorrectiveActions,
      );

      heading(doc, t.sections.disagreements);
      tableOrNote(
        doc,
        [
          { header: t.columns.code, width: 0.12, bold: true },
          { header: t.columns.selfAssessment, width: 0.2 },
          { header: t.columns.visit, width: 0.2 },
          { header: t.columns.notes, width: 0.48 },
        ],
        data.disagreements.map((d) => [d.criterionCode, t.answers[d.selfAssessment], t.answers[d.visit], d.notes]),
        t.noDisagreements,
      );

      const criteria = new Map(data.principles.flatMap((p) => p.answers.map((a) => [a.criterionCode, a.text] as const)));
      evidenceSection(doc, t.sections.evidence, data.evidence, criteria, t.evidence);

      heading(doc, t.sections.signatures);
      paragraph(doc, t.signatures.intro, { muted: true });
      signatures(doc, signers(data, t), t.signatures.line);
    },
    furniture,
  );
}

function signers(data: VisitReportPdfData, t: VisitReportTemplate): { name: string; role: string }[] {
  return [
    ...data.team.map((member) => ({ name: member.name, role: t.roles[member.role] })),
    { name: data.producer, role: t.signatures.producerRole },
  ];
}
