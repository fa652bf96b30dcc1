/**
 * The data an acta is drawn from, and the strict schema of its Spanish texts in
 * `templates/pdf/acta.es.yaml`, with the wording helpers both acta files use.
 */
import { z } from 'zod';
import { numberInWords } from './number-words.js';
import { fill, loadPdfTemplate, MetadataTemplateSchema, TextSchema, textsFor } from './template.js';

export type ActaOutcome = 'approved' | 'approved_with_conditions' | 'denied' | 'deferred';
export type ActaAppealOutcome = 'upheld' | 'rejected';
export type ActaVote = { member: string; vote: 'for' | 'against' | 'abstain'; rationale: string | null };
export type ActaRecusal = { member: string; reason: string; kind: 'automatic' | 'voluntary' };
export type ActaSeat = 'titular' | 'suplente';

type Holder = { producer: string; organization: string };

/** A dossier put to the vote. */
export type ActaDecision = Holder & {
  kind: 'decision';
  /** Resolution number, e.g. "12/2026". */
  number: string | null;
  proposedOutcome: ActaOutcome;
  votes: ActaVote[];
  recusals: ActaRecusal[];
  outcome: ActaOutcome;
  /** Display name of the seal level granted, if any. */
  sealLevel: string | null;
  rationale: string;
  conditions: { description: string; deadline: string }[];
  certificateCode: string | null;
  /** Who recorded the votes. */
  recordedBy: string | null;
};

/** A dossier deferred without a vote: too few could vote once the recused stood aside. */
export type ActaDeferral = Holder & { kind: 'deferral'; number: string | null; reason: string; recusals: ActaRecusal[] };

/** A suspension, reinstatement or revocation the session agreed. */
export type ActaCertificateAct = Holder & {
  kind: 'certificate';
  act: 'suspended' | 'reinstated' | 'revoked';
  code: string;
  reason: string;
  recordedBy: string | null;
};

/** What an appeal was against, named as a person names it. */
export type ActaAppealed =
  | { kind: 'decision'; number: string | null; /** YYYY-MM-DD */ date: string; outcome: ActaOutcome }
  | { kind: 'suspension' | 'revocation'; code: string; /** YYYY-MM-DD */ date: string };

export type ActaAppeal = Holder & {
  kind: 'appeal';
  appealed: ActaAppealed;
  reason: string;
  /** YYYY-MM-DD */
  filedOn: string;
  proposedOutcome: ActaAppealOutcome;
  votes: ActaVote[];
  recusals: ActaRecusal[];
  outcome: ActaAppealOutcome;
  rationale: string;
  /** Code of the certificate the upheld appeal reinstated. */
  reinstated: string | null;
  /** What the upheld appeal against a decision did to the certificate that decision issued. */
  certificateEffect?: { effect: 'withdraw' | 'replace'; code: string } | null;
  recordedBy: string | null;
};

export type ActaMatter = ActaDecision | ActaDeferral | ActaCertificateAct | ActaAppeal;

export type ActaPdfData = {
  session: {
    /** Number in the year, e.g. "07/2026"; null for a session recorded before sessions were numbered. */
    number: string | null;
    /** YYYY-MM-DD; also the document's date. */
    date: string;
    place: string | null;
    /** HH:MM, Bolivia. */
    startsAt: string | null;
    endsAt: string | null;
    quorumRequired: number;
    /** How many of those present could vote (titulares, and suplentes in empty seats). */
    voters: number;
  };
  /** Issuing body, e.g. the commission's name: printed under the title and used as Author. */
  body: string;
  /** Every member on the list; `seat` is null in schemes without titulares and suplentes. */
  attendance: {
    name: string;
    present: boolean;
    seat: ActaSeat | null;
    /** HH:MM, when they joined after the start. */ since: string | null;
  }[];
  /** The agenda as agreed, in order. */
  agenda: { subject: string; note: string | null; treated: boolean }[];
  /** Every matter treated, in the order it was treated. */
  matters: ActaMatter[];
};

const CountSchema = z
  .object({ form: z.enum(['apocopated', 'masculine', 'feminine']), zero: TextSchema, one: TextSchema, other: TextSchema })
  .strict();
type Count = z.infer<typeof CountSchema>;
const NamedSchema = z.object({ numbered: TextSchema, unnumbered: TextSchema }).strict();

const ActaTemplateSchema = z
  .object({
    metadata: MetadataTemplateSchema,
    title: TextSchema,
    subtitle: TextSchema,
    header: TextSchema,
    footer: TextSchema,
    sessionName: NamedSchema,
    sessionFullName: NamedSchema,
    sections: textsFor(['session', 'attendance', 'agenda', 'matters', 'notTreated', 'signatures']),
    labels: textsFor([
      'number',
      'place',
      'date',
      'hours',
      'titularesPresent',
      'suplentesPresent',
      'present',
      'absent',
      'quorum',
      'organization',
      'holder',
      'proposedOutcome',
      'tally',
      'outcome',
      'sealLevel',
      'rationale',
      'certificate',
      'appealed',
      'reason',
      'appealReason',
      'filedOn',
      'agreement',
      'votes',
      'recusals',
      'conditions',
    ]),
    notRecorded: z.object({ place: TextSchema }).strict(),
    hours: textsFor(['both', 'startOnly', 'endOnly', 'none']),
    joinedAt: TextSchema,
    absentWithSeat: TextSchema,
    nobody: TextSchema,
    quorum: textsFor(['reached', 'notReached']),
    members: CountSchema,
    voters: CountSchema,
    tally: z.object({ sentence: TextSchema, for: CountSchema, against: CountSchema, abstain: CountSchema }).strict(),
    recorded: textsFor(['votes', 'act']),
    noAgenda: TextSchema,
    agendaItem: TextSchema,
    agendaItemWithNote: TextSchema,
    nothingTreated: TextSchema,
    notTreated: TextSchema,
    matter: textsFor(['decision', 'decisionUnnumbered', 'appeal', 'suspended', 'reinstated', 'revoked']),
    deferredForQuorum: TextSchema,
    notCarried: TextSchema,
    agreements: textsFor(['suspended', 'reinstated', 'revoked']),
    holder: TextSchema,
    appealed: textsFor(['decision', 'decisionUnnumbered', 'suspension', 'revocation']),
    appealReinstates: TextSchema,
    appealCertificate: textsFor(['withdraw', 'replace']),
    deadline: TextSchema,
    noCertificate: TextSchema,
    noRecusals: TextSchema,
    noVotes: TextSchema,
    closing: textsFor(['withTime', 'withoutTime']),
    columns: textsFor(['member', 'vote', 'rationale', 'reason', 'kind']),
    seats: textsFor(['titular', 'suplente']),
    signatureRoles: textsFor(['titular', 'suplente', 'member']),
    votes: textsFor(['for', 'against', 'abstain']),
    recusalKinds: textsFor(['automatic', 'voluntary']),
    outcomes: textsFor(['approved', 'approved_with_conditions', 'denied', 'deferred']),
    appealOutcomes: textsFor(['upheld', 'rejected']),
    signatures: z.object({ line: TextSchema }).strict(),
  })
  .strict();
export type ActaTemplate = z.infer<typeof ActaTemplateSchema>;

export const actaTemplate = (): ActaTemplate => loadPdfTemplate('acta.es.yaml', ActaTemplateSchema);

/** «tres (3) votos a favor», «ninguno (0) en contra», «una (1) abstención». */
export const counted = (texts: Count, n: number): string =>
  fill(n === 0 ? texts.zero : n === 1 ? texts.one : texts.other, { n, words: numberInWords(n, texts.form) });

/** «tres (3) votos a favor, ninguno (0) en contra y una (1) abstención». */
export function tallyInWords(t: ActaTemplate, votes: readonly ActaVote[]): string {
  const n = (vote: ActaVote['vote']) => votes.filter((v) => v.vote === vote).length;
  return fill(t.tally.sentence, {
    for: counted(t.tally.for, n('for')),
    against: counted(t.tally.against, n('against')),
    abstain: counted(t.tally.abstain, n('abstain')),
  });
}
