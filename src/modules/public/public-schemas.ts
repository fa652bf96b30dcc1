/**
 * Schemas of the public routes. What the public sees of a certificate is an allow-list:
 * nothing not named here leaves on a public route (the serializer drops it).
 */
import { z } from 'zod';
import { QueryInt } from '../../query-number.js';

/** A member of a group certificate as the public sees it: its name only with consent, never an id. */
export const PublicMemberSchema = z.object({
  name: z.string().nullable().describe('Nombre de la unidad productiva, solo si consintió aparecer'),
  community: z.string().describe('Comunidad de la unidad productiva'),
  status: z.enum(['active', 'excluded']).describe('active: certificada; excluded: excluida del certificado (definitivo)'),
  since: z.string().describe('Desde cuándo está en ese estado (ISO 8601)'),
  reason: z.string().nullable().describe('Motivo de la exclusión'),
});
export type PublicMember = z.infer<typeof PublicMemberSchema>;

export const PublicCertificateSchema = z.object({
  code: z.string().describe('Código público en grupos de cuatro'),
  scope: z
    .enum(['unit', 'group'])
    .describe('unit: una unidad productiva; group: una organización con sus socios certificados (certificación en grupo)'),
  activeMembers: z.int().optional().describe('Solo en un certificado de grupo: cuántas unidades productivas están certificadas hoy'),
  members: z
    .array(PublicMemberSchema)
    .optional()
    .describe('Solo en la verificación de un certificado de grupo: sus unidades productivas, certificadas primero'),
  status: z.enum(['active', 'suspended', 'revoked', 'expired']),
  statusLabel: z.string().describe('VIGENTE, SUSPENDIDO, REVOCADO o VENCIDO'),
  statusSince: z.string(),
  statusReason: z.string().nullable(),
  organization: z.object({ name: z.string(), department: z.string(), municipality: z.string() }),
  producer: z
    .string()
    .nullable()
    .describe('Nombre de la unidad productiva, solo si consintió aparecer; null en un certificado de grupo (ver members)'),
  region: z.object({ department: z.string(), municipality: z.string() }),
  products: z.array(z.string()),
  sectors: z.array(z.string()),
  sealLevel: z.string(),
  scheme: z.object({ id: z.string(), name: z.string(), version: z.string(), contentHash: z.string() }),
  issuedOn: z.string(),
  expiresOn: z.string(),
  verificationUrl: z.string(),
});
export type PublicCertificate = z.infer<typeof PublicCertificateSchema>;

export const VerificationSchema = z
  .object({
    certificate: PublicCertificateSchema,
    producedAt: z
      .string()
      .describe(
        'Cuándo se produjo y firmó esta declaración de estado (ISO 8601). Puede tener hasta 5 minutos: cualquier evento del certificado la reemplaza en la consulta siguiente',
      ),
    nextUpdate: z
      .string()
      .describe(
        'Hasta cuándo vale (ISO 8601): como mucho 5 minutos después de producedAt, y nunca pasado el instante en que el paso del tiempo cambia el estado (fin del día de vencimiento o del plazo de una condición, hora de Bolivia)',
      ),
    issuer: z.string().describe('Dominio oficial del servicio'),
    transparency: z
      .object({ issuanceLogIndex: z.int(), treeSize: z.int() })
      .describe('Entrada de la emisión en el registro de transparencia'),
    signature: z
      .string()
      .describe('JWS compacto (EdDSA) sobre el JSON canónico (RFC 8785) de este objeto sin "signature"; claves en /.well-known/jwks.json'),
  })
  .meta({ id: 'Verification' });
export type Verification = z.infer<typeof VerificationSchema>;

export const CodeParamsSchema = z.object({ code: z.string().min(1).max(64) });

export const RegistryQuerySchema = z
  .object({
    q: z
      .string()
      .trim()
      .max(100)
      .optional()
      .describe(
        'Parte del nombre de la organización o de la unidad productiva (si consintió), del código (con o sin guiones), del municipio o de un producto; o el nombre de un departamento',
      ),
    product: z.string().trim().max(100).optional(),
    municipality: z
      .string()
      .trim()
      .max(100)
      .optional()
      .describe('Municipio de la unidad productiva, exacto (sin distinguir tildes ni mayúsculas)'),
    municipio: z.string().trim().max(100).optional().describe('Igual que municipality (nombre del campo en la página /registro)'),
    department: z.string().trim().max(40).optional(),
    sector: z.string().trim().max(40).optional(),
    status: z.enum(['active', 'suspended', 'revoked', 'expired']).optional(),
    organization: z.string().trim().max(200).optional().describe('Una sola organización, por su nombre exacto'),
    page: QueryInt({ min: 1, max: 10_000 }).default(1),
    pageSize: QueryInt({ min: 1, max: 200 }).default(50),
    lang: z.enum(['es', 'en']).optional(),
  })
  .strict();
export type RegistryQuery = z.infer<typeof RegistryQuerySchema>;

/** The page /registro: organisations, 20 a page unless asked otherwise. */
export const RegistryPageQuerySchema = RegistryQuerySchema.extend({
  pageSize: QueryInt({ min: 1, max: 200 }).default(20),
});

export const RegistrySchema = z
  .object({
    items: z
      .array(PublicCertificateSchema)
      .describe(
        'Un elemento por certificado, en el orden del registro (organización, emisión más reciente, código). Para agruparlos por organización use organization.name (único); /api/v1/public/registry/organizations da la lista ya agrupada, como la página /registro',
      ),
    page: z.int(),
    pageSize: z.int(),
    total: z.int().describe('Certificados que cumplen los filtros'),
    generatedAt: z.string(),
  })
  .meta({ id: 'PublicRegistry' });

/** An organisation of the registry with its certificates that meet the filters, as the page /registro shows it. */
export const RegistryOrganizationSchema = z.object({
  name: z.string().describe('Nombre de la organización (único)'),
  kind: z
    .string()
    .describe('Tipo de organización: asociacion, cooperativa, oeca, oecom, comunidad, grupo_artesanal, empresa_es, tienda_solidaria'),
  kindLabel: z.string().describe('El tipo en palabras'),
  department: z.string(),
  municipality: z.string(),
  certifiedUnits: z
    .int()
    .describe('Unidades productivas certificadas hoy por sus certificados vigentes de la lista, cada una contada una vez'),
  namedUnits: z
    .array(z.string())
    .describe('Los nombres de esas unidades que consintieron figurar, en orden alfabético; las demás solo se cuentan'),
  products: z.array(z.string()).describe('Los productos de sus certificados de la lista, sin repetir'),
  certificates: z.array(PublicCertificateSchema).describe('Sus certificados que cumplen los filtros, en el orden del registro'),
});
export type RegistryOrganization = z.infer<typeof RegistryOrganizationSchema>;

export const RegistryOrganizationsSchema = z
  .object({
    items: z.array(RegistryOrganizationSchema),
    page: z.int(),
    pageSize: z.int().describe('Organizaciones por página'),
    total: z.int().describe('Organizaciones que cumplen los filtros'),
    generatedAt: z.string(),
  })
  .meta({ id: 'PublicRegistryOrganizations' });

export const JwksSchema = z.object({
  keys: z.array(z.object({ kty: z.string(), crv: z.string(), x: z.string(), kid: z.string(), alg: z.string(), use: z.string() })),
});
