/**
 * The minutes (acta) of a certification commission session, as the commission signs and files
 * them: the session, attendance and quorum, the agenda, every matter treated in order with each
 * member's vote and the recusals, and the signatures kept together. Texts: `templates/pdf/acta.es.yaml`.
 */
import { FONT, formatDateLong, mm, renderPdf, standardFurniture, type Pdf } from './document.js';
import {
  contentWidth,
  definitionList,
  heading,
  keepTogether,
  list,
  paragraph,
  signatures,
  signaturesHeight,
  title,
  type DefinitionRow,
} from './layout.js';
import { drawMatter, soleRecorder } from './acta-matters.js';
import { actaTemplate, counted, type ActaPdfData, type ActaTemplate } from './acta-template.js';
import { commonTemplate, fill } from './template.js';

export type {
  ActaAppeal,
  ActaAppealed,
  ActaAppealOutcome,
  ActaCertificateAct,
  ActaDecision,
  ActaDeferral,
  ActaMatter,
  ActaOutcome,
  ActaPdfData,
  ActaRecusal,
  ActaSeat,
  ActaVote,
} from './acta-template.js';

const MARGINS = { top: mm(22), bottom: mm(22), left: mm(18), right: mm(18) };

/** «N° 07/2026», or «del 10 de junio de 2026» for a session without a number. */
function sessionName(t: ActaTemplate, session: ActaPdfData['session'], full = false): string {
  const texts = full ? t.sessionFullName : t.sessionName;
  const date = formatDateLong(session.date);
  return session.number ? fill(texts.numbered, { number: session.number, date }) : fill(texts.unnumbered, { date });
}

export function renderActaPdf(data: ActaPdfData): Promise<Buffer> {
  const t = actaTemplate();
  const name = sessionName(t, data.session);
  const meta = {
    title: fill(t.metadata.title, { session: name }),
    author: data.body,
    subject: fill(t.metadata.subject, { session: name }),
    keywords: t.metadata.keywords,
    date: data.session.date,
  };
  const furniture = standardFurniture(fill(t.header, { session: sessionName(t, data.session, true) }), fill(t.footer, { session: name }));
  return renderPdf(meta, MARGINS, (doc) => drawActa(doc, data, t), furniture);
}

function drawActa(doc: Pdf, data: ActaPdfData, t: ActaTemplate): void {
  title(doc, fill(t.title, { session: sessionName(t, data.session) }), fill(t.subtitle, { body: data.body }));

  heading(doc, t.sections.session);
  definitionList(doc, [
    [t.labels.place, data.session.place ?? t.notRecorded.place],
    [t.labels.date, formatDateLong(data.session.date)],
    [t.labels.hours, hours(t, data.session)],
  ]);

  heading(doc, t.sections.attendance);
  definitionList(doc, [...attendance(t, data.attendance), [t.labels.quorum, quorum(t, data.session)]]);

  heading(doc, t.sections.agenda);
  if (data.agenda.length === 0) paragraph(doc, t.noAgenda);
  else
    list(
      doc,
      data.agenda.map(({ subject, note }) => (note ? fill(t.agendaItemWithNote, { subject, note }) : fill(t.agendaItem, { subject }))),
      { numbered: true },
    );

  heading(doc, t.sections.matters);
  const recorder = soleRecorder(data.matters);
  if (data.matters.length === 0) paragraph(doc, t.nothingTreated);
  else if (recorder) paragraph(doc, fill(t.recorded.votes, { name: recorder }));
  data.matters.forEach((matter, i) => drawMatter(doc, t, matter, i + 1, recorder === null));

  const untreated = data.agenda.flatMap((item, i) =>
    item.treated ? [] : [fill(t.notTreated, { position: i + 1, subject: item.subject })],
  );
  if (untreated.length > 0) {
    heading(doc, t.sections.notTreated, 2);
    list(doc, untreated);
  }

  closingAndSignatures(doc, data, t);
}

function hours(t: ActaTemplate, { startsAt: start, endsAt: end }: ActaPdfData['session']): string {
  if (start && end) return fill(t.hours.both, { start, end });
  if (start) return fill(t.hours.startOnly, { start });
  if (end) return fill(t.hours.endOnly, { end });
  return t.hours.none;
}

/** Titulares and suplentes present (with the time a late arrival joined), and who was absent. */
function attendance(t: ActaTemplate, members: ActaPdfData['attendance']): DefinitionRow[] {
  const { listSeparator } = commonTemplate();
  const names = (rows: ActaPdfData['attendance'], word: (m: ActaPdfData['attendance'][number]) => string) =>
    rows.length === 0 ? t.nobody : rows.map(word).join(listSeparator);
  const present = (m: ActaPdfData['attendance'][number]) => (m.since ? fill(t.joinedAt, { name: m.name, time: m.since }) : m.name);
  const here = members.filter((m) => m.present);
  const absent = members.filter((m) => !m.present);
  if (members.every((m) => m.seat === null)) {
    return [
      [t.labels.present, names(here, present)],
      [t.labels.absent, names(absent, (m) => m.name)],
    ];
  }
  return [
    [
      t.labels.titularesPresent,
      names(
        here.filter((m) => m.seat !== 'suplente'),
        present,
      ),
    ],
    [
      t.labels.suplentesPresent,
      names(
        here.filter((m) => m.seat === 'suplente'),
        present,
      ),
    ],
    [t.labels.absent, names(absent, (m) => (m.seat ? fill(t.absentWithSeat, { name: m.name, seat: t.seats[m.seat] }) : m.name))],
  ];
}

function quorum(t: ActaTemplate, session: ActaPdfData['session']): string {
  return fill(session.voters >= session.quorumRequired ? t.quorum.reached : t.quorum.notReached, {
    required: counted(t.members, session.quorumRequired),
    voters: counted(t.voters, session.voters),
  });
}

/**
 * The closing sentence, then every present member's signature line, kept on one page: when the
 * block does not fit below the last matter, all of it moves to a new page. Heights are measured
 * before drawing, and the cursor is set from those measures so that what is drawn is what was measured.
 */
function closingAndSignatures(doc: Pdf, data: ActaPdfData, t: ActaTemplate): void {
  const { colors } = commonTemplate();
  const closing = data.session.endsAt ? fill(t.closing.withTime, { time: data.session.endsAt }) : t.closing.withoutTime;
  const signers = data.attendance.filter((m) => m.present).map((m) => ({ name: m.name, role: t.signatureRoles[m.seat ?? 'member'] }));
  const width = contentWidth(doc);
  const x = doc.page.margins.left;
  const gap = 12;
  const ruleGap = 6;
  const closingHeight = doc.font(FONT.regular).fontSize(9.5).heightOfString(closing, { width });
  const titleHeight = doc.font(FONT.bold).fontSize(12).heightOfString(t.sections.signatures, { width });

  doc.y += 16;
  keepTogether(doc, closingHeight + gap + titleHeight + ruleGap + signaturesHeight(doc, signers));
  const top = doc.y;
  doc.font(FONT.regular).fontSize(9.5).fillColor(colors.text).text(closing, x, top, { width });
  const titleTop = top + closingHeight + gap;
  doc.font(FONT.bold).fontSize(12).fillColor(colors.primary).text(t.sections.signatures, x, titleTop, { width });
  const rule = titleTop + titleHeight + 1;
  doc
    .moveTo(x, rule)
    .lineTo(x + width, rule)
    .lineWidth(0.6)
    .strokeColor(colors.accent)
    .stroke();
  doc.y = titleTop + titleHeight + ruleGap;
  doc.fillColor(colors.text);
  signatures(doc, signers, t.signatures.line);
}
