/**
 * The suppliers' list reads the valid certificates (public status «active», kept by registry-index.ts)
 * with their organisation and contact, and where the certified members of each group certificate are.
 */
import type { Db } from '../../db/client.js';
import { PUBLIC_HOLDER_COLUMNS, type PublicCertificateFields } from './public-certificate.js';

export type ValidCertificateRow = PublicCertificateFields & {
  id: string;
  orgId: string;
  orgKind: string;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  contactPublic: number;
  publicSince: string;
};

export type MemberPlaceRow = { certificateId: string; department: string; municipality: string };

const VALID = `SELECT c.id, c.code, c.scheme, c.criteria_version AS criteriaVersion, c.criteria_hash AS criteriaHash, c.seal_level AS sealLevel,
  c.products, c.sectors, c.issued_on AS issuedOn, c.expires_on AS expiresOn, c.public_since AS publicSince, ${PUBLIC_HOLDER_COLUMNS},
  o.id AS orgId, o.kind AS orgKind, o.contact_name AS contactName, o.contact_phone AS contactPhone,
  o.contact_email AS contactEmail, o.contact_public AS contactPublic
  FROM certificates c JOIN organizations o ON o.id = c.organization_id LEFT JOIN producers p ON p.id = c.producer_id
  WHERE c.public_status = 'active' ORDER BY o.name, c.code`;
const MEMBER_PLACES = `SELECT m.certificate_id AS certificateId, p.department, p.municipality
  FROM certificate_members m JOIN producers p ON p.id = m.producer_id JOIN certificates c ON c.id = m.certificate_id
  WHERE m.status = 'active' AND c.public_status = 'active'`;

export function createSuppliersRepository(db: Db) {
  const sql = db.$client;
  const valid = sql.prepare<[], ValidCertificateRow>(VALID);
  const memberPlaces = sql.prepare<[], MemberPlaceRow>(MEMBER_PLACES);
  return {
    validCertificates: (): ValidCertificateRow[] => valid.all(),
    memberPlaces: (): MemberPlaceRow[] => memberPlaces.all(),
  };
}
