/**
 * Group certification: the approval of an organisation's own dossier issues the group certificate with
 * the members whose dossiers of the same cycle were approved; a member approved later joins it at once;
 * the commission may exclude a member (final for that certificate) while the group stays as it is.
 * Every change is a certificate event (transparency leaf and audit entry) and a row of certificate_members.
 */
import type { SanctionCitation } from '../criteria/sanction-citation.js';
import { immediate, type Db } from '../../db/client.js';
import { type Actor, authorize, canActAsCommission } from '../../domain/access.js';
import { memberAddRefusal, memberExclusionRefusal, type Member } from '../../domain/group-membership.js';
import { AppError } from '../../errors.js';
import type { AuditActor } from '../audit/audit-log.js';
import { recordCertificateEvent, recordTimeEvents } from './certificate-events.js';
import type { CertificateReader } from './certificate-reader.js';
import { createCertificateRepository, type CertificateRow } from './certificate-repository.js';
import type { CertificateView, MemberExclusion } from './certificate-schemas.js';
import { createGroupRepository, type DossierFacts } from './group-repository.js';

/** What a group approval needs of the decision; the organisation's conditions become the group certificate's. */
export type GroupApproval = {
  decisionId: string;
  sessionId: string;
  sealLevel: string;
  /** The products the certificate lists; by default those of every member added at issuance. */
  products?: string[] | undefined;
  conditions: { correctiveActionId: string; description: string; deadline: string }[];
};

type Issue = (
  actor: AuditActor,
  input: {
    dossier: { id: string; organizationId: string; producerId: null; scheme: string; criteriaVersion: string; criteriaHash: string };
    decisionId: string;
    sessionId: string;
    sealLevel: string;
    products: string[];
    sectors: string[];
    conditions: GroupApproval['conditions'];
  },
  at: Date,
) => string;

const union = (lists: string[][]) => [...new Set(lists.flat())].sort((a, b) => a.localeCompare(b, 'es'));

export function createGroupCertification(db: Db, reader: CertificateReader, issue: Issue) {
  const repo = createCertificateRepository(db);
  const groups = createGroupRepository(db);

  const membership = (certificateId: string): Map<string, Member> =>
    new Map(repo.memberRecords(certificateId).map((m) => [m.producerId, m]));

  /** Brings the certificate's time events up to `at` and says what it is then. */
  const current = (row: CertificateRow, at: Date) => {
    recordTimeEvents(db, row, at, reader.limitOf(row));
    const fresh = reader.load(row.id);
    return { row: fresh, status: reader.statusOf(fresh, repo.conditions(row.id), at).status };
  };

  /** Adds a unit whose own dossier an approval decided: a `member_added` event and its member row. */
  function addMember(
    actor: AuditActor,
    certificate: CertificateRow,
    member: { producerId: string; dossierId: string; decisionId: string; outcome: string },
    sessionId: string,
    at: Date,
  ): void {
    const { row, status } = current(certificate, at);
    const refusal = memberAddRefusal(membership(row.id), {
      producerId: member.producerId,
      dossierOutcome: member.outcome,
      status,
      expiresOn: row.expiresOn,
    });
    if (refusal) throw new AppError('conflict', refusal.code, refusal.message);
    const since = at.toISOString();
    recordCertificateEvent(
      db,
      row,
      { event: 'member_added', at: since, actor, reason: null, sessionId, producerId: member.producerId },
      at,
    );
    repo.insertMember({
      certificateId: row.id,
      producerId: member.producerId,
      dossierId: member.dossierId,
      decisionId: member.decisionId,
      status: 'active',
      statusSince: since,
      statusReason: null,
    });
  }

  return {
    /** Whose file a dossier is and its organisation's cycle. */
    dossierFacts(dossierId: string): DossierFacts {
      const facts = groups.dossierFacts(dossierId);
      if (!facts) throw new AppError('not_found', 'DOSSIER_NOT_FOUND', 'No existe ese expediente');
      return facts;
    },

    /** The products a group certificate may list: those of the units whose member dossiers of the cycle were approved. */
    groupProducts: (facts: DossierFacts): string[] =>
      union(
        groups
          .decidedMembers(facts)
          .filter((m) => m.outcome !== 'denied')
          .map((m) => m.products),
      ),

    /**
     * Inside the decision's transaction, on the approval of an organisation's own dossier: issues the group
     * certificate and adds every unit whose member dossier of the cycle was approved. Refused when none was.
     */
    issueGroup(actor: Actor, dossier: DossierFacts & { criteriaVersion: string; criteriaHash: string }, input: GroupApproval, at: Date) {
      const approved = groups.decidedMembers(dossier).filter((m) => m.outcome !== 'denied');
      if (approved.length === 0) {
        throw new AppError(
          'unprocessable',
          'GROUP_WITHOUT_MEMBERS',
          'Apruebe primero al menos un expediente de socio de este ciclo: el certificado del grupo se emite con los socios aprobados',
          [
            {
              path: 'body.proposedOutcome',
              message: 'Ningún expediente de socio de este ciclo fue aprobado',
              code: 'GROUP_WITHOUT_MEMBERS',
            },
          ],
        );
      }
      const id = issue(
        actor,
        {
          dossier: { ...dossier, producerId: null },
          decisionId: input.decisionId,
          sessionId: input.sessionId,
          sealLevel: input.sealLevel,
          products: input.products ?? union(approved.map((m) => m.products)),
          sectors: union(approved.map((m) => m.sectors)),
          conditions: input.conditions,
        },
        at,
      );
      const certificate = reader.load(id);
      for (const m of approved) addMember(actor, certificate, m, input.sessionId, at);
      return id;
    },

    /**
     * Inside the decision's transaction, on the approval of a member's dossier: the unit joins its organisation's
     * group certificate of the cycle at once when that certificate is in force or suspended; otherwise it waits
     * for the organisation's approval. Returns the certificate it joined, or null.
     */
    memberApproved(actor: Actor, dossier: DossierFacts, decision: { id: string; outcome: string; sessionId: string }, at: Date) {
      const certificate = groups.groupCertificateOf(dossier);
      if (!certificate || dossier.producerId === null) return null;
      const { row, status } = current(certificate, at);
      if (status === 'revoked' || status === 'expired') return null;
      addMember(
        actor,
        row,
        { producerId: dossier.producerId, dossierId: dossier.id, decisionId: decision.id, outcome: decision.outcome },
        decision.sessionId,
        at,
      );
      return row.id;
    },

    /** The commission excludes a member from a group certificate, by agreement of a session it attended: final for that certificate. */
    excludeMember(
      actor: Actor,
      certificateId: string,
      producerId: string,
      input: MemberExclusion,
      now: Date,
      cite: (scheme: string) => SanctionCitation,
    ): CertificateView {
      authorize(canActAsCommission(actor), 'Solo la comisión de certificación excluye socios de un certificado de grupo');
      immediate(db, () => {
        reader.checkSession(actor, input.sessionId);
        const loaded = reader.load(certificateId);
        if (loaded.scope !== 'group') {
          throw new AppError(
            'conflict',
            'NOT_A_GROUP_CERTIFICATE',
            'Este certificado es de una unidad productiva, no de un grupo: no tiene socios',
          );
        }
        const { row, status } = current(loaded, now);
        const refusal = memberExclusionRefusal(membership(row.id), { producerId, status, expiresOn: row.expiresOn });
        if (refusal?.code === 'MEMBER_NOT_FOUND') throw new AppError('not_found', refusal.code, refusal.message);
        if (refusal) throw new AppError('conflict', refusal.code, refusal.message);
        const sanction = cite(row.scheme);
        const since = now.toISOString();
        recordCertificateEvent(
          db,
          row,
          { event: 'member_excluded', at: since, actor, reason: input.reason, sessionId: input.sessionId, producerId, sanction },
          now,
        );
        repo.excludeMember(row.id, producerId, since, input.reason);
      });
      return reader.view(reader.load(certificateId), now);
    },
  };
}
export type GroupCertification = ReturnType<typeof createGroupCertification>;
