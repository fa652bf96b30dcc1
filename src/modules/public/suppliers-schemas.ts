/** Schemas of the suppliers' list for public purchases (/proveedores and its open data). */
import { z } from 'zod';
import { ORGANIZATION_KINDS } from '../../domain/registry.js';

export const SuppliersQuerySchema = z
  .object({
    department: z.string().trim().max(40).optional().describe('Departamento, por nombre o código («La Paz», «la-paz», «potosi»)'),
    municipality: z
      .string()
      .trim()
      .max(100)
      .optional()
      .describe('Municipio exacto, sin distinguir tildes ni mayúsculas: el de la organización o el de una de sus unidades certificadas'),
    municipio: z.string().trim().max(100).optional().describe('Igual que municipality (nombre del campo en la página /proveedores)'),
    product: z
      .string()
      .trim()
      .max(100)
      .optional()
      .describe('Parte del nombre de un producto certificado, sin distinguir tildes ni mayúsculas'),
    lang: z.enum(['es', 'en']).optional(),
  })
  .strict();
export type SuppliersQuery = z.infer<typeof SuppliersQuerySchema>;

const PlaceSchema = z.object({ department: z.string(), municipality: z.string() });

export const SupplierSchema = z.object({
  name: z.string().describe('Nombre de la organización'),
  kind: z.enum(ORGANIZATION_KINDS),
  kindName: z.string().describe('El tipo de organización en palabras'),
  department: z.string(),
  municipality: z.string(),
  certifiedUnits: z.int().describe('Unidades productivas certificadas hoy (en un certificado de grupo, sus socios certificados)'),
  places: z.array(PlaceSchema).describe('Dónde están sus unidades certificadas'),
  products: z.array(z.string()).describe('Productos de sus certificados vigentes'),
  sectors: z.array(z.string()),
  certificates: z.array(
    z.object({
      code: z.string(),
      scope: z.enum(['unit', 'group']),
      certifiedUnits: z.int(),
      sealLevel: z.string(),
      expiresOn: z.string(),
      verificationUrl: z.string().describe('Dirección donde se verifica el estado del certificado en el momento de la consulta'),
    }),
  ),
  contact: z
    .object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() })
    .nullable()
    .describe('Contacto para compradores, solo si la organización aceptó publicarlo'),
});
export type Supplier = z.infer<typeof SupplierSchema>;

export const SuppliersFiltersSchema = z.object({
  department: z.string().nullable().describe('Código del departamento pedido (o el texto pedido si no es un departamento)'),
  municipality: z.string().nullable(),
  product: z.string().nullable(),
});
export type SuppliersFilters = z.infer<typeof SuppliersFiltersSchema>;

export const SUPPLIERS_JWS_TYPE = 'sello-proveedores+jws';

export const SuppliersSchema = z
  .object({
    producedAt: z.string().describe('Cuándo se produjo y firmó esta lista (ISO 8601)'),
    issuer: z.string().describe('Dominio oficial del servicio'),
    filters: SuppliersFiltersSchema.describe('Los filtros aplicados (null: sin ese filtro)'),
    total: z.int(),
    items: z.array(SupplierSchema),
    signature: z
      .string()
      .describe(
        `JWS compacto (RFC 7515, EdDSA/Ed25519, typ "${SUPPLIERS_JWS_TYPE}") cuyo contenido es el JSON canónico (RFC 8785) de este ` +
          'mismo objeto sin el campo "signature": producedAt, issuer, filters, total e items. Para comprobarlo, sin el servicio: ' +
          '(1) tome la clave pública de /.well-known/jwks.json cuyo "kid" coincide con el de la cabecera del JWS (guárdela: las ' +
          'claves retiradas siguen publicadas); (2) verifique la firma del JWS con esa clave (por ejemplo con jose: compactVerify); ' +
          '(3) compare el contenido firmado con el JSON canónico del documento sin "signature": deben ser idénticos byte a byte.',
      ),
  })
  .meta({ id: 'PublicSuppliers' });
export type Suppliers = z.infer<typeof SuppliersSchema>;
