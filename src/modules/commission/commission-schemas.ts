/** Request and response schemas of commission sessions, decisions and appeals. */
import { z } from 'zod';
import { exactlyOneOf } from '../../schema-rules.js';
import { HumanLine, HumanParagraphs } from '../../human-text.js';
import { SlugSchema } from '../../domain/criteria-schema.js';
import { CitedSanctionSchema } from '../certificates/certificate-schemas.js';
import { page, PageQuerySchema } from '../registry/registry-schemas.js';
import { CERTIFICATE_EFFECTS } from '../../domain/appeals.js';
import { AGENDA_KINDS, COMMISSION_SEATS, DECISION_OUTCOMES } from '../../domain/commission.js';

const Rationale = HumanParagraphs().min(10, 'Explique el fundamento (al menos 10 caracteres)').max(8000);

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Escriba la hora como HH:MM, por ejemplo 09:30');

const AgendaItemFieldsSchema = z
  .object({
    dossierId: z.uuid().optional().describe('Un expediente por decidir'),
    certificateId: z.uuid().optional().describe('Un certificado a suspender, rehabilitar o revocar'),
    appealId: z.uuid().optional().describe('Una apelación por resolver'),
    note: HumanParagraphs().min(1).max(500).optional().describe('Qué se tratará, en palabras de la secretaría'),
  })
  .strict();
export const AgendaItemInputSchema = exactlyOneOf(
  AgendaItemFieldsSchema,
  ['dossierId', 'certificateId', 'appealId'],
  'Cada punto del orden del día trata un expediente, un certificado o una apelación (uno solo)',
);
export type AgendaItemInput = z.infer<typeof AgendaItemInputSchema>;

export const NewSessionSchema = z
  .object({
    heldOn: z.iso.date().describe('Fecha de la sesión'),
    place: HumanLine().min(1, 'Indique el lugar de la sesión').max(200).describe('Lugar de la sesión, como lo dirá el acta'),
    startsAt: LocalTime.optional().describe('Hora de inicio (HH:MM, hora de Bolivia)'),
    scheme: SlugSchema.default('es-cj-bolivia').describe('Esquema cuyas reglas (quórum, titulares y suplentes) rigen la sesión'),
    presentUserIds: z
      .array(z.uuid())
      .min(1)
      .optional()
      .describe('Miembros presentes; si se indican, debe haber quórum. La asistencia también se registra después'),
    agenda: z.array(AgendaItemInputSchema).max(100).default([]).describe('Orden del día: expedientes, certificados y apelaciones'),
  })
  .strict();
export type NewSession = z.infer<typeof NewSessionSchema>;

export const AttendanceInputSchema = z
  .object({ presentUserIds: z.array(z.uuid()).max(100).describe('Todos los miembros presentes ahora (los demás quedan ausentes)') })
  .strict();
export type AttendanceInput = z.infer<typeof AttendanceInputSchema>;

export const CloseSessionSchema = z
  .object({ endsAt: LocalTime.optional().describe('Hora de cierre (HH:MM, hora de Bolivia); por defecto, la hora actual') })
  .strict();
export type CloseSession = z.infer<typeof CloseSessionSchema>;

export const DeferralSchema = z
  .object({
    dossierId: z.uuid(),
    reason: HumanParagraphs().min(10, 'Explique por qué se difiere (al menos 10 caracteres)').max(2000),
    recusals: z
      .array(z.lazy(() => VoluntaryRecusalSchema))
      .default([])
      .describe('Excusas voluntarias, con su motivo'),
  })
  .strict();
export type Deferral = z.infer<typeof DeferralSchema>;

export const SessionListQuerySchema = PageQuerySchema;

export const VoteInputSchema = z
  .object({
    userId: z.uuid(),
    vote: z.enum(['for', 'against', 'abstain']).describe('a favor, en contra o abstención'),
    rationale: HumanParagraphs().max(4000).optional().describe('Obligatorio para un voto en contra: el acta lo recoge'),
  })
  .strict()
  .refine((v) => v.vote !== 'against' || (v.rationale ?? '').length >= 5, {
    message: 'Un voto en contra lleva su fundamento (al menos 5 caracteres)',
    path: ['rationale'],
  });
export type VoteInput = z.infer<typeof VoteInputSchema>;

export const VoluntaryRecusalSchema = z
  .object({ userId: z.uuid(), reason: HumanParagraphs().min(5, 'Indique el motivo de la excusa').max(2000) })
  .strict();
export type VoluntaryRecusal = z.infer<typeof VoluntaryRecusalSchema>;

export const NewDecisionSchema = z
  .object({
    dossierId: z.uuid(),
    proposedOutcome: z.enum(DECISION_OUTCOMES).describe('approved, approved_with_conditions, denied o deferred'),
    rationale: Rationale,
    sealLevel: SlugSchema.optional().describe('Nivel del sello (obligatorio al aprobar), de los niveles del esquema'),
    products: z.array(HumanLine().min(1).max(200)).min(1).optional().describe('Alcance; por defecto, todos los productos de la unidad'),
    sanctionCode: SlugSchema.optional().describe(
      'La sanción que aplica la decisión, del catálogo de la versión de criterios vigente: obligatoria al aprobar con condiciones si esa versión tiene catálogo (una condición con plazo o una llamada de atención); optativa al denegar (solo una sin otro efecto)',
    ),
    votes: z.array(VoteInputSchema).min(1).describe('El voto de cada miembro presente no excusado'),
    recusals: z.array(VoluntaryRecusalSchema).default([]).describe('Excusas voluntarias, con su motivo'),
  })
  .strict();
export type NewDecision = z.infer<typeof NewDecisionSchema>;

const VoteSchema = z.object({
  userId: z.string(),
  name: z.string(),
  vote: z.enum(['for', 'against', 'abstain']),
  rationale: z.string().nullable(),
});
const RecusalSchema = z.object({
  userId: z.string(),
  name: z.string(),
  kind: z.enum(['automatic', 'voluntary']),
  rule: z.string().nullable(),
  reason: z.string(),
});

export const DecisionSchema = z
  .object({
    id: z.string(),
    number: z.string().nullable().describe('Número de resolución, p. ej. 12/2026'),
    sessionId: z.string(),
    dossierId: z.string(),
    proposedOutcome: z.enum(DECISION_OUTCOMES),
    outcome: z.enum(DECISION_OUTCOMES),
    carried: z.boolean(),
    tally: z.object({ for: z.int(), against: z.int(), abstain: z.int() }),
    rationale: z.string(),
    sealLevel: z.string().nullable(),
    sanction: CitedSanctionSchema.nullable().describe('La sanción del catálogo que aplica la decisión; null si ninguna'),
    deferredForQuorum: z.boolean().describe('Diferido sin votación porque no quedaban miembros suficientes para votar'),
    snapshotHash: z.string().describe('sha256 del expediente tal como se decidió'),
    votes: z.array(VoteSchema),
    recusals: z.array(RecusalSchema),
    certificateId: z.string().nullable(),
    decidedAt: z.string(),
  })
  .meta({ id: 'Decision' });
export type DecisionView = z.infer<typeof DecisionSchema>;

const SeatSchema = z.enum(COMMISSION_SEATS).nullable().describe('titular o suplente; nulo si el esquema no define lugares');

export const MemberSchema = z.object({ userId: z.string(), name: z.string(), seat: SeatSchema }).meta({ id: 'CommissionMember' });

export const AgendaItemSchema = z.object({
  position: z.int(),
  kind: z.enum(AGENDA_KINDS),
  dossierId: z.string().nullable(),
  certificateId: z.string().nullable(),
  appealId: z.string().nullable(),
  note: z.string().nullable(),
  subject: z.string().describe('De qué trata, en palabras: productor y organización, o código del certificado'),
});

export const SessionSchema = z
  .object({
    id: z.string(),
    number: z.string().nullable().describe('Número de la sesión en el año, p. ej. 07/2026'),
    scheme: z.string(),
    criteriaVersion: z.string(),
    quorum: z.int(),
    seats: z.int().nullable().describe('Titulares de la comisión según el esquema'),
    heldOn: z.string(),
    place: z.string().nullable(),
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    status: z.enum(['open', 'closed']),
    attendance: z.array(z.object({ userId: z.string(), name: z.string(), present: z.boolean(), seat: SeatSchema })),
    agenda: z.array(AgendaItemSchema),
    decisions: z.array(DecisionSchema),
    appeals: z.array(z.lazy(() => AppealSchema)),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'CommissionSession' });
export type SessionView = z.infer<typeof SessionSchema>;

const AppealFieldsSchema = z
  .object({
    decisionId: z.uuid().optional().describe('La decisión que se apela'),
    suspensionEventSeq: z.int().positive().optional().describe('La suspensión que se apela (número de evento del certificado)'),
    revocationEventSeq: z
      .int()
      .positive()
      .optional()
      .describe('La revocación que se apela (número de evento del certificado), dentro del plazo que fijan los criterios'),
    reason: Rationale,
  })
  .strict();
export const NewAppealSchema = exactlyOneOf(
  AppealFieldsSchema,
  ['decisionId', 'suspensionEventSeq', 'revocationEventSeq'],
  'Indique la decisión, la suspensión o la revocación que apela (una sola)',
);
export type NewAppeal = z.infer<typeof NewAppealSchema>;

export const AppealDecisionSchema = z
  .object({
    proposedOutcome: z.enum(['upheld', 'rejected']).describe('upheld: se acoge la apelación; rejected: se rechaza'),
    rationale: Rationale,
    votes: z.array(VoteInputSchema).min(1),
    recusals: z.array(VoluntaryRecusalSchema).default([]),
    certificateEffect: z
      .enum(CERTIFICATE_EFFECTS)
      .optional()
      .describe(
        'Solo al acoger una apelación contra una resolución que emitió un certificado, y entonces obligatorio: withdraw, se retira (revoca) ahora; replace, se mantiene hasta la nueva decisión, que lo reemplaza o lo revoca',
      ),
  })
  .strict();
export type AppealDecisionInput = z.infer<typeof AppealDecisionSchema>;

export const AppealSchema = z
  .object({
    id: z.string(),
    dossierId: z.string(),
    decisionId: z.string().nullable(),
    suspensionEventSeq: z.int().nullable(),
    revocationEventSeq: z.int().nullable(),
    reason: z.string(),
    filedAt: z.string(),
    status: z.enum(['filed', 'upheld', 'rejected']),
    sessionId: z.string().nullable(),
    proposedOutcome: z.enum(['upheld', 'rejected']).nullable(),
    carried: z.boolean().nullable(),
    rationale: z.string().nullable(),
    certificateEffect: z
      .enum(CERTIFICATE_EFFECTS)
      .nullable()
      .describe('Qué decidió la apelación acogida sobre el certificado de la resolución apelada; null si no hubo que decidirlo'),
    decidedAt: z.string().nullable(),
    votes: z.array(VoteSchema),
    recusals: z.array(RecusalSchema),
  })
  .meta({ id: 'Appeal' });
export type AppealView = z.infer<typeof AppealSchema>;

export const SessionSummarySchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  heldOn: z.string(),
  place: z.string().nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  decided: z.int().describe('Decisiones tomadas'),
});
export const SessionPageSchema = page(SessionSummarySchema);

/** Who votes on one dossier in a session: the recusals with their reasons, who votes, and the suplentes who could be called. */
export const BallotSchema = z
  .object({
    dossierId: z.string(),
    quorum: z.int(),
    present: z.array(MemberSchema),
    recusals: z.array(RecusalSchema),
    voting: z.array(MemberSchema).describe('Quienes votan: titulares presentes no excusados y suplentes que ocupan lugares vacantes'),
    missing: z.int().describe('Cuántos votantes faltan para el quórum (0 si hay quórum)'),
    availableSuplentes: z.array(MemberSchema).describe('Suplentes habilitados que no están presentes y no tendrían que excusarse'),
  })
  .meta({ id: 'Ballot' });
export type Ballot = z.infer<typeof BallotSchema>;
