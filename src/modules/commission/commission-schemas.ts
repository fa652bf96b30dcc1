/** Request and response schemas of commission sessions, decisions and appeals. */
import { z } from 'zod';
import { SlugSchema } from '../../domain/criteria-schema.js';
import { DECISION_OUTCOMES } from '../../domain/commission.js';

const Rationale = z.string().trim().min(10, 'Explique el fundamento (al menos 10 caracteres)').max(8000);

export const NewSessionSchema = z
  .object({
    heldOn: z.iso.date().describe('Fecha de la sesión'),
    place: z.string().trim().min(1).max(200).optional(),
    scheme: SlugSchema.default('es-cj-bolivia').describe('Esquema cuyas reglas (quórum) rigen la sesión'),
    presentUserIds: z.array(z.uuid()).min(1).describe('Miembros de la comisión presentes'),
  })
  .strict();
export type NewSession = z.infer<typeof NewSessionSchema>;

export const VoteInputSchema = z
  .object({
    userId: z.uuid(),
    vote: z.enum(['for', 'against', 'abstain']).describe('a favor, en contra o abstención'),
    rationale: z.string().trim().max(4000).optional(),
  })
  .strict();
export type VoteInput = z.infer<typeof VoteInputSchema>;

export const VoluntaryRecusalSchema = z
  .object({ userId: z.uuid(), reason: z.string().trim().min(5, 'Indique el motivo de la excusa').max(2000) })
  .strict();
export type VoluntaryRecusal = z.infer<typeof VoluntaryRecusalSchema>;

export const NewDecisionSchema = z
  .object({
    dossierId: z.uuid(),
    proposedOutcome: z.enum(DECISION_OUTCOMES).describe('approved, approved_with_conditions, denied o deferred'),
    rationale: Rationale,
    sealLevel: SlugSchema.optional().describe('Nivel del sello (obligatorio al aprobar), de los niveles del esquema'),
    products: z
      .array(z.string().trim().min(1).max(200))
      .min(1)
      .optional()
      .describe('Alcance; por defecto, todos los productos de la unidad'),
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
    sessionId: z.string(),
    dossierId: z.string(),
    proposedOutcome: z.enum(DECISION_OUTCOMES),
    outcome: z.enum(DECISION_OUTCOMES),
    carried: z.boolean(),
    tally: z.object({ for: z.int(), against: z.int(), abstain: z.int() }),
    rationale: z.string(),
    sealLevel: z.string().nullable(),
    snapshotHash: z.string().describe('sha256 del expediente tal como se decidió'),
    votes: z.array(VoteSchema),
    recusals: z.array(RecusalSchema),
    certificateId: z.string().nullable(),
    decidedAt: z.string(),
  })
  .meta({ id: 'Decision' });
export type DecisionView = z.infer<typeof DecisionSchema>;

export const SessionSchema = z
  .object({
    id: z.string(),
    scheme: z.string(),
    criteriaVersion: z.string(),
    quorum: z.int(),
    heldOn: z.string(),
    place: z.string().nullable(),
    status: z.enum(['open', 'closed']),
    attendance: z.array(z.object({ userId: z.string(), name: z.string(), present: z.boolean() })),
    decisions: z.array(DecisionSchema),
    appeals: z.array(z.lazy(() => AppealSchema)),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'CommissionSession' });
export type SessionView = z.infer<typeof SessionSchema>;

export const NewAppealSchema = z
  .object({
    decisionId: z.uuid().optional().describe('La decisión que se apela'),
    suspensionEventSeq: z.int().positive().optional().describe('La suspensión que se apela (número de evento del certificado)'),
    reason: Rationale,
  })
  .strict()
  .refine((a) => (a.decisionId === undefined) !== (a.suspensionEventSeq === undefined), {
    message: 'Indique la decisión o la suspensión que apela (una de las dos)',
    path: ['decisionId'],
  });
export type NewAppeal = z.infer<typeof NewAppealSchema>;

export const AppealDecisionSchema = z
  .object({
    proposedOutcome: z.enum(['upheld', 'rejected']).describe('upheld: se acoge la apelación; rejected: se rechaza'),
    rationale: Rationale,
    votes: z.array(VoteInputSchema).min(1),
    recusals: z.array(VoluntaryRecusalSchema).default([]),
  })
  .strict();
export type AppealDecisionInput = z.infer<typeof AppealDecisionSchema>;

export const AppealSchema = z
  .object({
    id: z.string(),
    dossierId: z.string(),
    decisionId: z.string().nullable(),
    suspensionEventSeq: z.int().nullable(),
    reason: z.string(),
    filedAt: z.string(),
    status: z.enum(['filed', 'upheld', 'rejected']),
    sessionId: z.string().nullable(),
    proposedOutcome: z.enum(['upheld', 'rejected']).nullable(),
    carried: z.boolean().nullable(),
    rationale: z.string().nullable(),
    decidedAt: z.string().nullable(),
    votes: z.array(VoteSchema),
    recusals: z.array(RecusalSchema),
  })
  .meta({ id: 'Appeal' });
export type AppealView = z.infer<typeof AppealSchema>;
