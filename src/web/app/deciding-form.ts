/**
 * The deciding form as the secretary sends it — one vote (and its reason) per voting member, a
 * voluntary recusal (and its reason) per present member, the proposal — read into what the
 * commission service takes; and its refusals (`body.votes.2.rationale`) put back beside the member
 * they are about (`motivo-voto-<id>`). Voluntary recusals also travel in the page's address, so
 * that they survive calling a suplente in.
 */
import type { FieldIssue } from '../../errors.js';
import type { FormValues } from './dossier-forms.js';

export const voteField = (userId: string) => `voto-${userId}`;
export const voteReasonField = (userId: string) => `motivo-voto-${userId}`;
export const recusalField = (userId: string) => `excusa-${userId}`;
export const recusalReasonField = (userId: string) => `motivo-excusa-${userId}`;

const RECUSAL_KEY = /^(motivo-)?excusa-[0-9a-f-]{36}$/;
const VOTES = ['for', 'against', 'abstain'] as const;

export type VoluntaryRecusalInput = { userId: string; reason: string };

/** The voluntary recusals ticked, for the present members, in their order. */
export function readRecusals(values: FormValues, presentIds: readonly string[]): VoluntaryRecusalInput[] {
  return presentIds
    .filter((id) => values[recusalField(id)] !== undefined)
    .map((userId) => ({ userId, reason: (values[recusalReasonField(userId)] ?? '').trim().slice(0, 2000) }));
}

/** The recusal fields only, to carry them into an address or a hidden field. */
export function recusalValues(values: FormValues): [string, string][] {
  return Object.entries(values).filter(([key]) => RECUSAL_KEY.test(key));
}

/**
 * The decision as the service takes it, from the form and who votes. A member left without a vote
 * is an issue on their field, named, so that the page says whose vote is missing.
 */
export function readDecision(
  values: FormValues,
  dossierId: string,
  voters: readonly { userId: string; name: string }[],
  recusals: readonly VoluntaryRecusalInput[],
): { input: Record<string, unknown>; missing: FieldIssue[] } {
  const missing: FieldIssue[] = [];
  const votes = voters.flatMap(({ userId, name }) => {
    const vote = values[voteField(userId)];
    if (!vote || !(VOTES as readonly string[]).includes(vote)) {
      missing.push({ path: `body.${voteField(userId)}`, message: `Falta el voto de ${name}: a favor, en contra o abstención` });
      return [];
    }
    const rationale = values[voteReasonField(userId)]?.trim();
    return [{ userId, vote, ...(rationale ? { rationale } : {}) }];
  });
  const text = (name: string) => {
    const value = values[name]?.trim();
    return value ? value : undefined;
  };
  if (!text('proposedOutcome'))
    missing.push({
      path: 'body.proposedOutcome',
      message: 'Elija lo que se propone: aprobado, aprobado con condiciones, denegado o diferido',
    });
  return {
    input: {
      dossierId,
      proposedOutcome: text('proposedOutcome'),
      rationale: text('rationale') ?? '',
      ...(text('sealLevel') ? { sealLevel: text('sealLevel') } : {}),
      ...(text('sanctionCode') ? { sanctionCode: text('sanctionCode') } : {}),
      votes,
      recusals,
    },
    missing,
  };
}

const UUID_IN_PARENTHESES = /\s*\([0-9a-f]{8}-[0-9a-f-]{27}\)/gi;

/**
 * Issues of the service (or of its schema) as issues on the form's fields: a vote's issues beside
 * its member, a recusal's beside the person stepping aside, the rest by name. Ids never reach text.
 */
export function formIssues(
  issues: readonly FieldIssue[],
  votes: readonly { userId: string }[],
  recusals: readonly { userId: string }[],
): FieldIssue[] {
  return issues.map((issue) => {
    const message = issue.message.replace(UUID_IN_PARENTHESES, '');
    const [, list, index, field] = /^body\.(votes|recusals)\.(\d+)\.?(\w*)/.exec(issue.path) ?? [];
    if (list === 'votes') {
      const userId = votes[Number(index)]?.userId;
      if (userId) return { ...issue, message, path: `body.${field === 'rationale' ? voteReasonField(userId) : voteField(userId)}` };
    }
    if (list === 'recusals') {
      const userId = recusals[Number(index)]?.userId;
      if (userId) return { ...issue, message, path: `body.${field === 'reason' ? recusalReasonField(userId) : recusalField(userId)}` };
    }
    if (issue.path === 'body.sealLevel' && issue.code !== 'SEAL_LEVEL_NOT_ALLOWED')
      return { ...issue, message: 'Al aprobar, elija el nivel del sello' };
    return { ...issue, message };
  });
}
