/** The minutes (acta) of a commission session, gathered from the records and rendered as PDF. */
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../domain/access.js';
import { laPazDate, laPazTime } from '../../domain/certificate-state.js';
import { votingMembers } from '../../domain/commission.js';
import type { ActaAppealed, ActaMatter, ActaPdfData, ActaRecusal, ActaVote } from '../../pdf/acta-pdf.js';
import type { PdfRenderer } from '../../pdf/pdf-pool.js';
import { createCertificateRepository } from '../certificates/certificate-repository.js';
import { createActaRepository } from './acta-repository.js';
import { createCommissionRepository } from './commission-repository.js';
import type { CommissionService } from './commission-service.js';
import type { AppealView, SessionView } from './commission-schemas.js';
import { humanNumber } from './numbers.js';
import { createSessionRepository, type AttendanceRow } from './session-repository.js';

const votesOf = (votes: { name: string; vote: ActaVote['vote']; rationale: string | null }[]): ActaVote[] =>
  votes.map((v) => ({ member: v.name, vote: v.vote, rationale: v.rationale }));
const recusalsOf = (recusals: { name: string; reason: string; kind: ActaRecusal['kind'] }[]): ActaRecusal[] =>
  recusals.map((r) => ({ member: r.name, reason: r.reason, kind: r.kind }));

/** To the minute: members recorded present in the same minute arrived together. */
const minute = (iso: string) => iso.slice(0, 16);

/**
 * The attendance list with, for whoever joined after the others and after the start, the time
 * they joined (a suplente called in, a late titular).
 */
function attendanceOf(startsAt: string | null, rows: AttendanceRow[]): ActaPdfData['attendance'] {
  const arrivals = rows.flatMap((a) => (a.present && a.presentSince ? [minute(a.presentSince)] : [])).sort();
  const first = arrivals[0];
  return rows.map((a) => {
    const joined = a.present && a.presentSince && first && minute(a.presentSince) > first ? laPazTime(new Date(a.presentSince)) : null;
    const late = joined !== null && (!startsAt || joined > startsAt);
    return { name: a.name, present: a.present, seat: a.seat, since: late ? joined : null };
  });
}

export function createActaService({
  db,
  catalog,
  commission,
  pdfs,
}: {
  db: Db;
  catalog: CriteriaCatalog;
  commission: CommissionService;
  pdfs: PdfRenderer;
}) {
  const repo = createCommissionRepository(db);
  const sessions = createSessionRepository(db);
  const certificates = createCertificateRepository(db);
  const acta = createActaRepository(db);

  /**
   * What an appeal was against, by resolution number and date, or by certificate code and date;
   * with the certificate an upheld appeal against a suspension or a revocation reinstates.
   */
  const appealed = (a: AppealView): { against: ActaAppealed; certificateId: string | null } => {
    if (a.decisionId) {
      const d = acta.appealedDecision(a.decisionId)!;
      return { against: { kind: 'decision', number: humanNumber(d), date: d.heldOn, outcome: d.outcome }, certificateId: null };
    }
    const kind = a.revocationEventSeq !== null ? 'revocation' : 'suspension';
    const s = acta.suspension((a.suspensionEventSeq ?? a.revocationEventSeq)!)!;
    return { against: { kind, code: s.code, date: laPazDate(new Date(s.at)) }, certificateId: s.certificateId };
  };

  /** Every matter the session treated, in the order it was treated. */
  const mattersOf = (view: SessionView, sealLevelName: (code: string) => string) => {
    const rows = new Map(repo.decisionsOf(view.id).map((r) => [r.id, r]));
    const acts = acta.certificateActs(view.id);
    const appealRecorders = new Map(view.appeals.map((a) => [a.id, acta.appealRecorder(a.id)]));
    const recorders = acta.names([
      ...[...rows.values()].map((r) => r.recordedBy),
      ...acts.flatMap((e) => (e.actorId ? [e.actorId] : [])),
      ...[...appealRecorders.values()].flatMap((id) => (id ? [id] : [])),
    ]);
    const nameOf = (id: string | null | undefined) => (id ? (recorders.get(id) ?? null) : null);
    const matters: { at: string; matter: ActaMatter }[] = [];
    /** Reinstatements an upheld appeal made: told with the appeal, not as a matter of their own. */
    const folded = new Set<number>();

    for (const d of view.decisions) {
      const holder = repo.holder(d.dossierId);
      if (d.deferredForQuorum) {
        matters.push({
          at: d.decidedAt,
          matter: { kind: 'deferral', ...holder, number: d.number, reason: d.rationale, recusals: recusalsOf(d.recusals) },
        });
        continue;
      }
      const certificate = d.certificateId ? certificates.find(d.certificateId)! : null;
      matters.push({
        at: d.decidedAt,
        matter: {
          kind: 'decision',
          ...holder,
          number: d.number,
          proposedOutcome: d.proposedOutcome,
          votes: votesOf(d.votes),
          recusals: recusalsOf(d.recusals),
          outcome: d.outcome,
          sealLevel: d.sealLevel ? sealLevelName(d.sealLevel) : null,
          rationale: d.rationale,
          conditions: certificate ? certificates.conditionTerms(certificate.id) : [],
          certificateCode: certificate?.code ?? null,
          recordedBy: nameOf(rows.get(d.id)?.recordedBy),
        },
      });
    }

    for (const a of view.appeals) {
      const { against, certificateId } = appealed(a);
      const reinstatement =
        a.status === 'upheld'
          ? acts.find((e) => e.event === 'reinstated' && e.certificateId === certificateId && e.at === a.decidedAt)
          : undefined;
      if (reinstatement) folded.add(reinstatement.seq);
      // The certificate of an appealed decision: what the upheld appeal chose, and its withdrawal told with the appeal.
      const issued = a.decisionId && a.certificateEffect ? certificates.byDecision(a.decisionId) : undefined;
      const withdrawal =
        issued && a.certificateEffect === 'withdraw'
          ? acts.find((e) => e.event === 'revoked' && e.certificateId === issued.id && e.at === a.decidedAt)
          : undefined;
      if (withdrawal) folded.add(withdrawal.seq);
      matters.push({
        at: a.decidedAt ?? '',
        matter: {
          kind: 'appeal',
          ...repo.holder(a.dossierId),
          appealed: against,
          reason: a.reason,
          filedOn: laPazDate(new Date(a.filedAt)),
          proposedOutcome: a.proposedOutcome!,
          votes: votesOf(a.votes),
          recusals: recusalsOf(a.recusals),
          outcome: a.status === 'upheld' ? 'upheld' : 'rejected',
          rationale: a.rationale ?? '',
          reinstated: reinstatement?.code ?? null,
          certificateEffect: issued && a.certificateEffect ? { effect: a.certificateEffect, code: issued.code } : null,
          recordedBy: nameOf(appealRecorders.get(a.id)),
        },
      });
    }

    for (const e of acts) {
      if (folded.has(e.seq)) continue;
      matters.push({
        at: e.at,
        matter: {
          kind: 'certificate',
          act: e.event,
          code: e.code,
          producer: e.producer,
          organization: e.organization,
          reason: e.reason ?? '',
          recordedBy: nameOf(e.actorId) ?? e.actorLabel,
        },
      });
    }
    // A stable sort: matters recorded in the same instant keep the order above.
    return { matters: matters.sort((x, y) => x.at.localeCompare(y.at)).map((m) => m.matter), acts };
  };

  return {
    async render(actor: Actor, sessionId: string): Promise<{ fileName: string; pdf: Buffer }> {
      // Reading the session is what authorises the acta: only the commission may.
      const view = commission.getSession(actor, sessionId);
      const version = catalog.version(view.scheme, view.criteriaVersion);
      const attendance = sessions.attendance(sessionId);
      const present = attendance
        .filter((a) => a.present)
        .map((a) => ({ userId: a.userId, name: a.name, personId: null, household: null, organizationId: null, seat: a.seat }));
      const { matters, acts } = mattersOf(view, (code) => version.sealLevels.find((l) => l.code === code)?.name.es ?? code);
      const treated = (item: SessionView['agenda'][number]): boolean =>
        item.dossierId
          ? view.decisions.some((d) => d.dossierId === item.dossierId)
          : item.certificateId
            ? acts.some((e) => e.certificateId === item.certificateId)
            : view.appeals.some((a) => a.id === item.appealId);

      const data: ActaPdfData = {
        session: {
          number: view.number,
          date: view.heldOn,
          place: view.place,
          startsAt: view.startsAt,
          endsAt: view.endsAt,
          quorumRequired: view.quorum,
          voters: votingMembers(present, [], view.seats ?? undefined).length,
        },
        body: version.issuingBody,
        attendance: attendanceOf(view.startsAt, attendance),
        agenda: view.agenda.map((item) => ({ subject: item.subject, note: item.note, treated: treated(item) })),
        matters,
      };
      const pdf = await pdfs.render({ kind: 'acta', data });
      // acta-sesion-07-2026.pdf: the number a person files it under; the date for sessions before numbering.
      return { fileName: `acta-sesion-${view.number ? view.number.replace('/', '-') : view.heldOn}.pdf`, pdf };
    },
  };
}
export type ActaService = ReturnType<typeof createActaService>;
