/**
 * The members of a group certificate: who may be added or excluded, and what the certificate's member
 * events leave when replayed in order. A member enters only through the approval of its own dossier,
 * once per certificate; exclusion is final for that certificate; nothing changes the membership once
 * the certificate is revoked or expired. Pure: facts (the dossier's outcome, the certificate's status) come in.
 */
import type { CertificateEventKind, EffectiveStatus } from './certificate-state.js';
import type { MemberStatus } from './group-scope.js';
import { dayInWords } from './text.js';

/** The events about one member of a group certificate; they leave the certificate's stored status as it is. */
export const MEMBER_EVENT_KINDS = ['member_added', 'member_excluded'] as const satisfies readonly CertificateEventKind[];
export type MemberEventKind = (typeof MEMBER_EVENT_KINDS)[number];
export const isMemberEvent = (event: string): event is MemberEventKind => (MEMBER_EVENT_KINDS as readonly string[]).includes(event);

/** Outcomes of a member's own dossier that let it into the group. */
export const MEMBER_APPROVING_OUTCOMES = ['approved', 'approved_with_conditions'] as const;
export const approvesMember = (outcome: string | null | undefined): boolean =>
  (MEMBER_APPROVING_OUTCOMES as readonly string[]).includes(outcome ?? '');

/** A member as its events leave it. */
export type Member = { producerId: string; status: MemberStatus; since: string; reason: string | null };

export type MembershipRefusal = { code: string; message: string };

function closedRefusal(status: EffectiveStatus, expiresOn?: string): MembershipRefusal | null {
  if (status === 'revoked') {
    return { code: 'CERTIFICATE_STATE', message: 'El certificado del grupo está revocado: ya no se incorporan ni se excluyen socios' };
  }
  if (status === 'expired') {
    const until = expiresOn ? ` (era válido hasta el ${dayInWords(expiresOn)})` : '';
    return {
      code: 'CERTIFICATE_EXPIRED',
      message: `El certificado del grupo ya venció${until}: ya no se incorporan ni se excluyen socios`,
    };
  }
  return null;
}

/**
 * Why this unit may not be added to the group certificate, or null. `members` is the current membership,
 * `dossierOutcome` the decision on the unit's own dossier, `status` the certificate's status now.
 */
export function memberAddRefusal(
  members: ReadonlyMap<string, Member>,
  input: { producerId: string; dossierOutcome: string | null; status: EffectiveStatus; expiresOn?: string },
): MembershipRefusal | null {
  const closed = closedRefusal(input.status, input.expiresOn);
  if (closed) return closed;
  const member = members.get(input.producerId);
  if (member?.status === 'excluded') {
    return { code: 'MEMBER_ALREADY_EXCLUDED', message: 'Esta unidad fue excluida del certificado del grupo; la exclusión es definitiva' };
  }
  if (member) return { code: 'MEMBER_ALREADY_ADDED', message: 'Esta unidad ya es socia certificada del grupo' };
  if (!approvesMember(input.dossierOutcome)) {
    return { code: 'MEMBER_NOT_APPROVED', message: 'Solo se incorpora al grupo una unidad cuyo propio expediente fue aprobado' };
  }
  return null;
}

/** Why this member may not be excluded, or null: it must be an active member of a certificate still in force or suspended. */
export function memberExclusionRefusal(
  members: ReadonlyMap<string, Member>,
  input: { producerId: string; status: EffectiveStatus; expiresOn?: string },
): MembershipRefusal | null {
  const member = members.get(input.producerId);
  if (!member) return { code: 'MEMBER_NOT_FOUND', message: 'Esa unidad no es socia de este certificado de grupo' };
  if (member.status === 'excluded') {
    return {
      code: 'MEMBER_ALREADY_EXCLUDED',
      message: 'Esta unidad ya fue excluida del certificado del grupo; la exclusión es definitiva',
    };
  }
  return closedRefusal(input.status, input.expiresOn);
}

/** A certificate event as the replay reads it. */
export type ReplayedEvent = { seq: number; event: string; at: string; reason: string | null; producerId: string | null };

/**
 * The membership the certificate's events leave, replayed in order, and the problems of events that
 * break the rules (a member added twice, excluded without being one or twice, a change after the
 * certificate was revoked or expired, a member event without its unit). Each problem names the certificate by `code`.
 * With `approved` (the units whose own dossier an approval decided), an addition of any other unit is a
 * problem and does not count: no sequence of events makes such a unit a certified member.
 */
export function replayMembers(
  code: string,
  events: readonly ReplayedEvent[],
  approved?: ReadonlySet<string>,
): { members: Map<string, Member>; problems: string[] } {
  const members = new Map<string, Member>();
  const problems: string[] = [];
  let closedBy: string | null = null;
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (e.event === 'revoked' || e.event === 'expired') closedBy ??= e.event === 'revoked' ? 'revocado' : 'vencido';
    if (!isMemberEvent(e.event)) continue;
    const what = `Certificado ${code}: el evento ${e.seq} (${e.event})`;
    if (e.producerId === null) {
      problems.push(`${what} no dice de qué socio trata`);
      continue;
    }
    if (closedBy) problems.push(`${what} cambia los socios de un certificado ya ${closedBy}`);
    const member = members.get(e.producerId);
    if (e.event === 'member_added') {
      if (member) problems.push(`${what} incorpora a un socio que ya se había incorporado`);
      else if (approved && !approved.has(e.producerId)) problems.push(`${what} incorpora a una unidad cuyo expediente no fue aprobado`);
      else members.set(e.producerId, { producerId: e.producerId, status: 'active', since: e.at, reason: null });
      continue;
    }
    if (!member) problems.push(`${what} excluye a una unidad que no era socia`);
    else if (member.status === 'excluded') problems.push(`${what} excluye a un socio ya excluido`);
    else members.set(e.producerId, { producerId: e.producerId, status: 'excluded', since: e.at, reason: e.reason });
  }
  return { members, problems };
}

/** The active members, the ones the certificate covers now. */
export const activeMembers = (members: Iterable<Member>): Member[] => [...members].filter((m) => m.status === 'active');

const describe = (m: Member) =>
  `${m.status === 'active' ? 'activo' : 'excluido'} desde ${m.since}${m.reason === null ? '' : `, motivo «${m.reason}»`}`;

/** Whether the stored member rows are the ones the member events leave; each problem names the certificate and the unit. */
export function memberRowProblems(code: string, stored: readonly Member[], replayed: ReadonlyMap<string, Member>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const row of stored) {
    seen.add(row.producerId);
    const expected = replayed.get(row.producerId);
    const what = `Certificado ${code}: el socio ${row.producerId}`;
    if (!expected) problems.push(`${what} figura entre los socios, pero ningún evento lo incorporó`);
    else if (row.status !== expected.status || row.since !== expected.since || row.reason !== expected.reason) {
      problems.push(`${what} está guardado como ${describe(row)}, pero sus eventos lo dejan ${describe(expected)}`);
    }
  }
  for (const [producerId] of replayed) {
    if (!seen.has(producerId))
      problems.push(`Certificado ${code}: el socio ${producerId} fue incorporado por un evento, pero falta entre los socios`);
  }
  return problems;
}

/**
 * Whether the member rows of a group certificate are what its member events leave, replayed in order, and
 * those events follow the rules (group-membership.ts). With `approved`, also that each added unit's own
 * dossier was approved.
 */
export function memberProblems(
  code: string,
  events: readonly (Omit<ReplayedEvent, 'producerId'> & { producerId?: string | null })[],
  members: readonly Member[],
  approved?: ReadonlySet<string>,
): string[] {
  const replay = replayMembers(
    code,
    events.map((e) => ({ seq: e.seq, event: e.event, at: e.at, reason: e.reason, producerId: e.producerId ?? null })),
    approved,
  );
  return [...replay.problems, ...memberRowProblems(code, members, replay.members)];
}

/** The members in a canonical order (by unit), as a record seal covers them. */
export const membersForSeal = (members: readonly Member[]) =>
  [...members]
    .sort((a, b) => (a.producerId < b.producerId ? -1 : a.producerId > b.producerId ? 1 : 0))
    .map(({ producerId, status, since, reason }) => ({ producerId, status, since, reason }));
