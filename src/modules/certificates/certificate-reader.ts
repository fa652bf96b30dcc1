/** How a certificate is read by signed-in users: its row, effective status, view, and the session check of the commission's acts. */
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { Db } from '../../db/client.js';
import { type Actor, canRecordForSession } from '../../domain/access.js';
import { codeForUrl } from '../../domain/certificate-code.js';
import { effectiveStatus, stateOfRow, suspensionCap } from '../../domain/certificate-state.js';
import { AppError } from '../../errors.js';
import { createSessionRepository } from '../commission/session-repository.js';
import { createCertificateRepository, type CertificateRow, type ConditionStatus } from './certificate-repository.js';
import type { CertificateView } from './certificate-schemas.js';
import { citedSanction } from '../criteria/sanction-citation.js';

export function createCertificateReader({ db, catalog, publicBaseUrl }: { db: Db; catalog: CriteriaCatalog; publicBaseUrl: string }) {
  const repo = createCertificateRepository(db);
  const sessions = createSessionRepository(db);
  const verificationUrl = (code: string) => `${publicBaseUrl}/c/${codeForUrl(code)}`;

  const load = (id: string): CertificateRow => {
    const row = repo.find(id);
    if (!row) throw new AppError('not_found', 'CERTIFICATE_NOT_FOUND', 'No existe ese certificado');
    return row;
  };

  /** The longest suspension under the certificate's criteria: past it the system revokes. */
  const limitOf = (row: CertificateRow) => catalog.suspensionLimit(row.scheme, row.criteriaVersion);
  const statusOf = (row: CertificateRow, conditions: ConditionStatus[], at: Date) =>
    effectiveStatus(stateOfRow(row, conditions, limitOf(row)), at);

  const view = (row: CertificateRow, at: Date): CertificateView => {
    const conditions = repo.conditions(row.id);
    const status = statusOf(row, conditions, at);
    const { organization, producer } = repo.holder(row);
    const maxMonths = catalog.version(row.scheme, row.criteriaVersion).commission.maxSuspensionMonths;
    return {
      id: row.id,
      code: row.code,
      verificationUrl: verificationUrl(row.code),
      scope: row.scope,
      dossierId: row.dossierId,
      decisionId: row.decisionId,
      organization,
      producer,
      scheme: row.scheme,
      criteriaVersion: row.criteriaVersion,
      criteriaHash: row.criteriaHash,
      sealLevel: row.sealLevel,
      products: row.products,
      sectors: row.sectors,
      issuedOn: row.issuedOn,
      expiresOn: row.expiresOn,
      status: status.status,
      statusSince: status.since,
      statusReason: status.reason,
      suspensionOverdue: suspensionCap(status, maxMonths, at).exceeded,
      conditions: conditions.map((c) => ({ ...c, overdue: status.overdueConditionIds.includes(c.id) })),
      events: repo.events(row.id).map(({ sanctionCode, sanctionVersion, ...e }) => ({
        ...e,
        sanction: citedSanction(catalog, row.scheme, { sanctionCode, sanctionVersion }),
      })),
      members: row.scope === 'group' ? repo.members(row.id) : [],
    };
  };

  const checkSession = (actor: Actor, sessionId: string) => {
    if (!sessions.session(sessionId)) throw new AppError('not_found', 'SESSION_NOT_FOUND', 'No existe esa sesión de la comisión');
    // Its own code, not FORBIDDEN: the actor may act, just not on this session's behalf.
    if (!canRecordForSession(actor, sessions.attended(sessionId, actor.userId))) {
      throw new AppError('forbidden', 'NOT_IN_SESSION', 'Solo quien asistió a la sesión registra sus acuerdos');
    }
  };

  return { verificationUrl, load, limitOf, statusOf, view, checkSession };
}
export type CertificateReader = ReturnType<typeof createCertificateReader>;
