/** A group certificate's part of the certificate PDF: how many units it covers, and the list of them. */
import { heading, table } from './layout.js';
import type { Pdf } from './document.js';
import { fill } from './template.js';

/** The texts of `group:` in templates/pdf/certificate.es.yaml. */
export const GROUP_TEXT_KEYS = ['intro', 'scope', 'scopeOne', 'members', 'member', 'community', 'unnamed'] as const;
type GroupTexts = Record<(typeof GROUP_TEXT_KEYS)[number], string>;

/** A certified member: its name only if it consented to be named. */
export type PdfMember = { name: string | null; community: string };

/** «Certificación en grupo: 12 unidades productivas». */
export function groupScope(count: number, t: GroupTexts): string {
  return count === 1 ? t.scopeOne : fill(t.scope, { count });
}

/**
 * The group's certified members, one row each: its name (only with consent, else «Unidad productiva de
 * <comunidad>») and its community. The table runs onto the next pages, its header repeated, as needed.
 */
export function drawMembers(doc: Pdf, members: readonly PdfMember[], t: GroupTexts): void {
  heading(doc, t.members);
  table(
    doc,
    [
      { header: t.member, width: 0.6, bold: true },
      { header: t.community, width: 0.4 },
    ],
    members.map((m) => [m.name ?? fill(t.unnamed, { community: m.community }), m.community]),
    8.5,
  );
}
