/**
 * The minutes (acta) of a certification commission session: attendance and
 * quorum, every dossier and appeal decided with each member's vote and the
 * recusals, rendered from `templates/pdf/acta.es.yaml`.
 */
import { z } from 'zod';
import { tally as tallyVotes } from '../domain/commission.js';
import { formatDateLong, formatDateWithIso, mm, renderPdf, standardFurniture, type Pdf } from './document.js';
import { definitionList, heading, list, paragraph, signatures, table, tableOrNote, title, type DefinitionRow } from './layout.js';
import { fill, loadPdfTemplate, MetadataTemplateSchema, TextSchema, textsFor } from './template.js';

export type ActaOutcome = 'approved' | 'approved_with_conditions' | 'denied' | 'deferred';
export type ActaAppealOutcome = 'upheld' | 'rejected';
export type ActaVote = { member: string; vote: 'for' | 'against' | 'abstain'; rationale: string | null };
export type ActaRecusal = { member: string; reason: string; kind: 'automatic' | 'voluntary' };

export type ActaPdfData = {
  session: {
    id: string;
    /** YYYY-MM-DD; also the document's date. */
    date: string;
    quorumRequired: number;
  };
  /** Issuing body, e.g. the commission's name: printed under the title and used as Author. */
  body: string;
  attendance: { name: string; present: boolean }[];
  dossiers: {
    producer: string;
    organization: string;
    proposedOutcome: ActaOutcome;
    votes: ActaVote[];
    recusals: ActaRecusal[];
    outcome: ActaOutcome;
    /** Display name of the seal level granted, if any. */
    sealLevel: string | null;
    rationale: string;
    conditions: { description: string; deadline: string }[];
    certificateCode: string | null;
  }[];
  appeals: {
    producer: string;
    organization: string;
    /** What was appealed, e.g. "Decisión del 2026-03-10 (denegado), 3f2a…". */
    appealed: string;
    reason: string;
    /** YYYY-MM-DD */
    filedOn: string;
    proposedOutcome: ActaAppealOutcome;
    votes: ActaVote[];
    recusals: ActaRecusal[];
    outcome: ActaAppealOutcome;
    rationale: string;
  }[];
};

const ActaTemplateSchema = z
  .object({
    metadata: MetadataTemplateSchema,
    title: TextSchema,
    subtitle: TextSchema,
    header: TextSchema,
    footer: TextSchema,
    sections: textsFor(['session', 'attendance', 'dossiers', 'appeals', 'signatures']),
    labels: textsFor([
      'date',
      'session',
      'quorumRequired',
      'present',
      'quorum',
      'organization',
      'proposedOutcome',
      'tally',
      'outcome',
      'sealLevel',
      'rationale',
      'certificate',
      'appealed',
      'reason',
      'filedOn',
      'votes',
      'recusals',
      'conditions',
    ]),
    quorumReached: TextSchema,
    quorumNotReached: TextSchema,
    tally: TextSchema,
    dossier: TextSchema,
    appeal: TextSchema,
    deadline: TextSchema,
    noCertificate: TextSchema,
    noDossiers: TextSchema,
    noAppeals: TextSchema,
    noRecusals: TextSchema,
    noVotes: TextSchema,
    columns: textsFor(['member', 'attendance', 'vote', 'rationale', 'reason', 'kind']),
    attendance: textsFor(['present', 'absent']),
    votes: textsFor(['for', 'against', 'abstain']),
    recusalKinds: textsFor(['automatic', 'voluntary']),
    outcomes: textsFor(['approved', 'approved_with_conditions', 'denied', 'deferred']),
    appealOutcomes: textsFor(['upheld', 'rejected']),
    signatures: z.object({ line: TextSchema }).strict(),
  })
  .strict();
type ActaTemplate = z.infer<typeof ActaTemplateSchema>;

const MARGINS = { top: mm(22), bottom: mm(22), left: mm(18), right: mm(18) };

export function renderActaPdf(data: ActaPdfData): Promise<Buffer> {
  const t = loadPdfTemplate('acta.es.yaml', ActaTemplateSchema);
  const meta = {
    title: fill(t.metadata.title, { date: formatDateLong(data.session.date) }),
    author: data.body,
    subject: fill(t.metadata.subject, { session: data.session.id }),
    keywords: t.metadata.keywords,
    date: data.session.date,
  };
  const furniture = standardFurniture(
    fill(t.header, { date: data.session.date, session: data.session.id }),
    fill(t.footer, { session: data.session.id }),
  );
  return renderPdf(meta, MARGINS, (doc) => drawActa(doc, data, t), furniture);
}

function drawActa(doc: Pdf, data: ActaPdfData, t: ActaTemplate): void {
  title(doc, t.title, fill(t.subtitle, { body: data.body }));

  const present = data.attendance.filter((a) => a.present).length;
  const required = data.session.quorumRequired;
  heading(doc, t.sections.session);
  definitionList(doc, [
    [t.labels.date, formatDateWithIso(data.session.date)],
    [t.labels.session, data.session.id],
    [t.labels.quorumRequired, String(required)],
    [t.labels.present, String(present)],
    [t.labels.quorum, fill(present >= required ? t.quorumReached : t.quorumNotReached, { present, required })],
  ]);

  heading(doc, t.sections.attendance);
  table(
    doc,
    [
      { header: t.columns.member, width: 0.7, bold: true },
      { header: t.columns.attendance, width: 0.3 },
    ],
    data.attendance.map((a) => [a.name, a.present ? t.attendance.present : t.attendance.absent]),
  );

  heading(doc, t.sections.dossiers);
  if (data.dossiers.length === 0) paragraph(doc, t.noDossiers);
  data.dossiers.forEach((dossier, index) => {
    heading(doc, fill(t.dossier, { index: index + 1, producer: dossier.producer }), 2);
    definitionList(doc, [
      [t.labels.organization, dossier.organization],
      [t.labels.proposedOutcome, t.outcomes[dossier.proposedOutcome]],
    ]);
    votesAndRecusals(doc, t, dossier.votes, dossier.recusals);
    const rows: DefinitionRow[] = [
      [t.labels.tally, tally(t, dossier.votes)],
      [t.labels.outcome, t.outcomes[dossier.outcome]],
      ...(dossier.sealLevel ? [[t.labels.sealLevel, dossier.sealLevel] as const] : []),
      [t.labels.rationale, dossier.rationale],
      [t.labels.certificate, dossier.certificateCode ?? t.noCertificate],
    ];
    definitionList(doc, rows);
    if (dossier.conditions.length > 0) {
      doc.moveDown(0.3);
      paragraph(doc, t.labels.conditions, { bold: true, size: 9, keepWithNext: 30 });
      list(
        doc,
        dossier.conditions.map((c) => `${c.description} ${fill(t.deadline, { date: formatDateWithIso(c.deadline) })}.`),
        { numbered: true, size: 9 },
      );
    }
  });

  heading(doc, t.sections.appeals);
  if (data.appeals.length === 0) paragraph(doc, t.noAppeals);
  data.appeals.forEach((appeal, index) => {
    heading(doc, fill(t.appeal, { index: index + 1, producer: appeal.producer }), 2);
    definitionList(doc, [
      [t.labels.organization, appeal.organization],
      [t.labels.appealed, appeal.appealed],
      [t.labels.filedOn, formatDateWithIso(appeal.filedOn)],
      [t.labels.reason, appeal.reason],
      [t.labels.proposedOutcome, t.appealOutcomes[appeal.proposedOutcome]],
    ]);
    votesAndRecusals(doc, t, appeal.votes, appeal.recusals);
    definitionList(doc, [
      [t.labels.tally, tally(t, appeal.votes)],
      [t.labels.outcome, t.appealOutcomes[appeal.outcome]],
      [t.labels.rationale, appeal.rationale],
    ]);
  });

  heading(doc, t.sections.signatures);
  const signers = data.attendance.filter((a) => a.present).map((a) => ({ name: a.name, role: t.attendance.present }));
  signatures(doc, signers, t.signatures.line);
}

function votesAndRecusals(doc: Pdf, t: ActaTemplate, votes: readonly ActaVote[], recusals: readonly ActaRecusal[]): void {
  doc.moveDown(0.3);
  paragraph(doc, t.labels.votes, { bold: true, size: 9, keepWithNext: 40 });
  tableOrNote(
    doc,
    [
      { header: t.columns.member, width: 0.3, bold: true },
      { header: t.columns.vote, width: 0.15 },
      { header: t.columns.rationale, width: 0.55 },
    ],
    votes.map((v) => [v.member, t.votes[v.vote], v.rationale ?? '']),
    t.noVotes,
    { size: 9 },
  );
  doc.moveDown(0.3);
  paragraph(doc, t.labels.recusals, { bold: true, size: 9, keepWithNext: 40 });
  tableOrNote(
    doc,
    [
      { header: t.columns.member, width: 0.3, bold: true },
      { header: t.columns.kind, width: 0.15 },
      { header: t.columns.reason, width: 0.55 },
    ],
    recusals.map((r) => [r.member, t.recusalKinds[r.kind], r.reason]),
    t.noRecusals,
    { size: 9 },
  );
  doc.moveDown(0.3);
}

function tally(t: ActaTemplate, votes: readonly ActaVote[]): string {
  const counted = tallyVotes([...votes]);
  return fill(t.tally, { for: counted.for, against: counted.against, abstain: counted.abstain });
}
