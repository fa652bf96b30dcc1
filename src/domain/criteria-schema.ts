/**
 * The shape of a criteria file (`criteria/<scheme>/<version>.yaml`): one
 * version of a scheme, complete with the scheme's metadata and decision
 * policy, so that the content hash covers everything a decision relied on.
 */
import { z } from 'zod';
import { FOLLOW_UP_MEANS } from './follow-up.js';
import { CRITERION_SCOPES } from './group-scope.js';

/** Lowercase identifier used as a stable code in data and URLs. */
export const SlugSchema = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'Debe ser un identificador en minúsculas (a-z, 0-9, "-", "_")');

export const VersionIdSchema = z.string().regex(/^\d{4}\.\d+$/, 'La versión debe tener la forma AAAA.N (por ejemplo 2026.1)');

export const CriterionCodeSchema = z.string().regex(/^[A-Z]{1,4}\d{1,2}\.\d{2}$/, 'El código debe tener la forma P1.01');

export const PrincipleCodeSchema = z.string().regex(/^[A-Z]{1,4}\d{1,2}$/, 'El código de principio debe tener la forma P1');

/** Text in several languages; Spanish is mandatory, the others optional. */
export const LocalizedTextSchema = z
  .object({
    es: z.string().trim().min(1, 'Falta el texto en castellano'),
    en: z.string().trim().min(1).optional(),
    qu: z.string().trim().min(1).optional(),
    ay: z.string().trim().min(1).optional(),
  })
  .strict();

/** ISO calendar date written as YYYY-MM-DD (YAML dates are read as strings). */
export const IsoDateSchema = z.iso.date({ error: 'Fecha inválida: use AAAA-MM-DD' });

export const CRITERIA_STATUSES = ['draft', 'published'] as const;

export const CRITERION_LEVELS = ['critical', 'major', 'minor', 'progressive'] as const;
export const CriterionLevelSchema = z.enum(CRITERION_LEVELS);
export type CriterionLevel = z.infer<typeof CriterionLevelSchema>;

/** A criterion's level in plain words, for the people who answer it at the farm. */
export const CRITERION_LEVEL_PLAIN: Record<CriterionLevel, string> = {
  critical: 'Obligatorio: sin esto no se puede dar el sello',
  major: 'Importante: si falta, se pide corregir',
  minor: 'Menor: conviene mejorarlo',
  progressive: 'De mejora: se avanza con los años',
};

/** What a non-compliance of a given level means for the commission's decision. */
export const NonComplianceEffectSchema = z.enum(['blocks_approval', 'requires_conditions', 'improvement_goal', 'none']);

const LevelPolicySchema = z
  .object({
    noCumple: NonComplianceEffectSchema,
    parcial: NonComplianceEffectSchema,
    /** Longest deadline the committee may give to a corrective action. */
    correctiveActionMaxDays: z.int().positive().max(730).optional(),
    /**
     * When present, a non-conformity of this level is closed only by a follow-up verification, by one of
     * these means (follow-up.ts), never by the producer's own committee alone.
     */
    followUp: z
      .array(z.enum(FOLLOW_UP_MEANS))
      .min(1, 'Indique al menos una forma de verificación de seguimiento')
      .refine((means) => new Set(means).size === means.length, 'Forma de verificación repetida')
      .optional(),
    description: LocalizedTextSchema,
  })
  .strict();

export const DecisionPolicySchema = z
  .object({
    critical: LevelPolicySchema,
    major: LevelPolicySchema,
    minor: LevelPolicySchema,
    progressive: LevelPolicySchema,
  })
  .strict();

export const SectorSchema = z.object({ code: SlugSchema, name: LocalizedTextSchema }).strict();

/** Whether a certificate of a seal level may carry pending conditions (corrective actions the commission set). */
export const PENDING_CONDITIONS_RULES = ['none', 'allowed'] as const;

/** What the results must be for a seal level: checked when the commission decides, never chosen freely. */
export const SealLevelRequirementSchema = z
  .object({
    /** none: only without pending conditions («aprobado»); allowed: also with conditions («aprobado con condiciones»). */
    pendingConditions: z.enum(PENDING_CONDITIONS_RULES),
  })
  .strict();
export type SealLevelRequirement = z.infer<typeof SealLevelRequirementSchema>;

export const SealLevelSchema = z
  .object({
    code: SlugSchema,
    name: LocalizedTextSchema,
    description: LocalizedTextSchema,
    /** Optional for versions written before levels carried their rule; seal-levels.ts holds the fallback. */
    requires: SealLevelRequirementSchema.optional(),
  })
  .strict();
export type SealLevel = z.infer<typeof SealLevelSchema>;

/** Deadlines to appeal, in calendar days in Bolivia counted from the day after the appealed act. */
export const AppealRulesSchema = z
  .object({
    deadlineDays: z
      .object({
        /** Days to appeal a revocation of a certificate. */
        revocation: z.int().min(1).max(365),
      })
      .strict(),
  })
  .strict();

export const VisitTeamRulesSchema = z
  .object({
    minSize: z.int().min(1),
    maxSize: z.int().min(1),
    /** Producers of other units the team must include. */
    minProducersFromOtherUnits: z.int().min(0),
    /** Whether a consumer or technician must be on the team. */
    requiresConsumerOrTechnician: z.boolean(),
    /** How many cycles in a row one reviewer may visit the same producer. */
    maxConsecutiveCyclesSameReviewer: z.int().min(1),
  })
  .strict()
  .refine((r) => r.maxSize >= r.minSize, {
    message: 'maxSize no puede ser menor que minSize',
    path: ['maxSize'],
  });

export const ConflictOfInterestSchema = z
  .object({
    /** A visited producer may not visit its reviewer within this many cycles. */
    reciprocalVisitWindowCycles: z.int().min(0),
    /** Years after a tie (worked for, traded with, belonged to) to a unit or its organisation ends during which it still disqualifies a reviewer of that unit (former-ties.ts). */
    formerTiesWindowYears: z.int().min(0),
  })
  .strict();

export const CommissionRulesSchema = z
  .object({
    /** Members who must be able to vote (present, seated and not recused) for a valid decision. */
    quorum: z.int().min(1),
    /** Seats of the commission: titular members. Without it, every enabled member sits and votes. */
    titulares: z.int().min(1).optional(),
    /** Substitute members (suplentes) who take the seat of an absent or recused titular. */
    suplentes: z.int().min(0).optional(),
    /** Longest suspension before the commission must reinstate or revoke. */
    maxSuspensionMonths: z.int().min(1),
  })
  .strict()
  .refine((c) => c.titulares === undefined || c.quorum <= c.titulares, {
    message: 'El quórum no puede ser mayor que el número de titulares',
    path: ['quorum'],
  })
  .refine((c) => c.suplentes === undefined || c.titulares !== undefined, {
    message: 'Los suplentes reemplazan a titulares: indique también cuántos titulares hay',
    path: ['suplentes'],
  });

/** What applying a sanction does (sanctions.ts): only recorded, conditions with a deadline, or an act on the certificate. */
export const SANCTION_EFFECTS = ['none', 'conditions', 'suspension', 'member_exclusion', 'revocation'] as const;
export type SanctionEffect = (typeof SANCTION_EFFECTS)[number];

/** One entry of the scheme's catalogue of sanctions: the defined consequences of a non-compliance. */
export const SanctionSchema = z
  .object({
    code: SlugSchema,
    name: LocalizedTextSchema,
    description: LocalizedTextSchema,
    effect: z.enum(SANCTION_EFFECTS),
  })
  .strict();
export type Sanction = z.infer<typeof SanctionSchema>;

/** What planning a visit does when a reviewer lacks a required training: refuse it, or allow it and record a warning. */
export const TRAINING_WHEN_MISSING = ['refuse', 'warn'] as const;

export const TrainingTopicSchema = z
  .object({
    topic: SlugSchema,
    name: LocalizedTextSchema,
    description: LocalizedTextSchema.optional(),
    /** Years a training counts from its date; without it, it never lapses. */
    validForYears: z.int().min(1).max(20).optional(),
  })
  .strict();
export type TrainingTopic = z.infer<typeof TrainingTopicSchema>;

/** The training a peer reviewer needs before visiting (training.ts). */
export const TrainingRulesSchema = z
  .object({
    reviewer: z.array(TrainingTopicSchema).min(1, 'Indique al menos una capacitación'),
    whenMissing: z.enum(TRAINING_WHEN_MISSING),
  })
  .strict();
export type TrainingRules = z.infer<typeof TrainingRulesSchema>;

/** A document the criteria come from (declarations, laws, the network's own texts), and where it is kept if it is. */
export const SourceDocumentSchema = z
  .object({ code: SlugSchema, title: z.string().trim().min(1), file: z.string().trim().min(1).optional() })
  .strict();

/** The passage of a source document a criterion comes from. */
export const CriterionSourceSchema = z
  .object({
    document: SlugSchema,
    passage: z.string().trim().min(1, 'Cite el pasaje del documento'),
  })
  .strict();

/** A figure of a criterion that is a local proposal, not in the sources, awaiting the assembly's decision. */
export const LocalProposalSchema = z
  .object({
    figure: z.string().trim().min(1),
    note: LocalizedTextSchema,
  })
  .strict();

/** Why this version changes something of the version it replaces: a criterion (by code) or a setting (by key). */
export const ChangeNoteSchema = z
  .object({
    about: z.string().trim().min(1),
    reason: LocalizedTextSchema,
  })
  .strict();

export const CriterionSchema = z
  .object({
    code: CriterionCodeSchema,
    text: LocalizedTextSchema,
    level: CriterionLevelSchema,
    sectors: z.array(SlugSchema).min(1, 'Indique al menos un sector'),
    verification: LocalizedTextSchema,
    evidence: z.array(LocalizedTextSchema).min(1, 'Indique al menos una evidencia'),
    /** Year from which the criterion is required (phase-in). */
    requiredFrom: z.int().min(2000).max(2100).optional(),
    /**
     * Whom the criterion is about (group-scope.ts): the organisation, answered once per cycle in its own visit,
     * or each family unit, answered in each member's visit. Versions written before groups leave it out.
     */
    scope: z.enum(CRITERION_SCOPES).optional(),
    /** The passages of the source documents (`documents` of the file) the criterion comes from. */
    sources: z.array(CriterionSourceSchema).min(1, 'Indique al menos una fuente').optional(),
    /** Figures of the criterion that are local proposals awaiting the assembly's decision. */
    localProposals: z.array(LocalProposalSchema).min(1).optional(),
  })
  .strict();
export type Criterion = z.infer<typeof CriterionSchema>;

export const PrincipleSchema = z
  .object({
    code: PrincipleCodeSchema,
    title: LocalizedTextSchema,
    description: LocalizedTextSchema,
    criteria: z.array(CriterionSchema).min(1, 'Un principio necesita al menos un criterio'),
  })
  .strict();
export type Principle = z.infer<typeof PrincipleSchema>;

export const RetiredCriterionSchema = z.object({ code: CriterionCodeSchema, reason: LocalizedTextSchema }).strict();

export const CriteriaFileSchema = z
  .object({
    scheme: SlugSchema,
    version: VersionIdSchema,
    status: z.enum(CRITERIA_STATUSES),
    /** Date the version was published; required once published. */
    publishedOn: IsoDateSchema.optional(),
    /** The act (acta, resolution) that approved this version. */
    approvedBy: z.string().trim().min(1).optional(),
    /** The version this one replaces; its criteria must be kept or retired. */
    previousVersion: VersionIdSchema.optional(),
    name: LocalizedTextSchema,
    issuingBody: z.string().trim().min(1),
    sectors: z.array(SectorSchema).min(1),
    sealLevels: z.array(SealLevelSchema).min(1),
    certificateValidityMonths: z.int().min(1).max(60),
    decisionPolicy: DecisionPolicySchema,
    visitTeam: VisitTeamRulesSchema,
    conflictOfInterest: ConflictOfInterestSchema,
    commission: CommissionRulesSchema,
    /** Appeal deadlines; versions without it use the default in appeal-deadline.ts. */
    appeals: AppealRulesSchema.optional(),
    /** The catalogue of sanctions the commission's decisions cite; versions without it cite none. */
    sanctions: z.array(SanctionSchema).min(1).optional(),
    /** The training peer reviewers need; versions without it require none. */
    training: TrainingRulesSchema.optional(),
    /** The source documents criteria cite; once present, every criterion cites at least one. */
    documents: z.array(SourceDocumentSchema).min(1).optional(),
    /** Why this version changes what it changes from `previousVersion`. */
    changes: z.array(ChangeNoteSchema).optional(),
    principles: z.array(PrincipleSchema).min(1),
    // No defaults anywhere: the parsed file equals the file, so its hash can be recomputed from the API.
    retired: z.array(RetiredCriterionSchema).optional(),
  })
  .strict();
export type CriteriaFile = z.infer<typeof CriteriaFileSchema>;
