/**
 * The rules of the commission's handling of a complaint: which steps its state allows, and the sanction a
 * closing cites, checked against the catalogue of the criteria version in force (sanctions.ts) and, for a
 * sanction that is an act on the certificate, that the act was recorded.
 */
import type { CertificateEventKind } from '../../domain/certificate-state.js';
import type { CriteriaVersion } from '../../domain/criteria.js';
import type { SanctionEffect } from '../../domain/criteria-schema.js';
import { complaintStepAllowed, type ComplaintStatus, type ComplaintStepKind } from '../../domain/complaints.js';
import { checkSanction, SANCTION_EFFECT_LABEL } from '../../domain/sanctions.js';
import { AppError } from '../../errors.js';
import type { ComplaintHandlingRepository, ComplaintRow } from './complaint-handling-repository.js';
import type { CloseComplaint } from './complaint-handling-schemas.js';

const STEP_REFUSAL: Record<ComplaintStepKind, string> = {
  assigned: 'asignarla',
  inquiry: 'registrar la investigación',
  visit_ordered: 'ordenar una visita sin aviso',
  closed: 'cerrarla',
};

export function refuseStep(status: ComplaintStatus, step: ComplaintStepKind): void {
  if (complaintStepAllowed(status, step)) return;
  const message =
    status === 'closed'
      ? `La denuncia ya está cerrada: no se puede ${STEP_REFUSAL[step]}`
      : `Asigne la denuncia a un miembro de la comisión antes de ${STEP_REFUSAL[step]}`;
  throw new AppError('conflict', 'COMPLAINT_STATE', message);
}

/** The certificate event that carries out a sanction of each effect, where the sanction is an act on the certificate. */
const ACT_OF_EFFECT: Partial<Record<SanctionEffect, { event: CertificateEventKind; todo: string }>> = {
  suspension: { event: 'suspended', todo: 'suspenda el certificado' },
  member_exclusion: { event: 'member_excluded', todo: 'excluya la unidad del certificado de grupo' },
  revocation: { event: 'revoked', todo: 'revoque el certificado' },
};

/**
 * The sanction a closing cites, checked against the catalogue in force: a founded complaint cites one when
 * the catalogue exists; the others cite none. A sanction that is an act on the certificate must have been
 * recorded on it (citing the same sanction) since the complaint was filed.
 */
export function sanctionOfClosing(
  repo: ComplaintHandlingRepository,
  c: ComplaintRow,
  input: CloseComplaint,
  version: CriteriaVersion | null,
) {
  const code = input.sanctionCode ?? null;
  if (input.outcome !== 'founded') {
    if (code) {
      throw new AppError('unprocessable', 'SANCTION_NOT_ALLOWED', 'Solo una denuncia fundada lleva sanción', [
        { path: 'body.sanctionCode', message: 'Quítela, o cierre la denuncia como fundada' },
      ]);
    }
    return null;
  }
  const check = checkSanction(
    version ?? { version: 'vigentes', sanctions: [] },
    code,
    Object.keys(SANCTION_EFFECT_LABEL) as SanctionEffect[],
  );
  if (!check.ok) throw new AppError('unprocessable', check.code, check.message, [{ path: 'body.sanctionCode', message: check.message }]);
  const sanction = check.sanction;
  const act = sanction ? ACT_OF_EFFECT[sanction.effect] : undefined;
  if (sanction && act) {
    const recorded = c.certificateId !== null && repo.sanctionActRecorded(c.certificateId, act.event, sanction.code, c.createdAt);
    if (!recorded) {
      throw new AppError(
        'unprocessable',
        'SANCTION_NOT_APPLIED',
        c.certificateId
          ? `La sanción «${sanction.name.es}» todavía no se aplicó: primero ${act.todo} en la página del certificado, citando esta sanción, y después cierre la denuncia`
          : `La sanción «${sanction.name.es}» se aplica a un certificado: vincule la denuncia al certificado, ${act.todo} citando esta sanción y después cierre la denuncia`,
        [{ path: 'body.sanctionCode', message: `Falta que ${act.todo}` }],
      );
    }
  }
  return sanction;
}
