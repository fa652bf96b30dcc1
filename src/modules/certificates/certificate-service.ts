/**
 * Certificates: issued inside the commission's decision, read with their
 * effective status (expiry and overdue conditions are computed, so the answer
 * is right without any job), changed only by attributable acts, rendered as PDF.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { immediate, type Db } from '../../db/client.js';
import { type Actor, authorize, canAccessRegistry, canActAsCommission, listScope } from '../../domain/access.js';
import { DEPARTMENTS, type Department } from '../../domain/bolivia.js';
import { generateCertificateCode } from '../../domain/certificate-code.js';
import { applyEvent, expiryDate, laPazDate, type CertificateAct, type CertificateEventKind } from '../../domain/certificate-state.js';
import { dayInWords } from '../../domain/text.js';
import { AppError } from '../../errors.js';
import type { CertificatePdfData } from '../../pdf/certificate-pdf.js';
import type { PdfRenderer } from '../../pdf/pdf-pool.js';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import { humanNumber } from '../commission/numbers.js';
import { recordCertificateEvent, recordTimeEvents } from './certificate-events.js';
import { createCertificateRepository } from './certificate-repository.js';
import { createCertificateReader } from './certificate-reader.js';
import { refreshPublicStatus } from '../public/registry-index.js';
import type { CertificateView, MemberExclusion, StatusAct } from './certificate-schemas.js';
import { createGroupCertification } from './group-certification.js';
import type { SanctionEffect } from '../../domain/criteria-schema.js';
import { citeSanction, sanctionChoices } from '../criteria/sanction-citation.js';

export type IssueInput = {
  /** A unit's dossier, or the organisation's own (producerId null: a group certificate, whose members are added after). */
  dossier: { id: string; organizationId: string; producerId: string | null; scheme: string; criteriaVersion: string; criteriaHash: string };
  decisionId: string;
  sessionId: string;
  sealLevel: string;
  products: string[];
  sectors: string[];
  conditions: { correctiveActionId: string; description: string; deadline: string }[];
};

/** Certificates the sweep handles per transaction: short enough not to hold up other writes. */
const SWEEP_BATCH = 500;

const ACTS: Record<
  CertificateAct,
  { event: Exclude<CertificateEventKind, 'issued' | 'expired'>; needsSession: boolean; label: string; effects: SanctionEffect[] }
> = {
  suspend: { event: 'suspended', needsSession: false, label: 'suspender', effects: ['suspension'] },
  reinstate: { event: 'reinstated', needsSession: true, label: 'rehabilitar', effects: [] },
  revoke: { event: 'revoked', needsSession: true, label: 'revocar', effects: ['revocation'] },
};

export function createCertificateService({
  db,
  catalog,
  now,
  publicBaseUrl,
  pdfs,
}: {
  db: Db;
  catalog: CriteriaCatalog;
  now: () => Date;
  publicBaseUrl: string;
  /** Where the certificate PDF is rendered (worker threads). */
  pdfs: PdfRenderer;
}) {
  const repo = createCertificateRepository(db);
  const reader = createCertificateReader({ db, catalog, publicBaseUrl });
  const { verificationUrl, load, limitOf, statusOf, view, checkSession } = reader;

  /** Issues the certificate of an approval; runs inside the decision's transaction. */
  function issue(actor: AuditActor, input: IssueInput, at: Date): string {
    const version = catalog.version(input.dossier.scheme, input.dossier.criteriaVersion);
    const issuedOn = laPazDate(at);
    const id = randomUUID();
    let code = generateCertificateCode((n) => randomBytes(n));
    while (repo.codeTaken(code)) {
      code = generateCertificateCode((n) => randomBytes(n));
    }
    const row = {
      id,
      code,
      dossierId: input.dossier.id,
      decisionId: input.decisionId,
      organizationId: input.dossier.organizationId,
      producerId: input.dossier.producerId,
      scope: input.dossier.producerId === null ? ('group' as const) : ('unit' as const),
      scheme: input.dossier.scheme,
      criteriaVersion: input.dossier.criteriaVersion,
      criteriaHash: input.dossier.criteriaHash,
      sealLevel: input.sealLevel,
      products: input.products,
      sectors: input.sectors,
      issuedOn,
      expiresOn: expiryDate(issuedOn, version.certificateValidityMonths),
      status: 'active' as const,
      statusSince: at.toISOString(),
      statusReason: null,
    };
    const conditions = input.conditions.map((c) => ({ id: randomUUID(), certificateId: id, ...c }));
    repo.insert(row, conditions);
    appendAudit(db, actor, { entity: 'certificate', entityId: id, action: 'create', change: { ...row, conditions } }, at);
    recordCertificateEvent(db, row, { event: 'issued', at: at.toISOString(), actor, reason: null, sessionId: input.sessionId }, at);
    return id;
  }
  const group = createGroupCertification(db, reader, issue);

  return {
    verificationUrl,

    issue,
    /** The sanctions of the catalogue in force that fit an act of `effects` on the scheme's certificates. */
    sanctionChoices: (scheme: string, effects: readonly SanctionEffect[]) => sanctionChoices(catalog, scheme, effects),
    ...group,
    excludeMember: (actor: Actor, id: string, producerId: string, input: MemberExclusion) =>
      group.excludeMember(actor, id, producerId, input, now(), (scheme) =>
        citeSanction(catalog, scheme, input.sanctionCode, ['member_exclusion']),
      ),

    get(actor: Actor, id: string): CertificateView {
      const row = load(id);
      // A unit added to a group certificate reads it as its holder does.
      const member = actor.producerId && row.scope === 'group' && repo.member(row.id, actor.producerId) ? actor.producerId : null;
      authorize(
        canAccessRegistry(actor, 'read', { organizationId: row.organizationId, producerId: member ?? row.producerId }),
        'No tiene acceso a este certificado',
      );
      return view(row, now());
    },

    list(
      actor: Actor,
      query: {
        organizationId?: string | undefined;
        producerId?: string | undefined;
        status?: CertificateView['status'] | undefined;
        page: number;
        pageSize: number;
      },
    ) {
      const scope = listScope(actor);
      if (scope === 'none') return { items: [], page: query.page, pageSize: query.pageSize, total: 0 };
      if (scope.organizationId && query.organizationId && query.organizationId !== scope.organizationId)
        authorize(false, 'No tiene acceso a esa organización');
      const at = now();
      // Status is computed, so the filter applies after computing it; lists are small per organisation.
      const rows = repo.list({
        organizationId: scope.organizationId ?? query.organizationId,
        producerId: scope.producerId ?? query.producerId,
      });
      const views = rows.map((r) => view(r, at)).filter((v) => !query.status || v.status === query.status);
      const start = (query.page - 1) * query.pageSize;
      return { items: views.slice(start, start + query.pageSize), page: query.page, pageSize: query.pageSize, total: views.length };
    },

    /** The commission's search over every certificate: by code (with or without dashes), producer or organisation, accents ignored. */
    search(actor: Actor, query: { q?: string | undefined; page: number; pageSize: number }) {
      authorize(canActAsCommission(actor), 'Solo la comisión de certificación busca entre todos los certificados');
      const at = now();
      const { rows, total } = repo.search(query.q, query);
      return { items: rows.map((r) => view(r, at)), page: query.page, pageSize: query.pageSize, total };
    },

    /** Suspends, reinstates or revokes, with the reason; reinstating and revoking need the commission session that agreed it. */
    act(actor: Actor, id: string, act: CertificateAct, input: StatusAct): CertificateView {
      authorize(canActAsCommission(actor), 'Solo la comisión de certificación suspende, rehabilita o revoca certificados');
      const at = now();
      immediate(db, () => {
        const spec = ACTS[act];
        if (spec.needsSession && !input.sessionId) {
          throw new AppError(
            'invalid',
            'SESSION_REQUIRED',
            `Para ${spec.label} un certificado hace falta la sesión de la comisión que lo acordó`,
            [{ path: 'body.sessionId', message: 'Indique la sesión de la comisión' }],
          );
        }
        if (input.sessionId) checkSession(actor, input.sessionId);
        const current = load(id);
        recordTimeEvents(db, current, at, limitOf(current));
        const row = load(id);
        const sanction = citeSanction(catalog, row.scheme, input.sanctionCode, spec.effects);
        const status = statusOf(row, repo.conditions(id), at);
        if (status.status === 'expired') {
          const until = dayInWords(row.expiresOn);
          throw new AppError(
            'conflict',
            'CERTIFICATE_EXPIRED',
            `El certificado ya venció (era válido hasta el ${until}): no se puede ${spec.label}`,
          );
        }
        const t = applyEvent(row.status, act);
        if (!t.ok) throw new AppError('conflict', 'CERTIFICATE_STATE', t.message, [{ path: 'status', message: row.status }]);
        recordCertificateEvent(
          db,
          row,
          {
            event: spec.event,
            at: at.toISOString(),
            actor,
            reason: input.reason,
            sessionId: input.sessionId ?? null,
            status: t.to,
            suspensionLimit: limitOf(row),
            sanction,
          },
          at,
        );
      });
      return view(load(id), now());
    },

    /**
     * Records time events of the certificates whose `due_at` has come (an indexed read: the others
     * have nothing due), a batch a transaction; returns how many events were written. Among them the
     * system's revocation of a suspension that passed the criteria's maximum (a final, stored status).
     */
    sweep(): number {
      const at = now();
      let written = 0;
      for (let batch = repo.dueBy(at.toISOString(), SWEEP_BATCH); batch.length > 0;) {
        written += immediate(db, () =>
          batch.reduce((sum, row) => {
            const n = recordTimeEvents(db, row, at, limitOf(row));
            // Moves due_at past `at`, even when the deadline that made it due changed nothing.
            refreshPublicStatus(db, row.id, at, limitOf(row));
            return sum + n;
          }, 0),
        );
        batch = repo.dueBy(at.toISOString(), SWEEP_BATCH);
      }
      return written;
    },

    async pdf(actor: Actor, id: string): Promise<{ code: string; pdf: Buffer }> {
      const cert = this.get(actor, id);
      const version = catalog.version(cert.scheme, cert.criteriaVersion);
      const reference = repo.decisionReference(cert.decisionId);
      const sectorName = new Map(version.sectors.map((s) => [s.code, s.name.es]));
      const data: CertificatePdfData = {
        code: cert.code,
        verificationUrl: cert.verificationUrl,
        holder: {
          organization: cert.organization.name,
          // A group's certificate is held by the organisation: no unit, no community (its members are listed).
          producer: cert.producer?.name ?? null,
          department: DEPARTMENTS[cert.organization.department as Department] ?? cert.organization.department,
          municipality: cert.organization.municipality,
          community: cert.producer?.community ?? null,
        },
        // The members certified when it is printed, each named only with its consent.
        group:
          cert.scope === 'group'
            ? {
                members: cert.members
                  .filter((m) => m.status === 'active')
                  .map((m) => ({ name: m.publicNameConsent ? m.name : null, community: m.community })),
              }
            : null,
        scope: { products: cert.products, sectors: cert.sectors.map((s) => sectorName.get(s) ?? s) },
        sealLevel: version.sealLevels.find((l) => l.code === cert.sealLevel)?.name.es ?? cert.sealLevel,
        scheme: { name: version.name.es, issuingBody: version.issuingBody, version: version.version, contentHash: version.contentHash },
        issuedOn: cert.issuedOn,
        expiresOn: cert.expiresOn,
        conditions: cert.conditions.map((c) => ({ description: c.description, deadline: c.deadline })),
        decision: {
          resolution: humanNumber(reference.decision),
          session: humanNumber(reference.session),
          sessionDate: reference.session.heldOn,
        },
      };
      return { code: cert.code, pdf: await pdfs.render({ kind: 'certificate', data }) };
    },
  };
}
export type CertificateService = ReturnType<typeof createCertificateService>;
