/**
 * Which dossier an unannounced visit about a complaint goes to: the certified unit's. For a unit
 * certificate, the certificate's dossier; for a group certificate, the dossier of the member chosen
 * (by producer) or, when none is chosen, the organisation's own file. A dossier named outright must be one of those.
 */
import { AppError } from '../../errors.js';
import type { ComplaintHandlingRepository } from './complaint-handling-repository.js';
import type { OrderUnannouncedVisit } from './complaint-handling-schemas.js';

type Certificate = NonNullable<ReturnType<ComplaintHandlingRepository['certificate']>>;

export function resolveVisitedDossier(
  repo: ComplaintHandlingRepository,
  cert: Certificate,
  { dossierId, producerId }: Pick<OrderUnannouncedVisit, 'dossierId' | 'producerId'>,
): string {
  const members = cert.scope === 'group' ? repo.members(cert.id).filter((m) => m.status === 'active') : [];
  const allowed = new Set([cert.dossierId, ...members.map((m) => m.dossierId)]);
  if (dossierId) {
    if (!allowed.has(dossierId)) {
      const message = 'Ese expediente no es de la unidad certificada de la denuncia';
      throw new AppError('unprocessable', 'DOSSIER_NOT_OF_CERTIFICATE', message, [{ path: 'body.dossierId', message }]);
    }
    return dossierId;
  }
  if (producerId) {
    const member = members.find((m) => m.producerId === producerId);
    if (!member) {
      const message = 'Esa unidad no es miembro activo del certificado de grupo de la denuncia';
      throw new AppError('unprocessable', 'NOT_A_MEMBER', message, [{ path: 'body.producerId', message }]);
    }
    return member.dossierId;
  }
  return cert.dossierId;
}
