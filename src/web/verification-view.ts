/** Maps a verification (or a code not found) from the public service to the view model of its page. */
import type { Verification } from '../modules/public/public-schemas.js';
import type { NotFoundView, VerificationView } from './page-types.js';

export function verificationView({ certificate, producedAt }: Verification, publicBaseUrl: string): VerificationView {
  return {
    code: certificate.code,
    status: certificate.status,
    statusSince: certificate.statusSince,
    statusReason: certificate.statusReason,
    organization: {
      name: certificate.organization.name,
      department: certificate.region.department,
      municipality: certificate.region.municipality,
    },
    producer: certificate.producer,
    products: certificate.products,
    sectors: certificate.sectors,
    sealLevel: certificate.sealLevel,
    scheme: certificate.scheme,
    issuedOn: certificate.issuedOn,
    expiresOn: certificate.expiresOn,
    // The status shown is the one the statement was produced with.
    checkedAt: producedAt,
    publicBaseUrl,
    // Same origin as the page: the JSON link is the verification address itself.
    jsonUrl: new URL(certificate.verificationUrl).pathname,
    group: certificate.scope === 'group' ? { activeMembers: certificate.activeMembers ?? 0, members: certificate.members ?? [] } : null,
  };
}

export function notFoundView(
  { input, reason, checkedAt }: Pick<NotFoundView, 'input' | 'reason' | 'checkedAt'>,
  publicBaseUrl: string,
): NotFoundView {
  return { input, reason, checkedAt, publicBaseUrl };
}
