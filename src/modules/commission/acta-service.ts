/** The minutes (acta) of a commission session, gathered from the records and rendered as PDF. */
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../domain/access.js';
import { laPazDate } from '../../domain/certificate-state.js';
import { renderActaPdf, type ActaRecusal, type ActaVote } from '../../pdf/acta-pdf.js';
import { createCertificateRepository } from '../certificates/certificate-repository.js';
import { createCommissionRepository } from './commission-repository.js';
import type { CommissionService } from './commission-service.js';

const votesOf = (votes: { name: string; vote: ActaVote['vote']; rationale: string | null }[]): ActaVote[] =>
  votes.map((v) => ({ member: v.name, vote: v.vote, rationale: v.rationale }));
const recusalsOf = (recusals: { name: string; reason: string; kind: ActaRecusal['kind'] }[]): ActaRecusal[] =>
  recusals.map((r) => ({ member: r.name, reason: r.reason, kind: r.kind }));

export function createActaService({ db, catalog, commission }: { db: Db; catalog: CriteriaCatalog; commission: CommissionService }) {
  const repo = createCommissionRepository(db);
  const certificates = createCertificateRepository(db);

  return {
    async render(actor: Actor, sessionId: string): Promise<{ heldOn: string; pdf: Buffer }> {
      // Reading the session is what authorises the acta: only the commission may.
      const session = commission.getSession(actor, sessionId);
      const version = catalog.version(session.scheme, session.criteriaVersion);
      const pdf = await renderActaPdf({
        session: { id: session.id, date: session.heldOn, quorumRequired: session.quorum },
        body: version.issuingBody,
        attendance: session.attendance.map((a) => ({ name: a.name, present: a.present })),
        dossiers: session.decisions.map((d) => {
          const certificate = d.certificateId ? certificates.find(d.certificateId)! : null;
          return {
            ...repo.holder(d.dossierId),
            proposedOutcome: d.proposedOutcome,
            votes: votesOf(d.votes),
            recusals: recusalsOf(d.recusals),
            outcome: d.outcome,
            sealLevel: d.sealLevel ? (version.sealLevels.find((l) => l.code === d.sealLevel)?.name.es ?? d.sealLevel) : null,
            rationale: d.rationale,
            conditions: certificate ? certificates.conditionTerms(certificate.id) : [],
            certificateCode: certificate?.code ?? null,
          };
        }),
        appeals: session.appeals.map((a) => {
          const appealed = a.decisionId ? repo.decision(a.decisionId) : undefined;
          return {
            ...repo.holder(a.dossierId),
            appealed: appealed
              ? `Decisión ${appealed.id} del ${laPazDate(new Date(appealed.decidedAt))} (${appealed.outcome})`
              : `Suspensión del certificado (evento ${a.suspensionEventSeq})`,
            reason: a.reason,
            filedOn: laPazDate(new Date(a.filedAt)),
            proposedOutcome: a.proposedOutcome!,
            votes: votesOf(a.votes),
            recusals: recusalsOf(a.recusals),
            outcome: a.status === 'upheld' ? 'upheld' : 'rejected',
            rationale: a.rationale ?? '',
          };
        }),
      });
      return { heldOn: session.heldOn, pdf };
    },
  };
}
export type ActaService = ReturnType<typeof createActaService>;
