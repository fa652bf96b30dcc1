/** Request and response schemas of certificates and their status acts. */
import { z } from 'zod';
import { QueryInt } from '../../query-number.js';
import { CERTIFICATE_EVENT_KINDS } from '../../domain/certificate-state.js';
import { CERTIFICATE_SCOPES, MEMBER_STATUSES } from '../../domain/group-scope.js';
import { HumanParagraphs } from '../../human-text.js';
import { SANCTION_EFFECTS, SlugSchema } from '../../domain/criteria-schema.js';

/** A sanction cited by an act, with its name in the catalogue of the version that held it. */
export const CitedSanctionSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    effect: z.enum(SANCTION_EFFECTS).nullable().describe('none, conditions, suspension, member_exclusion o revocation'),
    criteriaVersion: z.string().describe('La versión de los criterios cuyo catálogo tiene la sanción (la vigente al aplicarla)'),
  })
  .meta({ id: 'CitedSanction' });

const SanctionCodeInput = SlugSchema.optional().describe(
  'La sanción que se aplica, del catálogo de la versión de criterios vigente (obligatoria si esa versión tiene catálogo)',
);

export const CertificateStatusSchema = z
  .enum(['active', 'suspended', 'revoked', 'expired'])
  .describe('vigente, suspendido, revocado o vencido');

export const CertificateConditionSchema = z.object({
  id: z.string(),
  correctiveActionId: z.string(),
  description: z.string(),
  deadline: z.string(),
  closedAt: z.string().nullable(),
  overdue: z.boolean(),
});

export const CertificateEventSchema = z.object({
  seq: z.int(),
  event: z.enum(CERTIFICATE_EVENT_KINDS),
  producerId: z.string().nullable().describe('El socio del que trata el evento (alta o exclusión en un certificado de grupo)'),
  at: z.string(),
  actorLabel: z.string(),
  reason: z.string().nullable(),
  sessionId: z.string().nullable(),
  automatic: z.boolean(),
  logIndex: z.int().describe('Índice de la entrada en el registro de transparencia'),
  sanction: CitedSanctionSchema.nullable().describe(
    'La sanción del catálogo que aplica el acto (suspensión, revocación, exclusión); null si ninguna',
  ),
});

export const CertificateMemberSchema = z
  .object({
    producerId: z.string(),
    dossierId: z.string().describe('El expediente del socio, cuya aprobación lo incorporó'),
    name: z.string(),
    community: z.string(),
    municipality: z.string(),
    publicNameConsent: z.boolean().describe('Si la unidad aceptó que su nombre se publique'),
    status: z.enum(MEMBER_STATUSES).describe('active: certificado con el grupo; excluded: excluido (definitivo en este certificado)'),
    since: z.string(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'CertificateMember' });

export const CertificateSchema = z
  .object({
    id: z.string(),
    code: z.string().describe('Código público, en grupos de cuatro'),
    verificationUrl: z.string(),
    scope: z.enum(CERTIFICATE_SCOPES).describe('unit: una unidad productiva; group: la organización con sus socios'),
    dossierId: z.string(),
    decisionId: z.string(),
    organization: z.object({ id: z.string(), name: z.string(), department: z.string(), municipality: z.string() }),
    producer: z
      .object({ id: z.string(), name: z.string(), community: z.string() })
      .nullable()
      .describe('La unidad productiva certificada; null en un certificado de grupo (organización con sus socios)'),
    scheme: z.string(),
    criteriaVersion: z.string(),
    criteriaHash: z.string(),
    sealLevel: z.string(),
    products: z.array(z.string()),
    sectors: z.array(z.string()),
    issuedOn: z.string(),
    expiresOn: z.string(),
    status: CertificateStatusSchema,
    statusSince: z.string(),
    statusReason: z.string().nullable(),
    /** The commission must reinstate or revoke a suspension longer than the scheme allows. */
    suspensionOverdue: z.boolean(),
    conditions: z.array(CertificateConditionSchema),
    events: z.array(CertificateEventSchema),
    /** Group certificates: every member added, active or excluded, by name; empty for a unit's certificate. */
    members: z.array(CertificateMemberSchema),
  })
  .meta({ id: 'Certificate' });
export type CertificateView = z.infer<typeof CertificateSchema>;

export const CertificateListQuerySchema = z
  .object({
    organizationId: z.uuid().optional(),
    producerId: z.uuid().optional(),
    status: CertificateStatusSchema.optional(),
    page: QueryInt({ min: 1 }).default(1),
    pageSize: QueryInt({ min: 1, max: 100 }).default(20),
  })
  .strict();

export const StatusActSchema = z
  .object({
    reason: HumanParagraphs().min(10, 'Explique el motivo (al menos 10 caracteres)').max(4000),
    sessionId: z.uuid().optional().describe('Sesión de la comisión en la que se acordó (optativa al suspender)'),
    sanctionCode: SanctionCodeInput,
  })
  .strict();
export type StatusAct = z.infer<typeof StatusActSchema>;

/** Reinstating and revoking: always by agreement of a commission session, which the request names. */
export const SessionActSchema = StatusActSchema.extend({
  sessionId: z.uuid().describe('Sesión de la comisión en la que se acordó (obligatoria para rehabilitar y revocar)'),
}).strict();

export const MemberExclusionSchema = z
  .object({
    sessionId: z.uuid().describe('Sesión de la comisión en la que se acordó la exclusión'),
    reason: HumanParagraphs().min(10, 'Explique el motivo (al menos 10 caracteres)').max(4000),
    sanctionCode: SanctionCodeInput,
  })
  .strict();
export type MemberExclusion = z.infer<typeof MemberExclusionSchema>;
