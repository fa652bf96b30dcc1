/** Reads for group certification: a dossier's place in its organisation's cycle, the approved members of a cycle, its group certificate. */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { certificates, decisions, dossiers, producers } from '../../db/schema.js';
import type { DossierScope } from '../../domain/group-scope.js';
import type { CertificateRow } from './certificate-repository.js';

/** One cycle of one organisation under one scheme: what an organisation's dossier and its members' dossiers share. */
export type GroupCycle = { organizationId: string; scheme: string; cycle: number };

export type DossierFacts = GroupCycle & { id: string; scope: DossierScope; producerId: string | null };

export function createGroupRepository(db: Db) {
  return {
    dossierFacts: (dossierId: string): DossierFacts | undefined =>
      db
        .select({
          id: dossiers.id,
          scope: dossiers.scope,
          producerId: dossiers.producerId,
          organizationId: dossiers.organizationId,
          scheme: dossiers.scheme,
          cycle: dossiers.cycle,
        })
        .from(dossiers)
        .where(eq(dossiers.id, dossierId))
        .get(),

    /**
     * The member dossiers of the cycle that the commission decided, each with its latest decision (deferrals left
     * out, since they decide nothing) and its unit's products and sectors, by unit.
     */
    decidedMembers(cycle: GroupCycle) {
      const rows = db
        .select({
          dossierId: dossiers.id,
          producerId: producers.id,
          products: producers.products,
          sectors: producers.sectors,
          decisionId: decisions.id,
          outcome: decisions.outcome,
          decidedAt: decisions.decidedAt,
        })
        .from(dossiers)
        .innerJoin(producers, eq(producers.id, dossiers.producerId))
        .innerJoin(decisions, eq(decisions.dossierId, dossiers.id))
        .where(
          and(
            eq(dossiers.organizationId, cycle.organizationId),
            eq(dossiers.scheme, cycle.scheme),
            eq(dossiers.cycle, cycle.cycle),
            eq(dossiers.scope, 'member'),
            eq(dossiers.state, 'decided'),
            inArray(decisions.outcome, ['approved', 'approved_with_conditions', 'denied']),
          ),
        )
        .orderBy(desc(decisions.decidedAt), desc(decisions.id))
        .all();
      const latest = new Map<string, (typeof rows)[number]>();
      for (const r of rows) if (!latest.has(r.dossierId)) latest.set(r.dossierId, r);
      return [...latest.values()].sort((a, b) => (a.producerId < b.producerId ? -1 : 1));
    },

    /** The group certificate issued on the organisation's dossier of this cycle, newest first (an appeal may replace one). */
    groupCertificateOf: (cycle: GroupCycle): CertificateRow | undefined =>
      db
        .select({ certificate: certificates })
        .from(certificates)
        .innerJoin(dossiers, eq(dossiers.id, certificates.dossierId))
        .where(
          and(
            eq(certificates.scope, 'group'),
            eq(dossiers.organizationId, cycle.organizationId),
            eq(dossiers.scheme, cycle.scheme),
            eq(dossiers.cycle, cycle.cycle),
            eq(dossiers.scope, 'organization'),
          ),
        )
        .orderBy(desc(certificates.createdAt), desc(certificates.issuedOn))
        .limit(1)
        .get()?.certificate,

    /** The latest outcome decided on a dossier (deferrals left out), or null. */
    outcomeOf: (dossierId: string): string | null =>
      db
        .select({ outcome: decisions.outcome })
        .from(decisions)
        .where(and(eq(decisions.dossierId, dossierId), inArray(decisions.outcome, ['approved', 'approved_with_conditions', 'denied'])))
        .orderBy(desc(decisions.decidedAt), desc(decisions.id))
        .limit(1)
        .get()?.outcome ?? null,
  };
}
