/**
 * Reading the dossier forms as people send them (one field per criterion, one per person) into
 * what the services take, and the services' refusals back into errors next to the right field.
 */
import { ANSWER_VALUES, type AnswerValue } from '../../domain/non-conformities.js';
import { MEMBER_KINDS, TEAM_RULE_LABEL, type MemberKind, type TeamRule } from '../../domain/visit-team.js';
import type { FieldIssue } from '../../errors.js';
import { readHumanText } from '../../human-text.js';

export type FormValues = Record<string, string>;

export const answerField = (code: string) => `respuesta-${code}`;
export const noteField = (code: string) => `nota-${code}`;
export const teamField = (personId: string) => `equipo-${personId}`;

/** Only text fields: a repeated field (sent twice) keeps its first value. */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      const first: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
      if (typeof first === 'string') values[key] = first;
    }
  }
  return values;
}

/**
 * The self-assessment's answers, the criteria left without one, and the notes refused by the
 * human-text rules (each code → message).
 */
export function readAnswers(values: FormValues, codes: string[]) {
  const answers: { criterionCode: string; value: AnswerValue; notes?: string }[] = [];
  const missing: Record<string, string> = {};
  const badNotes: Record<string, string> = {};
  for (const code of codes) {
    const value = values[answerField(code)];
    const read = readHumanText(values[noteField(code)], { paragraphs: true, max: 4000 });
    if (!read.ok) badNotes[code] = `Nota: ${read.message}`;
    const notes = read.ok ? read.text : undefined;
    if (value && (ANSWER_VALUES as readonly string[]).includes(value)) {
      answers.push({ criterionCode: code, value: value as AnswerValue, ...(notes ? { notes } : {}) });
    } else {
      missing[code] = 'Falta la respuesta: elija una de las cuatro.';
    }
  }
  return { answers, missing, badNotes };
}

/** The team chosen: every person given a kind, in the order offered. */
export function readTeam(values: FormValues, personIds: string[]): { personId: string; kind: MemberKind }[] {
  return personIds.flatMap((personId) => {
    const kind = values[teamField(personId)];
    return kind && (MEMBER_KINDS as readonly string[]).includes(kind) ? [{ personId, kind: kind as MemberKind }] : [];
  });
}

/**
 * A refused team's issues (`body.team.<i>.personId` with the rule as code) as sentences naming the
 * rule: by person for the rules about one person, and for the whole team otherwise.
 */
export function teamRefusals(issues: readonly FieldIssue[], team: { personId: string }[]) {
  const byPerson: Record<string, string[]> = {};
  const team_: string[] = [];
  for (const issue of issues) {
    const rule = issue.code && issue.code in TEAM_RULE_LABEL ? TEAM_RULE_LABEL[issue.code as TeamRule] : null;
    const text = rule ? `${issue.message}. Regla: ${rule}.` : `${issue.message}.`;
    const index = /^body\.team\.(\d+)\./.exec(issue.path)?.[1];
    const personId = index !== undefined ? team[Number(index)]?.personId : undefined;
    if (personId) (byPerson[personId] ??= []).push(text);
    else team_.push(text);
  }
  return { byPerson, team: team_ };
}
