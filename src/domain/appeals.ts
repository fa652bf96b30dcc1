/**
 * Appeals against a commission decision or a suspension: decided only by
 * people who did not take the appealed act, with the same vote rules as any
 * commission decision, and a filed → upheld | rejected life.
 */
import {
  automaticRecusals,
  checkVotes,
  tally,
  type CommissionMember,
  type DecisionRule,
  type DossierInvolvement,
  type Recusal,
  type RecusalRule,
  type Vote,
} from './commission.js';
import { eventsFrom, step, type Transition } from './state-machine.js';

export type AppealTarget = 'decision' | 'suspension';

export type AppealExclusionRule = 'DECIDED_APPEALED_ACT' | RecusalRule;
export type AppealExclusion = { userId: string; reason: string; rule: AppealExclusionRule };

/**
 * Present members who may decide the appeal. Excluded: whoever voted on the
 * appealed decision or took the suspension (`excludedUserIds`) and, when
 * `involvement` is given, whoever the conflict-of-interest rules of a
 * decision recuse. One exclusion per present member, the appealed act first.
 */
export function eligibleAppealDeciders(
  present: CommissionMember[],
  excludedUserIds: string[],
  involvement?: DossierInvolvement,
): { eligible: CommissionMember[]; excluded: AppealExclusion[] } {
  const excludedSet = new Set(excludedUserIds);
  const conflicts = new Map((involvement ? automaticRecusals(present, involvement) : []).map((r) => [r.userId, r]));
  const seen = new Set<string>();
  const eligible: CommissionMember[] = [];
  const excluded: AppealExclusion[] = [];
  for (const member of present) {
    if (seen.has(member.userId)) continue;
    seen.add(member.userId);
    const conflict = conflicts.get(member.userId);
    if (excludedSet.has(member.userId)) {
      excluded.push({ userId: member.userId, rule: 'DECIDED_APPEALED_ACT', reason: `${member.name} tomó o votó el acto apelado` });
    } else if (conflict?.rule) {
      excluded.push({ userId: member.userId, rule: conflict.rule, reason: conflict.reason });
    } else {
      eligible.push(member);
    }
  }
  return { eligible, excluded };
}

/** The exclusions as recusals to record with the votes. */
export function appealRecusals(excluded: AppealExclusion[]): Recusal[] {
  return excluded.map((e) => ({ userId: e.userId, reason: e.reason, kind: 'automatic', rule: e.rule }));
}

export type AppealRule = DecisionRule | 'DECIDED_APPEALED_ACT';
export type AppealViolation = { rule: AppealRule; userId?: string; message: string };

export type AppealVoteCheck = {
  quorum: number;
  present: CommissionMember[];
  excludedUserIds: string[];
  involvement?: DossierInvolvement;
  /** Voluntary recusals of present members. */
  recusals?: Recusal[];
  votes: { userId: string; vote: Vote }[];
  /** Seats (titulares) of the commission, when the scheme defines them. */
  seats?: number | undefined;
};

/**
 * `checkVotes` among the eligible deciders: quorum counts eligible present
 * members only; a vote by someone who took the appealed act is refused with
 * DECIDED_APPEALED_ACT, present or not.
 */
export function checkAppealVotes(input: AppealVoteCheck): AppealViolation[] {
  const { excluded } = eligibleAppealDeciders(input.present, input.excludedUserIds, input.involvement);
  const recusals: Recusal[] = [...appealRecusals(excluded), ...(input.recusals ?? [])];
  const actTakers = new Set(input.excludedUserIds);
  const names = new Map(input.present.map((m) => [m.userId, m.name]));

  return checkVotes({ quorum: input.quorum, present: input.present, recusals, votes: input.votes, seats: input.seats }).map(
    (v): AppealViolation => {
      if ((v.rule === 'RECUSED_MEMBER_VOTED' || v.rule === 'NOT_PRESENT') && v.userId !== undefined && actTakers.has(v.userId)) {
        const who = names.get(v.userId) ?? 'Alguien que no está presente';
        return {
          rule: 'DECIDED_APPEALED_ACT',
          userId: v.userId,
          message: `${who} tomó o votó el acto apelado y no puede votar la apelación`,
        };
      }
      if (v.rule === 'NO_QUORUM') return { ...v, message: v.message.replace('Sin quórum', 'Sin quórum para la apelación') };
      return v;
    },
  );
}

/** The appeal is upheld by a simple majority of votes cast (for upholding > against); otherwise the appealed act stands. */
export function appealResult(votes: { vote: Vote }[]): AppealResult {
  return tally(votes).carried ? 'upheld' : 'rejected';
}

export const APPEAL_STATES = ['filed', 'upheld', 'rejected'] as const;
/** What the commission's vote on an appeal can decide. */
export const APPEAL_RESULTS = ['upheld', 'rejected'] as const;
export type AppealResult = (typeof APPEAL_RESULTS)[number];
export type AppealState = (typeof APPEAL_STATES)[number];

/**
 * What an upheld appeal against a decision that issued a certificate does to it: withdraw, revoked now;
 * replace, kept until the commission decides the reopened dossier again (revoked then, naming the outcome).
 */
export const CERTIFICATE_EFFECTS = ['withdraw', 'replace'] as const;
export type CertificateEffect = (typeof CERTIFICATE_EFFECTS)[number];

export const APPEAL_STATE_LABEL: Record<AppealState, string> = {
  filed: 'presentada',
  upheld: 'aceptada',
  rejected: 'rechazada',
};

export const APPEAL_EVENTS = {
  uphold: { from: ['filed'], to: 'upheld' },
  reject: { from: ['filed'], to: 'rejected' },
} as const satisfies Record<string, { from: readonly AppealState[]; to: AppealState }>;

export type AppealEvent = keyof typeof APPEAL_EVENTS;

export function appealTransition(state: AppealState, event: AppealEvent): Transition<AppealState> {
  return step(APPEAL_EVENTS, state, event, () => `La apelación ya fue ${APPEAL_STATE_LABEL[state]}; su resolución es definitiva`);
}

export function allowedAppealEvents(state: AppealState): AppealEvent[] {
  return eventsFrom(APPEAL_EVENTS, state);
}
