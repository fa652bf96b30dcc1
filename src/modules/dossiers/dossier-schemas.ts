/** Request and response schemas for dossiers (expedientes) and peer visits. */
import { z } from 'zod';
import { QueryInt } from '../../query-number.js';
import { HumanLine, HumanParagraphs } from '../../human-text.js';
import { SlugSchema } from '../../domain/criteria-schema.js';
import { ANSWER_VALUES } from '../../domain/non-conformities.js';
import { DOSSIER_EVENTS, DOSSIER_STATES, RECOMMENDATION_OUTCOMES, type DossierEvent } from '../../domain/dossier-state.js';
import { DOSSIER_SCOPES } from '../../domain/group-scope.js';
import { FOLLOW_UP_MEANS, VISIT_PURPOSES } from '../../domain/follow-up.js';
import { MEMBER_KINDS, VISIT_STATUSES } from '../../domain/visit-team.js';
import { PageQuerySchema, SearchText } from '../registry/registry-schemas.js';
import { CorrectiveActionSchema } from './corrective-action-schemas.js';

export const IdParamsSchema = z.object({ id: z.uuid() });

export const NewDossierSchema = z
  .object({
    scope: z
      .enum(DOSSIER_SCOPES)
      .default('unit')
      .describe(
        'unit: una unidad productiva que se certifica sola; organization: el expediente propio de la organización (certificación en grupo); member: una unidad socia en la certificación en grupo de su organización',
      ),
    producerId: z.uuid().optional().describe('La unidad productiva (scope unit o member)'),
    organizationId: z.uuid().optional().describe('La organización (solo scope organization)'),
    scheme: SlugSchema.default('es-cj-bolivia').describe('Esquema de criterios; se fija su última versión publicada'),
    cycle: z.int().min(2000).max(2100).optional().describe('Año del ciclo; por defecto, el año en curso'),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.scope === 'organization') {
      if (!d.organizationId) ctx.addIssue({ code: 'custom', path: ['organizationId'], message: 'Indique la organización' });
      if (d.producerId)
        ctx.addIssue({ code: 'custom', path: ['producerId'], message: 'El expediente de la organización no es de una unidad productiva' });
    } else {
      if (!d.producerId) ctx.addIssue({ code: 'custom', path: ['producerId'], message: 'Indique la unidad productiva' });
      if (d.organizationId)
        ctx.addIssue({ code: 'custom', path: ['organizationId'], message: 'La organización es la de la unidad productiva: no se indica' });
    }
  });
export type NewDossier = z.infer<typeof NewDossierSchema>;

export const TeamMemberInputSchema = z
  .object({
    personId: z.uuid(),
    kind: z.enum(['producer', 'consumer', 'technician']).describe('Productor de otra unidad, consumidor o técnico'),
  })
  .strict();

export const PlanVisitSchema = z
  .object({
    plannedOn: z.iso.date(),
    team: z.array(TeamMemberInputSchema).min(1),
    purpose: z
      .enum(VISIT_PURPOSES)
      .default('regular')
      .describe(
        'regular: la visita de pares del ciclo; follow_up: visita de seguimiento de no conformidades abiertas, con un equipo independiente del comité y de la primera visita; surveillance: visita de vigilancia que ordena la comisión a una unidad certificada (por ejemplo tras una denuncia)',
      ),
    unannounced: z
      .boolean()
      .default(false)
      .describe(
        'Visita sin aviso: la planifica la comisión y ni la unidad visitada ni su organización ni su comité la ven hasta que se registra',
      ),
  })
  .strict();
/** `purpose` may be left out: a regular visit. */
export type PlanVisit = z.input<typeof PlanVisitSchema>;

export const CancelVisitSchema = z
  .object({
    reason: HumanParagraphs()
      .min(5, 'Explique por qué se cancela la visita (al menos 5 caracteres)')
      .max(2000)
      .describe('Por qué no se hará la visita planificada; queda en el historial'),
  })
  .strict();
export type CancelVisit = z.infer<typeof CancelVisitSchema>;

export const AnswerInputSchema = z
  .object({
    criterionCode: z.string().min(1).max(20),
    value: z.enum(ANSWER_VALUES).describe('cumple, parcial, no_cumple o no_aplica'),
    notes: HumanParagraphs().max(4000).optional(),
  })
  .strict();
export type AnswerInput = z.infer<typeof AnswerInputSchema>;

export const SubmitVisitSchema = z
  .object({
    idempotencyKey: z.string().min(8).max(100).describe('Clave generada por el cliente; reenviar la misma entrega no crea nada nuevo'),
    answers: z.array(AnswerInputSchema).min(1),
    present: z.array(HumanLine().min(1).max(200)).min(1).describe('Personas presentes en la visita'),
    observations: HumanParagraphs().max(8000).optional(),
    visitedOn: z.iso
      .date()
      .optional()
      .describe(
        'Día en que se hizo la visita (AAAA-MM-DD, hora de Bolivia), si se registra después: no posterior a hoy ni de hace más de un año. Por defecto, el día del envío (en una corrección, el de la visita corregida)',
      ),
  })
  .strict();
export type SubmitVisit = z.infer<typeof SubmitVisitSchema>;

export const CorrectVisitSchema = SubmitVisitSchema.extend({
  reason: HumanParagraphs().min(10, 'Explique qué se corrige y por qué (al menos 10 caracteres)').max(4000),
}).strict();
export type CorrectVisit = z.infer<typeof CorrectVisitSchema>;

export const SelfAssessmentSchema = z.object({ answers: z.array(AnswerInputSchema).min(1) }).strict();

export const RecommendationSchema = z
  .object({
    outcome: z.enum(RECOMMENDATION_OUTCOMES),
    rationale: HumanParagraphs().min(10, 'Explique la recomendación (al menos 10 caracteres)').max(8000),
  })
  .strict();
export type Recommendation = z.infer<typeof RecommendationSchema>;

/**
 * The steps asked for on their own: the others (recording the visit, the committee's review, the
 * decision, reopening on an upheld appeal) happen as part of those records, never through this route.
 */
const DIRECT_DOSSIER_EVENTS = ['send_to_commission', 'return_to_committee'] as const satisfies readonly DossierEvent[];

export const EventSchema = z
  .object({
    event: z
      .enum(DIRECT_DOSSIER_EVENTS)
      .describe(
        'send_to_commission (el comité envía el expediente) o return_to_committee (la comisión lo devuelve). Los demás pasos ocurren al registrar la visita, la revisión del comité, la decisión o una apelación acogida',
      ),
  })
  .strict();

const AnswerSchema = z.object({ criterionCode: z.string(), value: z.enum(ANSWER_VALUES), notes: z.string().nullable() });

export const VisitSchema = z.object({
  id: z.string(),
  dossierId: z.string(),
  plannedOn: z.string(),
  status: z.enum(VISIT_STATUSES),
  /** regular, or follow_up: a follow-up visit answers only the criteria of the non-conformities it verifies. */
  purpose: z.enum(VISIT_PURPOSES),
  /** Planned by the commission without notice: hidden from the visited organisation until recorded. */
  unannounced: z.boolean(),
  criteriaVersion: z.string(),
  criteriaHash: z.string(),
  team: z.array(z.object({ personId: z.string(), fullName: z.string(), kind: z.string() })),
  trainingWarnings: z
    .array(z.object({ personId: z.string(), fullName: z.string(), topics: z.array(z.string()) }))
    .describe(
      'Quienes del equipo no tenían, al planificarla, una capacitación que piden los criterios (donde el esquema la permite con advertencia), con los temas que faltaban',
    ),
  present: z.array(z.string()).nullable(),
  observations: z.string().nullable(),
  /** The day the visit took place (YYYY-MM-DD, Bolivia); null until it is submitted. */
  visitedOn: z.string().nullable(),
  submittedAt: z.string().nullable(),
  /** The visit record this one corrects, if it is a correction. */
  correctsVisitId: z.string().nullable(),
  /** The record that corrected this one, if any: then this one no longer counts. */
  correctedByVisitId: z.string().nullable(),
  correctionReason: z.string().nullable(),
  answers: z.array(AnswerSchema),
});

export const NonConformitySchema = z.object({
  id: z.string(),
  visitId: z.string(),
  criterionCode: z.string(),
  level: z.string(),
  answer: z.string(),
  effect: z.string(),
  phasedIn: z.boolean(),
  evidence: z.string(),
  correctiveActionMaxDays: z.int().nullable(),
  correctiveActions: z.array(CorrectiveActionSchema.omit({ nonConformityId: true, createdAt: true })),
  /** When its level needs follow-up: by which means, and whether it was verified (only then it counts as closed). */
  followUp: z.object({ required: z.literal(true), means: z.array(z.enum(FOLLOW_UP_MEANS)), verified: z.boolean() }).nullable(),
});

export const DossierSchema = z
  .object({
    id: z.string(),
    scope: z.enum(DOSSIER_SCOPES),
    producer: z
      .object({
        id: z.string(),
        name: z.string(),
        organizationId: z.string(),
        sectors: z.array(z.string()),
        household: z.string(),
        pledgeSignedOn: z.string().nullable(),
      })
      .nullable()
      .describe('La unidad productiva; null en el expediente propio de la organización'),
    organization: z.object({ id: z.string(), name: z.string() }),
    holderName: z.string().describe('A quién se evalúa, para mostrarlo: la unidad productiva o, en su expediente propio, la organización'),
    /** The sectors the criteria were chosen by: the unit's, or all its units' for the organisation's own file. */
    sectors: z.array(z.string()),
    cycle: z.int(),
    scheme: z.string(),
    criteriaVersion: z.string(),
    criteriaHash: z.string(),
    state: z.enum(DOSSIER_STATES),
    nextEvents: z.array(z.string()),
    applicableCriteria: z.array(z.object({ code: z.string(), level: z.string(), text: z.string() })),
    selfAssessment: z.array(AnswerSchema).nullable(),
    visits: z.array(VisitSchema),
    /** Criteria where the producer's self-assessment and the peers' answer differ. */
    disagreements: z.array(z.object({ criterionCode: z.string(), selfAssessment: z.string(), peers: z.string() })),
    /** Non-conformities of the effective visits (a corrected visit gives way to its correction). */
    nonConformities: z.array(NonConformitySchema),
    evidence: z.array(
      z.object({
        id: z.string(),
        visitId: z.string().nullable(),
        criterionCode: z.string().nullable(),
        sha256: z.string(),
        mediaType: z.string(),
        size: z.int(),
      }),
    ),
    recommendation: z.object({ outcome: z.string(), rationale: z.string(), byUserId: z.string(), at: z.string() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Dossier' });
export type Dossier = z.infer<typeof DossierSchema>;

// Lists: what home pages and programs need to show where each dossier and visit stands.

const DossierEventSchema = z.enum(Object.keys(DOSSIER_EVENTS) as [keyof typeof DOSSIER_EVENTS]);

export const DossierListQuerySchema = PageQuerySchema.extend({
  organizationId: z.uuid().optional().describe('Solo los expedientes de esta organización'),
  state: z.enum(DOSSIER_STATES).optional().describe('Solo los expedientes en este estado'),
  cycle: QueryInt({ min: 2000, max: 2100 }).optional().describe('Solo los expedientes de este ciclo (año)'),
  q: SearchText('Busca en el nombre de la unidad productiva o de su organización, sin distinguir mayúsculas ni tildes'),
}).strict();
export type DossierListQuery = z.infer<typeof DossierListQuerySchema>;

export const DossierSummarySchema = z
  .object({
    id: z.string(),
    scope: z.enum(DOSSIER_SCOPES),
    producer: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .describe('Unidad productiva del expediente; null en el expediente propio de la organización'),
    organizationId: z.string(),
    organizationName: z.string(),
    cycle: z.int().describe('Año del ciclo'),
    scheme: z.string(),
    criteriaVersion: z.string(),
    state: z.enum(DOSSIER_STATES),
    stateLabel: z.string().describe('El estado en castellano, p. ej. «visita realizada»'),
    nextEvents: z.array(DossierEventSchema).describe('Pasos que el estado actual permite (quién puede darlos lo deciden los permisos)'),
    updatedAt: z.string(),
  })
  .meta({ id: 'DossierSummary' });
export type DossierSummary = z.infer<typeof DossierSummarySchema>;

export const VisitListQuerySchema = PageQuerySchema.extend({
  assignedTo: z.literal('me').optional().describe('me: solo las visitas en cuyo equipo está la persona vinculada a su cuenta'),
  status: z.enum(VISIT_STATUSES).optional().describe('planned (planificada), submitted (registrada) o cancelled (cancelada)'),
  dossierId: z.uuid().optional().describe('Solo las visitas de este expediente'),
}).strict();
export type VisitListQuery = z.infer<typeof VisitListQuerySchema>;

export const VisitSummarySchema = z
  .object({
    id: z.string(),
    dossierId: z.string(),
    producer: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .describe('Unidad productiva visitada; null en la visita a la organización (certificación en grupo)'),
    organizationId: z.string(),
    organizationName: z.string(),
    cycle: z.int(),
    plannedOn: z.string(),
    status: z.enum(VISIT_STATUSES),
    unannounced: z.boolean().describe('Visita sin aviso: la organización visitada no la ve hasta que se registra'),
    submittedAt: z.string().nullable(),
    correctsVisitId: z.string().nullable().describe('El registro que este corrige, si es una corrección'),
    correctedByVisitId: z.string().nullable().describe('El registro que corrigió a este, si lo hay: entonces este ya no cuenta'),
    team: z.array(z.object({ personId: z.string(), fullName: z.string(), kind: z.enum(MEMBER_KINDS) })),
  })
  .meta({ id: 'VisitSummary' });
export type VisitSummary = z.infer<typeof VisitSummarySchema>;
