/**
 * The commission's handling of complaints: reading the whole file (the complainant's contact only for the
 * commission), assigning it, recording the inquiry, tying it to a certificate, ordering an unannounced
 * visit to the certified unit, and closing it with a public summary and the sanction applied. Every write
 * is one immediate transaction with its audit entry (entity «complaint») and, but for the tie, a step.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { immediate, type Db } from '../../db/client.js';
import { type Actor, authorize, canActAsCommission, canSeeComplainantContact } from '../../domain/access.js';
import {
  COMPLAINT_OUTCOME_LABEL,
  COMPLAINT_STATUS_LABEL,
  COMPLAINT_SUBJECT_LABEL,
  type ComplaintStepKind,
} from '../../domain/complaints.js';
import type { CriteriaVersion } from '../../domain/criteria.js';
import { SANCTION_EFFECT_LABEL } from '../../domain/sanctions.js';
import { AppError, notFound } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { evidenceFileIn } from '../dossiers/evidence-service.js';
import type { VisitService } from '../dossiers/visit-service.js';
import { createComplaintHandlingRepository, type ComplaintListRow, type ComplaintRow } from './complaint-handling-repository.js';
import type {
  AssignComplaint,
  CloseComplaint,
  Complaint,
  ComplaintInquiry,
  ComplaintListItem,
  ComplaintListQuery,
  ComplaintPage,
  LinkComplaint,
  OrderUnannouncedVisit,
} from './complaint-handling-schemas.js';
import { refuseStep, sanctionOfClosing } from './complaint-handling-rules.js';
import { resolveVisitedDossier } from './complaint-handling-visit.js';

export const COMPLAINTS_COMMISSION_ONLY = 'Solo la comisión de certificación atiende las denuncias';

const complaintNotFound = () => notFound('COMPLAINT_NOT_FOUND', 'No existe esa denuncia');

export type ComplaintHandlingDeps = {
  db: Db;
  catalog: CriteriaCatalog;
  now: () => Date;
  dataDir: string;
  /** Plans the unannounced visit (its own checks: conflict of interest, dates, one planned at a time). */
  visits: Pick<VisitService, 'plan'>;
};

export function createComplaintHandlingService({ db, catalog, now, dataDir, visits }: ComplaintHandlingDeps) {
  const repo = createComplaintHandlingRepository(db);

  const load = (id: string): ComplaintRow => {
    const row = repo.complaint(id);
    if (!row) throw complaintNotFound();
    return row;
  };

  /** The scheme a complaint falls under: its certificate's or, when not tied to one, the installation's first. */
  const schemeOf = (c: ComplaintRow): string | null =>
    (c.certificateId ? repo.certificate(c.certificateId)?.scheme : undefined) ?? catalog.schemes()[0]?.scheme ?? null;

  /** The rules in force: the scheme's current published version. */
  const versionInForce = (scheme: string | null): CriteriaVersion | null => {
    const current = scheme ? catalog.scheme(scheme).currentVersion : null;
    return scheme && current ? catalog.version(scheme, current) : null;
  };

  const toListItem = (r: ComplaintListRow): ComplaintListItem => ({
    id: r.id,
    trackingNumber: r.trackingNumber,
    subject: r.subject,
    subjectLabel: COMPLAINT_SUBJECT_LABEL[r.subject],
    what: r.what,
    organization: r.organizationId && r.organizationName ? { id: r.organizationId, name: r.organizationName } : null,
    certificateCode: r.certificateCode,
    status: r.status,
    statusLabel: COMPLAINT_STATUS_LABEL[r.status],
    assignee: r.assignedTo && r.assigneeName ? { id: r.assignedTo, name: r.assigneeName } : null,
    createdAt: r.createdAt,
  });

  const view = (actor: Actor, id: string): Complaint => {
    const c = load(id);
    const certificate = c.certificateId ? repo.certificate(c.certificateId) : undefined;
    const scheme = schemeOf(c);
    const cited = c.sanctionCode && c.sanctionVersion && scheme ? catalog.find(scheme, c.sanctionVersion) : undefined;
    const sanction = cited?.sanctions?.find((s) => s.code === c.sanctionCode);
    return {
      ...toListItem(repo.listRow(id)!),
      codeGiven: c.codeGiven,
      place: c.place,
      happenedOn: c.happenedOn,
      certificate: certificate
        ? { id: certificate.id, code: certificate.code, scope: certificate.scope, holder: certificate.holder, status: certificate.status }
        : null,
      contact: canSeeComplainantContact(actor) ? c.contact : null,
      contactGiven: c.contact !== null && c.contact !== '',
      photo: c.photoSha256 && c.photoType ? { type: c.photoType, size: c.photoSize ?? 0, url: `/api/v1/complaints/${c.id}/photo` } : null,
      steps: repo.steps(id),
      visit: c.visitId ? (repo.visit(c.visitId) ?? null) : null,
      outcome: c.outcome,
      outcomeLabel: c.outcome ? COMPLAINT_OUTCOME_LABEL[c.outcome] : null,
      publicSummary: c.publicSummary,
      sanction:
        c.sanctionCode && c.sanctionVersion
          ? {
              code: c.sanctionCode,
              name: sanction?.name.es ?? c.sanctionCode,
              effect: sanction?.effect ?? 'none',
              effectLabel: SANCTION_EFFECT_LABEL[sanction?.effect ?? 'none'],
              criteriaVersion: c.sanctionVersion,
            }
          : null,
      closedBy: repo.names(id)?.closedBy ?? null,
      closedAt: c.closedAt,
      updatedAt: c.updatedAt,
    };
  };

  /** One handling write: the complaint read and changed, its step and audit entry, in one immediate transaction. */
  const write = (
    actor: Actor,
    id: string,
    action: string,
    act: (
      c: ComplaintRow,
      at: string,
    ) => { change: Partial<ComplaintRow>; step?: { kind: ComplaintStepKind; notes: string | null }; audit?: object },
  ): Complaint => {
    authorize(canActAsCommission(actor), COMPLAINTS_COMMISSION_ONLY);
    const at = now();
    immediate(db, () => {
      const c = load(id);
      const { change, step, audit } = act(c, at.toISOString());
      repo.update(id, { ...change, updatedAt: at.toISOString() });
      if (step) repo.insertStep({ id: randomUUID(), complaintId: id, byUserId: actor.userId, at: at.toISOString(), ...step });
      appendAudit(db, actor, { entity: 'complaint', entityId: id, action, change: { ...change, ...(step ? { step } : {}), ...audit } }, at);
    });
    return view(actor, id);
  };

  return {
    list(actor: Actor, query: ComplaintListQuery): ComplaintPage {
      authorize(canActAsCommission(actor), COMPLAINTS_COMMISSION_ONLY);
      const { rows, total } = repo.page(query.status, query);
      return { items: rows.map(toListItem), page: query.page, pageSize: query.pageSize, total };
    },

    /** How many complaints wait for the commission's outcome. */
    openCount(actor: Actor): number {
      authorize(canActAsCommission(actor), COMPLAINTS_COMMISSION_ONLY);
      return repo.openCount();
    },

    get(actor: Actor, id: string): Complaint {
      authorize(canActAsCommission(actor), COMPLAINTS_COMMISSION_ONLY);
      return view(actor, id);
    },

    /** The photo's type and where it is stored (content-addressed, as evidence files are). */
    photo(actor: Actor, id: string): { type: string; sha256: string; file: string; trackingNumber: string } {
      authorize(canActAsCommission(actor), COMPLAINTS_COMMISSION_ONLY);
      const c = load(id);
      const file = c.photoSha256 ? evidenceFileIn(dataDir, c.photoSha256) : null;
      if (!c.photoSha256 || !c.photoType || !file || !fs.existsSync(file)) {
        throw notFound('COMPLAINT_PHOTO_NOT_FOUND', 'Esta denuncia no tiene foto');
      }
      return { type: c.photoType, sha256: c.photoSha256, file, trackingNumber: c.trackingNumber };
    },

    /** The commission members a complaint may be assigned to. */
    members(actor: Actor) {
      authorize(canActAsCommission(actor), COMPLAINTS_COMMISSION_ONLY);
      return repo.commissionMembers();
    },

    /** Everyone registered, with their organisation, for the unannounced visit's team. */
    persons(actor: Actor) {
      authorize(canActAsCommission(actor), COMPLAINTS_COMMISSION_ONLY);
      return repo.persons();
    },

    /** The members of the complaint's group certificate, for choosing which unit to visit; empty otherwise. */
    certificateMembers(actor: Actor, id: string) {
      authorize(canActAsCommission(actor), COMPLAINTS_COMMISSION_ONLY);
      const c = load(id);
      const cert = c.certificateId ? repo.certificate(c.certificateId) : undefined;
      return cert?.scope === 'group' ? repo.members(cert.id).filter((m) => m.status === 'active') : [];
    },

    /** The catalogue of sanctions in force for the complaint (empty when the version in force has none). */
    catalogue(actor: Actor, id: string) {
      authorize(canActAsCommission(actor), COMPLAINTS_COMMISSION_ONLY);
      const version = versionInForce(schemeOf(load(id)));
      return { version: version?.version ?? null, sanctions: version?.sanctions ?? [] };
    },

    assign(actor: Actor, id: string, { userId }: AssignComplaint): Complaint {
      return write(actor, id, 'assign', (c) => {
        refuseStep(c.status, 'assigned');
        const member = repo.commissionMember(userId);
        if (!member) {
          throw new AppError('unprocessable', 'NOT_COMMISSION_MEMBER', 'Elija una cuenta activa de la comisión de certificación', [
            { path: 'body.userId', message: 'No es una cuenta activa de la comisión' },
          ]);
        }
        return {
          change: { status: 'in_inquiry', assignedTo: member.id },
          step: { kind: 'assigned', notes: `A cargo de ${member.name}` },
          audit: { before: { status: c.status, assignedTo: c.assignedTo } },
        };
      });
    },

    inquiry(actor: Actor, id: string, { notes }: ComplaintInquiry): Complaint {
      return write(actor, id, 'inquiry', (c) => {
        refuseStep(c.status, 'inquiry');
        return { change: {}, step: { kind: 'inquiry', notes } };
      });
    },

    link(actor: Actor, id: string, { certificateCode }: LinkComplaint): Complaint {
      return write(actor, id, 'link', (c) => {
        if (c.status === 'closed') throw new AppError('conflict', 'COMPLAINT_STATE', 'La denuncia ya está cerrada: no se vincula');
        if (c.certificateId) {
          throw new AppError('conflict', 'COMPLAINT_ALREADY_LINKED', 'La denuncia ya corresponde a un certificado');
        }
        const certificateId = repo.certificateIdByCode(certificateCode);
        const cert = certificateId ? repo.certificate(certificateId) : undefined;
        if (!cert) {
          const message = `No existe un certificado con el código ${certificateCode}`;
          throw new AppError('unprocessable', 'UNKNOWN_CERTIFICATE', message, [{ path: 'body.certificateCode', message }]);
        }
        return { change: { certificateId: cert.id, organizationId: cert.organizationId } };
      });
    },

    orderUnannouncedVisit(actor: Actor, id: string, input: OrderUnannouncedVisit): Complaint {
      return write(actor, id, 'order_unannounced_visit', (c) => {
        refuseStep(c.status, 'visit_ordered');
        const cert = c.certificateId ? repo.certificate(c.certificateId) : undefined;
        if (!cert) {
          throw new AppError(
            'conflict',
            'COMPLAINT_NOT_LINKED',
            'La denuncia no corresponde a ningún certificado: vincúlela a uno antes de ordenar la visita',
          );
        }
        const dossierId = resolveVisitedDossier(repo, cert, input);
        // Planned inside this transaction (a savepoint): a refused plan leaves the complaint as it was.
        const visit = visits.plan(actor, dossierId, {
          plannedOn: input.plannedOn,
          team: input.team,
          purpose: 'surveillance',
          unannounced: true,
        });
        return {
          change: { visitId: visit.id },
          step: { kind: 'visit_ordered', notes: `Visita sin aviso planificada para el ${input.plannedOn}` },
        };
      });
    },

    close(actor: Actor, id: string, input: CloseComplaint): Complaint {
      return write(actor, id, 'close', (c, at) => {
        refuseStep(c.status, 'closed');
        const version = versionInForce(schemeOf(c));
        const sanction = sanctionOfClosing(repo, c, input, version);
        return {
          change: {
            status: 'closed',
            outcome: input.outcome,
            publicSummary: input.publicSummary,
            sanctionCode: sanction ? sanction.code : null,
            sanctionVersion: sanction && version ? version.version : null,
            closedBy: actor.userId,
            closedAt: at,
          },
          step: { kind: 'closed', notes: null },
        };
      });
    },
  };
}
export type ComplaintHandlingService = ReturnType<typeof createComplaintHandlingService>;
