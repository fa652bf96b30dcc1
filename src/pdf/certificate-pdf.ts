/**
 * The certificate of the seal: one A4 page (more only if the conditions or a
 * group's members are long) rendered from `templates/pdf/certificate.es.yaml`, with a drawn seal
 * and a vector QR code that leads to the public verification page.
 */
import { z } from 'zod';
import { asSentence } from '../domain/text.js';
import { FONT, formatDateLong, formatDateWithIso, formatLocation, mm, renderPdf, type Pdf } from './document.js';
import { drawMembers, groupScope, GROUP_TEXT_KEYS, type PdfMember } from './certificate-members.js';
import { definitionList, heading, list, paragraph, type DefinitionRow } from './layout.js';
import { drawQr, planQr, type QrPlan, type QrSize } from './qr.js';
import { drawSeal } from './seal.js';
import { ColorSchema, commonTemplate, fill, loadPdfTemplate, MetadataTemplateSchema, TextSchema, textsFor } from './template.js';

export type CertificatePdfData = {
  /** Grouped display form, e.g. "7K3M-9QXA-2F4P". */
  code: string;
  /** Exact text encoded in the QR code. */
  verificationUrl: string;
  holder: {
    organization: string;
    producer: string | null;
    department: string;
    municipality: string;
    community: string | null;
  };
  /** Display names. */
  scope: { products: string[]; sectors: string[] };
  /** Display name, e.g. "Pleno". */
  sealLevel: string;
  scheme: { name: string; issuingBody: string; version: string; contentHash: string };
  /** YYYY-MM-DD */
  issuedOn: string;
  /** YYYY-MM-DD */
  expiresOn: string;
  conditions: { description: string; deadline: string }[];
  /**
   * Only for a group certificate (then `holder.producer` is null): its members certified when printed,
   * each by name only if it consented to be named (else null: it is printed as a unit of its community).
   */
  group?: { members: PdfMember[] } | null;
  /** The decision that issued the certificate, by its human numbers: never an id. */
  decision: {
    /** Resolution number, e.g. "12/2026"; null for a decision recorded before resolutions were numbered. */
    resolution: string | null;
    /** Session number, e.g. "07/2026". */
    session: string | null;
    /** YYYY-MM-DD the session was held. */
    sessionDate: string;
  };
};

const CertificateTemplateSchema = z
  .object({
    metadata: MetadataTemplateSchema,
    emblem: z.object({ top: TextSchema, lines: z.array(TextSchema).min(1).max(3), bottom: TextSchema, paper: ColorSchema }).strict(),
    heading: z.object({ title: TextSchema, issuedBy: TextSchema, intro: TextSchema }).strict(),
    labels: textsFor([
      'organization',
      'producer',
      'location',
      'products',
      'sectors',
      'sealLevel',
      'scheme',
      'criteria',
      'contentHash',
      'issuedOn',
      'expiresOn',
      'decision',
      'conditions',
      'deadline',
      'code',
    ]),
    group: textsFor(GROUP_TEXT_KEYS),
    criteriaVersion: TextSchema,
    decisionReference: textsFor(['sentence', 'resolution', 'resolutionUnnumbered', 'session', 'sessionUnnumbered']),
    continued: TextSchema,
    verify: TextSchema,
    verifyNote: TextSchema,
    legal: TextSchema,
  })
  .strict();
type CertificateTemplate = z.infer<typeof CertificateTemplateSchema>;

const template = (): CertificateTemplate => loadPdfTemplate('certificate.es.yaml', CertificateTemplateSchema);

/**
 * The certificate's QR code: at least 35 mm wide without its quiet zone, with
 * modules of at least 1.4 mm, so that a whole-page phone photo 600 px wide
 * (about 2.8 px/mm on A4 or letter) still gives each module about 3.9 px, what
 * a slight blur leaves readable (see qr.ts). Measured with zbar on such photos
 * turned 7°: modules of 1.0–1.1 mm (the former 40 mm box) fail from a blur of
 * sigma 0.7 px; 1.3 mm read at sigma 1 but seldom at 1.3; 1.4 mm read at
 * sigma 1 every time and at 1.3 most times.
 * A verification address of usual length takes version 3 or 4 (29 or 33
 * modules: a symbol of 40.6 or 46.2 mm).
 */
export const CERTIFICATE_QR: QrSize = { minModuleMm: 1.4, minSymbolMm: 35 };

const MARGIN = mm(20);
const FRAME_INSET = mm(7);
/** Height kept free at the bottom of every page for the legal line. */
const LEGAL_HEIGHT = mm(10);
const SEAL_RADIUS = mm(24);

export function renderCertificatePdf(data: CertificatePdfData): Promise<Buffer> {
  const t = template();
  const meta = {
    title: fill(t.metadata.title, { code: data.code, organization: data.holder.organization }),
    author: data.scheme.issuingBody,
    subject: fill(t.metadata.subject, {
      scheme: data.scheme.name,
      level: data.sealLevel,
      holder: data.holder.producer ?? data.holder.organization,
    }),
    keywords: [...t.metadata.keywords, data.code],
    date: data.issuedOn,
  };
  const margins = { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + LEGAL_HEIGHT };
  return renderPdf(
    meta,
    margins,
    (doc) => drawCertificate(doc, data, t),
    (doc, page, pages) => {
      if (page === 1) drawVerificationBand(doc, data, t);
      else drawContinuationHeader(doc, fill(t.continued, { code: data.code }));
      drawFrameAndLegal(doc, t, page, pages);
    },
  );
}

function drawCertificate(doc: Pdf, data: CertificatePdfData, t: CertificateTemplate): void {
  const { colors } = commonTemplate();
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  // The body must stop above the verification band, which is drawn last on
  // page 1 so that it also comes last in the reading order.
  doc.page.margins.bottom = doc.page.height - verificationBand(doc, data).top + mm(1);

  drawSeal(doc, left + SEAL_RADIUS, MARGIN + SEAL_RADIUS, SEAL_RADIUS, data.sealLevel, {
    ...t.emblem,
    primary: colors.primary,
    accent: colors.accent,
  });
  const titleX = left + 2 * SEAL_RADIUS + mm(8);
  const titleWidth = left + width - titleX;
  doc.font(FONT.bold).fontSize(28).fillColor(colors.primary);
  doc.text(t.heading.title.toLocaleUpperCase('es'), titleX, MARGIN + mm(3), { width: titleWidth, characterSpacing: 1 });
  doc
    .font(FONT.bold)
    .fontSize(13)
    .fillColor(colors.text)
    .text(data.scheme.name, titleX, doc.y + 2, { width: titleWidth });
  doc
    .font(FONT.regular)
    .fontSize(8.5)
    .fillColor(colors.muted)
    .text(fill(t.heading.issuedBy, { issuingBody: data.scheme.issuingBody }), titleX, doc.y + 4, { width: titleWidth });
  doc.y = Math.max(doc.y, MARGIN + 2 * SEAL_RADIUS) + mm(6);

  const group = data.group ?? null;
  paragraph(doc, group ? t.group.intro : t.heading.intro, { size: 9, muted: true });
  doc.moveDown(0.6);
  doc.font(FONT.bold).fontSize(18).fillColor(colors.primary).text(data.holder.organization, left, doc.y, { width });
  // Under the holder's name: its production unit, or for a group how many units are certified with it.
  const subtitle = group ? groupScope(group.members.length, t.group) : data.holder.producer;
  if (subtitle) {
    doc
      .font(FONT.bold)
      .fontSize(13)
      .fillColor(colors.text)
      .text(subtitle, left, doc.y + 2, { width });
  }
  doc.moveDown(0.8);
  definitionList(doc, holderRows(data, t), { labelWidth: mm(48) });

  if (data.conditions.length > 0) {
    heading(doc, t.labels.conditions);
    list(
      doc,
      // The condition as typed, as a sentence of its own, then its deadline: "Cercar el apiario. Plazo: …".
      data.conditions.map((c) => `${asSentence(c.description)} ${fill(t.labels.deadline, { date: formatDateWithIso(c.deadline) })}.`),
      { numbered: true, size: 9 },
    );
  }
  if (group && group.members.length > 0) drawMembers(doc, group.members, t.group);
}

function holderRows(data: CertificatePdfData, t: CertificateTemplate): DefinitionRow[] {
  const { listSeparator } = commonTemplate();
  const { holder } = data;
  const rows: DefinitionRow[] = [
    [t.labels.organization, holder.organization],
    ...(holder.producer ? [[t.labels.producer, holder.producer] as const] : []),
    [t.labels.location, formatLocation(holder)],
    [t.labels.products, data.scope.products.join(listSeparator)],
    [t.labels.sectors, data.scope.sectors.join(listSeparator)],
    [t.labels.sealLevel, data.sealLevel],
    [t.labels.scheme, data.scheme.name],
    [t.labels.criteria, fill(t.criteriaVersion, { version: data.scheme.version })],
    [t.labels.contentHash, data.scheme.contentHash, 7.5],
    [t.labels.issuedOn, formatDateWithIso(data.issuedOn)],
    [t.labels.expiresOn, formatDateWithIso(data.expiresOn)],
    [t.labels.decision, decisionReference(data.decision, t)],
  ];
  return rows;
}

/** «Resolución N° 12/2026 de la Comisión de Certificación, sesión N° 07/2026 del 20 de noviembre de 2026». */
function decisionReference(decision: CertificatePdfData['decision'], t: CertificateTemplate): string {
  const texts = t.decisionReference;
  const date = formatDateLong(decision.sessionDate);
  return fill(texts.sentence, {
    resolution: decision.resolution ? fill(texts.resolution, { number: decision.resolution }) : texts.resolutionUnnumbered,
    session: decision.session ? fill(texts.session, { number: decision.session, date }) : fill(texts.sessionUnnumbered, { date }),
  });
}

type Band = { top: number; qr: QrPlan; qrLeft: number; qrTop: number };

/**
 * Where the QR goes at the bottom of page 1, the code and the address at its
 * left. Its dark modules line up with the right margin; its white quiet zone
 * reaches into the margin and down to just above the legal line, and nothing
 * else is drawn inside it.
 */
function verificationBand(doc: Pdf, data: CertificatePdfData): Band {
  const qr = planQr(data.verificationUrl, CERTIFICATE_QR);
  const bandBottom = doc.page.height - MARGIN - LEGAL_HEIGHT;
  const qrTop = bandBottom - qr.quietZone - qr.symbol;
  const qrLeft = doc.page.width - MARGIN - qr.symbol;
  return { top: qrTop - qr.quietZone, qr, qrLeft, qrTop };
}

function drawVerificationBand(doc: Pdf, data: CertificatePdfData, t: CertificateTemplate): void {
  const { colors } = commonTemplate();
  const { qr, qrLeft, qrTop } = verificationBand(doc, data);
  const textWidth = qrLeft - qr.quietZone - mm(4) - MARGIN;
  doc
    .font(FONT.bold)
    .fontSize(8.5)
    .fillColor(colors.muted)
    .text(t.labels.code, MARGIN, qrTop + mm(2), { width: textWidth });
  doc
    .font(FONT.bold)
    .fontSize(22)
    .fillColor(colors.primary)
    .text(data.code, MARGIN, doc.y + 2, { width: textWidth });
  doc
    .font(FONT.regular)
    .fontSize(8)
    .fillColor(colors.muted)
    .text(t.verifyNote, MARGIN, doc.y + 6, { width: textWidth });
  doc
    .font(FONT.regular)
    .fontSize(7.5)
    .fillColor(colors.text)
    .text(fill(t.verify, { url: data.verificationUrl }), MARGIN, doc.y + 6, { width: textWidth });
  drawQr(doc, qr, qrLeft, qrTop);
}

function drawContinuationHeader(doc: Pdf, text: string): void {
  const { colors } = commonTemplate();
  doc.font(FONT.regular).fontSize(8).fillColor(colors.muted);
  doc.text(text, MARGIN, MARGIN - mm(8), { width: doc.page.width - 2 * MARGIN, height: 10, ellipsis: true });
  doc.fillColor(colors.text);
}

function drawFrameAndLegal(doc: Pdf, t: CertificateTemplate, page: number, pages: number): void {
  const { colors, pageOf } = commonTemplate();
  const { width, height } = doc.page;
  doc.save();
  doc.rect(FRAME_INSET, FRAME_INSET, width - 2 * FRAME_INSET, height - 2 * FRAME_INSET);
  doc.lineWidth(2).strokeColor(colors.primary).stroke();
  const inner = FRAME_INSET + mm(1.5);
  doc.rect(inner, inner, width - 2 * inner, height - 2 * inner);
  doc.lineWidth(0.6).strokeColor(colors.accent).stroke();
  doc.restore();

  const legalTop = height - MARGIN - LEGAL_HEIGHT + mm(3);
  doc
    .moveTo(MARGIN, legalTop - mm(2))
    .lineTo(width - MARGIN, legalTop - mm(2))
    .lineWidth(0.4);
  doc.strokeColor(colors.rule).stroke();
  doc.font(FONT.regular).fontSize(6.5).fillColor(colors.muted);
  doc.text(t.legal, MARGIN, legalTop, { width: width - 2 * MARGIN, align: 'justify' });
  if (pages > 1) {
    doc.text(fill(pageOf, { page, pages }), MARGIN, doc.y + 2, { width: width - 2 * MARGIN, align: 'right' });
  }
  doc.fillColor(colors.text);
}
