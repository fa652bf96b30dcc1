/**
 * The appeal's vote form as the secretary sends it: the proposal, the rationale, and for each
 * present member who may vote the vote read aloud (a favor, en contra, abstención) or their
 * excusal, with the reason a vote against or an excusal needs. Read into what `appeals.decide`
 * takes, or into errors next to each member.
 */
import type { AppealBallot } from '../../modules/commission/appeal-service.js';
import type { AppealDecisionInput } from '../../modules/commission/commission-schemas.js';
import { readHumanText } from '../../human-text.js';
import type { FormValues } from './dossier-forms.js';

export const voteField = (userId: string) => `voto-${userId}`;
export const voteReasonField = (userId: string) => `motivo-${userId}`;

/** The choices of each member; «none» only for a suplente who does not take a seat. */
export const VOTE_CHOICES = [
  { value: 'for', label: 'A favor' },
  { value: 'against', label: 'En contra' },
  { value: 'abstain', label: 'Abstención' },
  { value: 'recused', label: 'Se excusa' },
] as const;
export const NO_VOTE = { value: 'none', label: 'No vota (suplente sin lugar vacante)' } as const;

export const PROPOSALS = [
  { value: 'upheld', label: 'Acoger la apelación' },
  { value: 'rejected', label: 'Rechazar la apelación' },
] as const;

/** What an upheld appeal does to the certificate the appealed decision issued. */
export const CERTIFICATE_CHOICES = [
  { value: 'withdraw', label: 'Retirar el certificado ahora' },
  { value: 'replace', label: 'Mantenerlo hasta la nueva decisión' },
] as const;

/** The choice in words, as the appeal's page and its acta state it. */
export function certificateEffectWords(effect: 'withdraw' | 'replace', code: string): string {
  return effect === 'withdraw'
    ? `Se retira el certificado ${code}: queda revocado desde la resolución de la apelación.`
    : `El certificado ${code} se mantiene hasta la nueva decisión de la comisión sobre el expediente, que lo reemplaza o, si deniega, lo revoca.`;
}

const MIN_VOTE_REASON = 5;
const MIN_RATIONALE = 10;

/** The decision to record, or the errors by form field. */
export function readAppealVotes(
  values: FormValues,
  ballot: Pick<AppealBallot, 'voting' | 'standby'>,
  /** The code of the certificate the appealed decision issued, if any: upholding then says what happens to it. */
  issuedCode: string | null = null,
): { input: AppealDecisionInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const input: AppealDecisionInput = { proposedOutcome: 'rejected', rationale: '', votes: [], recusals: [] };
  const proposal = values.propuesta;
  if (proposal === 'upheld' || proposal === 'rejected') input.proposedOutcome = proposal;
  else errors.propuesta = 'Elija la propuesta que se vota: acoger o rechazar la apelación';
  if (issuedCode && input.proposedOutcome === 'upheld') {
    const effect = values.certificado;
    if (effect === 'withdraw' || effect === 'replace') input.certificateEffect = effect;
    else errors.certificado = `Al acoger la apelación, elija qué pasa con el certificado ${issuedCode}`;
  }
  const rationale = readHumanText(values.fundamento, { paragraphs: true, max: 8000 });
  input.rationale = rationale.ok ? rationale.text : '';
  if (!rationale.ok) errors.fundamento = rationale.message;
  else if (input.rationale.length < MIN_RATIONALE) errors.fundamento = 'Explique el fundamento (al menos 10 caracteres)';

  const members = [...ballot.voting.map((m) => ({ ...m, standby: false })), ...ballot.standby.map((m) => ({ ...m, standby: true }))];
  for (const member of members) {
    const choice = values[voteField(member.userId)] ?? '';
    const read = readHumanText(values[voteReasonField(member.userId)], { paragraphs: true, max: 2000 });
    const reason = read.ok ? read.text : '';
    if (!read.ok && (choice === 'against' || choice === 'recused')) {
      errors[voteField(member.userId)] = `El motivo de ${member.name}: ${read.message}`;
      continue;
    }
    if (choice === 'for' || choice === 'abstain') {
      input.votes.push({ userId: member.userId, vote: choice });
    } else if (choice === 'against') {
      if (reason.length < MIN_VOTE_REASON)
        errors[voteField(member.userId)] = `Un voto en contra lleva su fundamento: escríbalo junto al voto de ${member.name}`;
      input.votes.push({ userId: member.userId, vote: 'against', rationale: reason });
    } else if (choice === 'recused') {
      if (reason.length < MIN_VOTE_REASON) errors[voteField(member.userId)] = `Escriba el motivo de la excusa de ${member.name}`;
      input.recusals.push({ userId: member.userId, reason });
    } else if (!(member.standby && (choice === 'none' || choice === ''))) {
      errors[voteField(member.userId)] = `Falta el voto de ${member.name}`;
    }
  }
  if (input.votes.length === 0) errors.votos = 'Registre al menos un voto: nadie votó a favor, en contra ni se abstuvo';
  return { input, errors };
}
