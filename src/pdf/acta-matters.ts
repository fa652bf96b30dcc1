/**
 * The matters of an acta, each as the commission treated it: a dossier put to the vote or
 * deferred for lack of quorum, an act on a certificate, an appeal, with votes and recusals.
 */
import { formatDateLong, formatDateWithIso, type Pdf } from './document.js';
import { definitionList, heading, list, paragraph, tableOrNote, type DefinitionRow } from './layout.js';
import {
  tallyInWords,
  type ActaAppeal,
  type ActaAppealed,
  type ActaCertificateAct,
  type ActaDecision,
  type ActaDeferral,
  type ActaMatter,
  type ActaRecusal,
  type ActaTemplate,
  type ActaVote,
} from './acta-template.js';
import { fill } from './template.js';

/**
 * Draws one matter, numbered `index`. `sayRecorder` is false when the acta already said once who
 * recorded every vote; otherwise each matter says it.
 */
export function drawMatter(doc: Pdf, t: ActaTemplate, matter: ActaMatter, index: number, sayRecorder: boolean): void {
  doc.moveDown(0.5);
  if (matter.kind === 'decision') decision(doc, t, matter, index, sayRecorder);
  else if (matter.kind === 'deferral') deferral(doc, t, matter, index);
  else if (matter.kind === 'certificate') certificateAct(doc, t, matter, index);
  else appeal(doc, t, matter, index, sayRecorder);
}

/** The voted matters' recorders: when one person recorded them all, the acta says it once. */
export function soleRecorder(matters: readonly ActaMatter[]): string | null {
  const recorders = new Set(matters.flatMap((m) => (m.kind === 'decision' || m.kind === 'appeal' ? [m.recordedBy] : [])));
  const [only] = recorders;
  return recorders.size === 1 && only ? only : null;
}

const dossierTitle = (t: ActaTemplate, m: ActaDecision | ActaDeferral, index: number) =>
  m.number
    ? fill(t.matter.decision, { index, number: m.number, producer: m.producer })
    : fill(t.matter.decisionUnnumbered, { index, producer: m.producer });

function decision(doc: Pdf, t: ActaTemplate, m: ActaDecision, index: number, sayRecorder: boolean): void {
  heading(doc, dossierTitle(t, m, index), 2);
  definitionList(doc, [
    [t.labels.organization, m.organization],
    [t.labels.proposedOutcome, t.outcomes[m.proposedOutcome]],
  ]);
  votes(doc, t, m.votes);
  recusals(doc, t, m.recusals);
  const notCarried = m.outcome === 'deferred' && m.proposedOutcome !== 'deferred';
  const rows: DefinitionRow[] = [
    [t.labels.tally, tallyInWords(t, m.votes)],
    [t.labels.outcome, notCarried ? t.notCarried : t.outcomes[m.outcome]],
    ...(m.sealLevel ? [[t.labels.sealLevel, m.sealLevel] as const] : []),
    [t.labels.rationale, m.rationale],
    [t.labels.certificate, m.certificateCode ?? t.noCertificate],
  ];
  definitionList(doc, rows);
  if (m.conditions.length > 0) {
    doc.moveDown(0.3);
    paragraph(doc, t.labels.conditions, { bold: true, size: 9, keepWithNext: 30 });
    list(
      doc,
      m.conditions.map((c) => `${c.description} ${fill(t.deadline, { date: formatDateWithIso(c.deadline) })}.`),
      { numbered: true, size: 9 },
    );
  }
  if (sayRecorder && m.recordedBy) paragraph(doc, fill(t.recorded.votes, { name: m.recordedBy }), { size: 9, muted: true });
}

function deferral(doc: Pdf, t: ActaTemplate, m: ActaDeferral, index: number): void {
  heading(doc, dossierTitle(t, m, index), 2);
  definitionList(doc, [
    [t.labels.organization, m.organization],
    [t.labels.outcome, fill(t.deferredForQuorum, { reason: m.reason })],
  ]);
  recusals(doc, t, m.recusals);
}

function certificateAct(doc: Pdf, t: ActaTemplate, m: ActaCertificateAct, index: number): void {
  heading(doc, fill(t.matter[m.act], { index, code: m.code }), 2);
  definitionList(doc, [
    [t.labels.holder, fill(t.holder, { producer: m.producer, organization: m.organization })],
    [t.labels.agreement, fill(t.agreements[m.act], { code: m.code })],
    [t.labels.reason, m.reason],
  ]);
  if (m.recordedBy) paragraph(doc, fill(t.recorded.act, { name: m.recordedBy }), { size: 9, muted: true });
}

function appealed(t: ActaTemplate, a: ActaAppealed): string {
  if (a.kind !== 'decision') return fill(t.appealed[a.kind], { code: a.code, date: formatDateLong(a.date) });
  const values = { date: formatDateLong(a.date), outcome: t.outcomes[a.outcome].toLocaleLowerCase('es') };
  return a.number ? fill(t.appealed.decision, { ...values, number: a.number }) : fill(t.appealed.decisionUnnumbered, values);
}

function appeal(doc: Pdf, t: ActaTemplate, m: ActaAppeal, index: number, sayRecorder: boolean): void {
  heading(doc, fill(t.matter.appeal, { index, producer: m.producer }), 2);
  definitionList(doc, [
    [t.labels.organization, m.organization],
    [t.labels.appealed, appealed(t, m.appealed)],
    [t.labels.filedOn, formatDateLong(m.filedOn)],
    [t.labels.appealReason, m.reason],
    [t.labels.proposedOutcome, t.appealOutcomes[m.proposedOutcome]],
  ]);
  votes(doc, t, m.votes);
  recusals(doc, t, m.recusals);
  definitionList(doc, [
    [t.labels.tally, tallyInWords(t, m.votes)],
    [t.labels.outcome, t.appealOutcomes[m.outcome]],
    [t.labels.rationale, m.rationale],
  ]);
  if (m.reinstated) paragraph(doc, fill(t.appealReinstates, { code: m.reinstated }), { size: 9 });
  if (m.certificateEffect)
    paragraph(doc, fill(t.appealCertificate[m.certificateEffect.effect], { code: m.certificateEffect.code }), { size: 9 });
  if (sayRecorder && m.recordedBy) paragraph(doc, fill(t.recorded.votes, { name: m.recordedBy }), { size: 9, muted: true });
}

function votes(doc: Pdf, t: ActaTemplate, cast: readonly ActaVote[]): void {
  doc.moveDown(0.3);
  paragraph(doc, t.labels.votes, { bold: true, size: 9, keepWithNext: 40 });
  tableOrNote(
    doc,
    [
      { header: t.columns.member, width: 0.3, bold: true },
      { header: t.columns.vote, width: 0.15 },
      { header: t.columns.rationale, width: 0.55 },
    ],
    cast.map((v) => [v.member, t.votes[v.vote], v.rationale ?? '']),
    t.noVotes,
    { size: 9 },
  );
}

function recusals(doc: Pdf, t: ActaTemplate, recused: readonly ActaRecusal[]): void {
  doc.moveDown(0.3);
  paragraph(doc, t.labels.recusals, { bold: true, size: 9, keepWithNext: 40 });
  tableOrNote(
    doc,
    [
      { header: t.columns.member, width: 0.3, bold: true },
      { header: t.columns.kind, width: 0.15 },
      { header: t.columns.reason, width: 0.55 },
    ],
    recused.map((r) => [r.member, t.recusalKinds[r.kind], r.reason]),
    t.noRecusals,
    { size: 9 },
  );
  doc.moveDown(0.3);
}
