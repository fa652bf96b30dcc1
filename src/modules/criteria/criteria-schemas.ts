/** Request and response schemas of the criteria API (validation, types and OpenAPI). */
import { z } from 'zod';
import {
  CRITERION_LEVELS,
  CriteriaFileSchema,
  CriterionSchema,
  DecisionPolicySchema,
  LocalizedTextSchema,
  SectorSchema,
  SlugSchema,
  VersionIdSchema,
} from '../../domain/criteria-schema.js';

export const SchemeParamsSchema = z.object({ scheme: SlugSchema.describe('Código del esquema, p. ej. es-cj-bolivia') });

export const VersionParamsSchema = SchemeParamsSchema.extend({
  version: VersionIdSchema.describe('Versión, p. ej. 2026.1'),
});

export const VersionQuerySchema = z
  .object({
    sector: SlugSchema.optional().describe('Devuelve solo los criterios aplicables a este sector, p. ej. artesania'),
  })
  .strict();

export const DiffQuerySchema = z
  .object({
    from: VersionIdSchema.describe('Versión de partida'),
    to: VersionIdSchema.describe('Versión de llegada'),
  })
  .strict();

export const VersionSummarySchema = z.object({
  version: z.string(),
  status: z.enum(['draft', 'published']),
  publishedOn: z.string().nullable(),
  approvedBy: z.string().nullable(),
  previousVersion: z.string().nullable(),
  contentHash: z.string().describe('sha256 del contenido canónico (RFC 8785) del archivo'),
  principles: z.int(),
  criteria: z.int(),
});

export const SchemeSummarySchema = z
  .object({
    scheme: z.string(),
    name: LocalizedTextSchema,
    issuingBody: z.string(),
    currentVersion: z.string().nullable().describe('Última versión publicada'),
    versions: z.array(VersionSummarySchema),
  })
  .meta({ id: 'SchemeSummary' });

export const SchemeListSchema = z.object({ schemes: z.array(SchemeSummarySchema) });

export const CriteriaVersionSchema = CriteriaFileSchema.extend({
  contentHash: z.string(),
  sourceFile: z.string(),
}).meta({ id: 'CriteriaVersion' });

const LocatedCriterionSchema = CriterionSchema.extend({ principle: z.string() });

const ReasonsSchema = z
  .array(z.object({ version: z.string(), reason: LocalizedTextSchema }))
  .describe('Por qué cambió, según cada versión que lo cambia («changes» del archivo), de la más antigua a la más nueva');

export const CriteriaDiffSchema = z
  .object({
    scheme: z.string(),
    from: z.string(),
    to: z.string(),
    added: z.array(LocatedCriterionSchema.extend({ reasons: ReasonsSchema })),
    changed: z.array(
      z.object({
        code: z.string(),
        fields: z.array(z.string()),
        from: LocatedCriterionSchema,
        to: LocatedCriterionSchema,
        reasons: ReasonsSchema,
      }),
    ),
    retired: z.array(LocatedCriterionSchema.extend({ reason: LocalizedTextSchema.optional(), reasons: ReasonsSchema })),
    unchanged: z.int(),
    settingsChanged: z.array(z.string()),
    settingReasons: z.array(z.object({ setting: z.string(), reasons: ReasonsSchema })).describe('Por qué cambió cada regla del esquema'),
    localProposals: z
      .array(z.object({ code: z.string(), figure: z.string(), note: LocalizedTextSchema }))
      .describe('Cifras y reglas de la versión de llegada que no están en los documentos de base: las decide la asamblea'),
    sectorsAdded: z.array(SectorSchema).describe('Sectores que la versión nueva agrega'),
    sectorsRemoved: z.array(SectorSchema).describe('Sectores que la versión nueva ya no tiene'),
    policyChanged: z
      .array(
        z.object({
          level: z.enum(CRITERION_LEVELS),
          fields: z.array(z.string()),
          from: DecisionPolicySchema.shape.critical,
          to: DecisionPolicySchema.shape.critical,
        }),
      )
      .describe('Niveles de criterio cuya regla de decisión cambió (efectos, plazo, verificación de seguimiento)'),
  })
  .meta({ id: 'CriteriaDiff' });

export const DraftBodySchema = z
  .record(z.string(), z.unknown())
  .describe('Una versión de criterios completa, con la misma estructura que los archivos YAML');

export const DraftCheckSchema = z.object({
  valid: z.literal(true),
  scheme: z.string(),
  version: z.string(),
  contentHash: z.string().describe('Huella que tendrá la versión al publicarse'),
  principles: z.int(),
  criteria: z.int(),
});
