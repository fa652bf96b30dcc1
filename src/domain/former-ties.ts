/**
 * Former ties of a person to a production unit or an organisation (worked for it, traded with
 * it, belonged to it), and the conflict-of-interest rule on them: a reviewer whose tie to the
 * visited unit or its organisation ended less than the scheme's `formerTiesWindowYears` before
 * the visit (or has not ended) may not visit it.
 */
import { count, dayInWords } from './text.js';
import { yearsBefore } from './visit-date.js';

export const TIE_KINDS = ['worked_for', 'traded_with', 'member_of'] as const;
export type TieKind = (typeof TIE_KINDS)[number];

/** What the tie was, as said of a tie that has ended: «Juana trabajó para …». */
export const TIE_KIND_LABEL: Record<TieKind, string> = {
  worked_for: 'trabajó para',
  traded_with: 'le compró o vendió a',
  member_of: 'fue socio o miembro de',
};

/** The same, said of a tie that goes on: «Juana trabaja para …». */
export const TIE_KIND_LABEL_ONGOING: Record<TieKind, string> = {
  worked_for: 'trabaja para',
  traded_with: 'le compra o vende a',
  member_of: 'es socio o miembro de',
};

/** A tie of a person to exactly one production unit or one organisation. */
export type FormerTie = {
  personId: string;
  kind: TieKind;
  /** The unit the tie is to, or null when it is to an organisation. */
  producerId: string | null;
  /** The organisation the tie is to, or null when it is to a unit. */
  organizationId: string | null;
  /** The name of the unit or organisation, for messages. */
  targetName: string;
  /** First day of the tie (YYYY-MM-DD). */
  startedOn: string;
  /** Last day of the tie (YYYY-MM-DD), or null while it goes on. */
  endedOn: string | null;
};

/** The unit a visit is to, and its organisation: ties to either count. A visit to the organisation's own file has no unit. */
export type TiedUnit = { producerId: string | null; organizationId: string };

/** Whether the tie is to the visited unit or to its organisation (ties elsewhere do not count). */
export const isTieTo = (tie: FormerTie, unit: TiedUnit): boolean =>
  (tie.producerId !== null && tie.producerId === unit.producerId) ||
  (tie.organizationId !== null && tie.organizationId === unit.organizationId);

/**
 * Whether a tie to the visited unit (or its organisation) still disqualifies its person from a visit
 * on `visitDate`: it goes on, or it ended less than `windowYears` years before that day. A tie that
 * ended exactly `windowYears` years before (same calendar day) no longer counts.
 */
export function tieStillCounts(tie: FormerTie, unit: TiedUnit, visitDate: string, windowYears: number): boolean {
  if (!isTieTo(tie, unit)) return false;
  return tie.endedOn === null || tie.endedOn > yearsBefore(visitDate, windowYears);
}

/**
 * Among `ties` (of one person or several), the one that disqualifies `personId` from a visit to
 * `unit` on `visitDate`: an ongoing one first, else the one that ended last; undefined if none.
 */
export function disqualifyingTie(
  personId: string,
  ties: readonly FormerTie[],
  unit: TiedUnit,
  visitDate: string,
  windowYears: number,
): FormerTie | undefined {
  const counting = ties.filter((t) => t.personId === personId && tieStillCounts(t, unit, visitDate, windowYears));
  return counting.reduce<FormerTie | undefined>((latest, t) => {
    if (!latest) return t;
    if (latest.endedOn === null) return latest;
    return t.endedOn === null || t.endedOn > latest.endedOn ? t : latest;
  }, undefined);
}

/** «la unidad productiva «Familia Choque»» or «la organización «Cooperativa X»». */
export const tieTargetInWords = (tie: Pick<FormerTie, 'producerId' | 'targetName'>): string =>
  `${tie.producerId !== null ? 'la unidad productiva' : 'la organización'} «${tie.targetName}»`;

/** Why `name` may not visit: the rule, the tie and when it ended, with the window of criteria version `version`. */
export function formerTieMessage(name: string, tie: FormerTie, windowYears: number, version: string): string {
  const rule = `la regla de vínculos anteriores (criterios ${version})`;
  const window = count(windowYears, 'año', 'años');
  if (tie.endedOn === null) {
    return `${name} no puede visitar esta unidad: ${TIE_KIND_LABEL_ONGOING[tie.kind]} ${tieTargetInWords(tie)} desde el ${dayInWords(tie.startedOn)} y el vínculo sigue vigente; ${rule} pide que haya terminado hace al menos ${window}`;
  }
  return `${name} no puede visitar esta unidad: ${TIE_KIND_LABEL[tie.kind]} ${tieTargetInWords(tie)} hasta el ${dayInWords(tie.endedOn)}, dentro ${windowYears === 1 ? 'del año' : `de los ${window}`} que fija ${rule}`;
}

/**
 * What is wrong with the days of a tie recorded on `today` (all YYYY-MM-DD): a tie recorded here
 * has begun, and one that has ended did so by today and not before it began. Empty when right.
 */
export function tieDatesProblems(startedOn: string, endedOn: string | null, today: string): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (startedOn > today) problems.push({ field: 'startedOn', message: `El vínculo no puede empezar después de hoy (${today})` });
  if (endedOn !== null && endedOn > today) {
    problems.push({
      field: 'endedOn',
      message: `El vínculo no puede terminar después de hoy (${today}): si sigue vigente, deje la fecha de fin vacía`,
    });
  }
  if (endedOn !== null && endedOn < startedOn) {
    problems.push({ field: 'endedOn', message: `El vínculo no puede terminar (${endedOn}) antes de empezar (${startedOn})` });
  }
  return problems;
}

/** A tie as a line of a list: «Trabajó para la unidad productiva «X», del 1 de abril de 2019 al 3 de marzo de 2025». */
export function tieInWords(tie: Pick<FormerTie, 'kind' | 'producerId' | 'targetName' | 'startedOn' | 'endedOn'>): string {
  const what = tie.endedOn === null ? TIE_KIND_LABEL_ONGOING[tie.kind] : TIE_KIND_LABEL[tie.kind];
  const when =
    tie.endedOn === null
      ? `desde el ${dayInWords(tie.startedOn)} (sigue vigente)`
      : `del ${dayInWords(tie.startedOn)} al ${dayInWords(tie.endedOn)}`;
  return `${what.charAt(0).toUpperCase()}${what.slice(1)} ${tieTargetInWords(tie)}, ${when}`;
}
