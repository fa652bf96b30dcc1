/** The minutes (acta) of a commission session, gathered from the records and rendered as PDF. */
import { eq } from 'drizzle-orm';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { Db } from '../../db/client.js';
import { certificates, certificateConditions, decisions, dossiers, organizations, producers } from '../../db/schema.js';
import type { Actor } from '../../domain/access.js';
import { laPazDate } from '../../domain/certificate-state.js';
import { renderActaPdf, type ActaRecusal, type ActaVote } from '../../pdf/acta-pdf.js';
import type { AppealService } from './appeal-service.js';
import type { CommissionService } from './commission-service.js';

const votesOf = (votes: { name: string; vote: ActaVote['vote']; rationale: string | null }[]): ActaVote[] => votes.map((v) => ({ member: v.name, vote: v.vote, rationale: v.rationale }));
const recusalsOf = (recusals: { name: string; reason: string; kind: ActaRecusal['kind'] }[]): ActaRecusal[] => recusals.map((r) => ({ member: r.name, reason: r.reason, kind: r.kind }));

export function createActaService({ db, catalog, commission, appeals }: { db: Db; catalog: CriteriaCatalog; commission: CommissionService; appeals: AppealService }) {
  const holderOf = (dossierId: string) =>
    db
      .select({ producer: producers.name, organization: organizations.name })
      .from(dossiers)
      .innerJoin(producers, eq(producers.id, dossiers.producerId))
      .innerJoin(organizations, eq(organizations.id, dossiers.organizationId))
      .where(eq(dossiers.id, dossierId))
      .get()!;

  return {
    async render(actor: Actor, sessionId: string): Promise<{ heldOn: string; pdf: Buffer }> {
      const session = commission.getSession(actor, sessionId);
      const version = catalog.version(session.scheme, session.criteriaVersion);
      const pdf = await renderActaPdf({
        session: { id: session.id, date: session.heldOn, quorumRequired: session.quorum },
        body: version.issuingBody,
        attendance: session.attendance.map((a) => ({ name: a.name, present: a.present })),
        dossiers: session.decisions.map((d) => {
          const certificate = d.certificateId ? db.select().from(certificates).where(eq(certificates.id, d.certificateId)).get()! : null;
          return {
            ...holderOf(d.dossierId),
            proposedOutcome: d.proposedOutcome,
            votes: votesOf(d.votes),
            recusals: recusalsOf(d.recusals),
            outcome: d.outcome,
            sealLevel: d.sealLevel ? (version.sealLevels.find((l) => l.code === d.sealLevel)?.name.es ?? d.sealLevel) : null,
            rationale: d.rationale,
            conditions: certificate
              ? db
                  .select({ description: certificateConditions.description, deadline: certificateConditions.deadline })
                  .from(certificateConditions)
                  .where(eq(certificateConditions.certificateId, certificate.id))
                  .all()
              : [],
            certificateCode: certificate?.code ?? null,
          };
        }),
        appeals: appeals.ofSession(sessionId).map((a) => {
          const appealed = a.decisionId ? db.select().from(decisions).where(eq(decisions.id, a.decisionId)).get() : undefined;
          return {
            ...holderOf(a.dossierId),
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
