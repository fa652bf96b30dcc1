/** Request and response schemas of the registry: organisations, committees, producers, persons and their ties. */
import { z } from 'zod';
import { QueryInt } from '../../query-number.js';
import { atLeastOneField, exactlyOneOf } from '../../schema-rules.js';
import { HumanLine } from '../../human-text.js';
import { SlugSchema } from '../../domain/criteria-schema.js';
import { TIE_KINDS } from '../../domain/former-ties.js';
import { GENDERS, ORGANIZATION_KIND_LABEL, ORGANIZATION_KINDS, PERSON_ROLES } from '../../domain/registry.js';
import { DEPARTMENT_CODES, DEPARTMENTS, parseDepartment, type Department } from '../../domain/bolivia.js';
import { EMAIL_MESSAGE, isPhoneNumber, PHONE_MESSAGE, tidyPhone } from '../../domain/organization-contact.js';

export const DepartmentSchema = z
  .string()
  .trim()
  .min(1)
  .transform((value, ctx): Department => {
    const code = parseDepartment(value);
    if (!code) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `Departamento desconocido: use uno de ${Object.values(DEPARTMENTS).join(', ')}`,
      });
      return z.NEVER;
    }
    return code;
  })
  .describe('Uno de los 9 departamentos de Bolivia, p. ej. "La Paz" o "potosi"')
  // The document lists the nine by name and by code; the server also reads them without accents or capitals.
  .meta({ enum: [...Object.values(DEPARTMENTS), ...DEPARTMENT_CODES] });

const Text = (max = 200) => HumanLine().min(1).max(max);
const PastOrTodayDate = z.iso.date({ error: 'Fecha inválida: use AAAA-MM-DD' });

export const IdParamsSchema = z.object({ id: z.uuid() });

export const PageQuerySchema = z.object({
  page: QueryInt({ min: 1 }).default(1).describe('Página, desde 1'),
  pageSize: QueryInt({ min: 1, max: 100 }).default(20).describe('Elementos por página (hasta 100)'),
});

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), page: z.int(), pageSize: z.int(), total: z.int() });

/** The contact for buyers: each part optional (null clears it), published only with `contactPublic`. */
const contactFields = {
  contactName: Text(120).nullable().optional().describe('Persona de contacto para compradores'),
  contactPhone: HumanLine()
    .max(40)
    .refine(isPhoneNumber, PHONE_MESSAGE)
    .transform(tidyPhone)
    .nullable()
    .optional()
    .describe('Teléfono de contacto: de 7 a 15 dígitos, con espacios, guiones, paréntesis o +591 si se quiere'),
  contactEmail: z.string().trim().pipe(z.email(EMAIL_MESSAGE).max(200)).nullable().optional().describe('Correo de contacto'),
  contactPublic: z
    .boolean()
    .optional()
    .describe(
      'La organización acepta publicar este contacto en la página de proveedores para compras públicas (requiere teléfono o correo)',
    ),
};

export const NewOrganizationSchema = z
  .object({
    name: Text(),
    kind: z
      .enum(ORGANIZATION_KINDS)
      .describe(
        `${ORGANIZATION_KINDS.map((k) => `${k} (${ORGANIZATION_KIND_LABEL[k]})`).join(', ')}. Las unidades de una tienda_solidaria usan el sector comercializacion.`,
      ),
    department: DepartmentSchema,
    municipality: Text(),
    ...contactFields,
  })
  .strict();
export type NewOrganization = z.infer<typeof NewOrganizationSchema>;

export const OrganizationPatchSchema = atLeastOneField(NewOrganizationSchema.partial().strict());
export type OrganizationPatch = z.infer<typeof OrganizationPatchSchema>;

export const OrganizationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(ORGANIZATION_KINDS),
    department: z.string(),
    municipality: z.string(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    contactEmail: z.string().nullable(),
    contactPublic: z.boolean().describe('Si el contacto se publica para compradores (/proveedores)'),
    createdAt: z.string(),
  })
  .meta({ id: 'Organization' });

export const NewCommitteeSchema = z.object({ name: Text() }).strict();
export const CommitteeSchema = z.object({ id: z.string(), organizationId: z.string(), name: z.string(), createdAt: z.string() });

const producerFields = {
  name: Text(),
  sectors: z.array(SlugSchema).min(1, 'Indique al menos un sector'),
  products: z.array(Text(100)).min(1, 'Indique al menos un producto'),
  department: DepartmentSchema,
  municipality: Text(),
  community: Text(),
  household: Text().describe('Grupo familiar: las unidades de un mismo grupo no se revisan entre sí'),
  pledgeSignedOn: PastOrTodayDate.nullable().optional().describe('Fecha de la carta de compromiso firmada'),
  publicNameConsent: z.boolean().optional().describe('Consiente figurar por su nombre en listados públicos'),
};

export const NewProducerSchema = z.object({ organizationId: z.uuid(), ...producerFields }).strict();
export type NewProducer = z.infer<typeof NewProducerSchema>;

export const ProducerPatchSchema = atLeastOneField(z.object(producerFields).partial().strict());
export type ProducerPatch = z.infer<typeof ProducerPatchSchema>;

export const ProducerSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    name: z.string(),
    sectors: z.array(z.string()),
    products: z.array(z.string()),
    department: z.string(),
    municipality: z.string(),
    community: z.string(),
    household: z.string(),
    pledgeSignedOn: z.string().nullable(),
    publicNameConsent: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Producer' });
export type Producer = z.infer<typeof ProducerSchema>;

/** The `q` of a list: words to look for, accent- and case-insensitively (what `where` says). */
export const SearchText = (where: string) => HumanLine().min(1).max(100).optional().describe(where);

export const ProducerListQuerySchema = PageQuerySchema.extend({
  organizationId: z.uuid().optional(),
  department: DepartmentSchema.optional(),
  sector: SlugSchema.optional(),
  q: SearchText('Busca en nombre, comunidad, municipio y productos, sin distinguir mayúsculas ni tildes'),
}).strict();
export type ProducerListQuery = z.infer<typeof ProducerListQuerySchema>;

export const NewPersonSchema = z
  .object({
    organizationId: z.uuid(),
    producerId: z.uuid().nullable().optional(),
    fullName: Text(),
    roles: z.array(z.enum(PERSON_ROLES)).min(1),
    household: Text().nullable().optional(),
    /** As the person declares it (woman, man, other); null or absent when not declared. */
    gender: z.enum(GENDERS).nullable().optional(),
    publicNameConsent: z.boolean().optional(),
  })
  .strict();
export type NewPerson = z.infer<typeof NewPersonSchema>;

export const PersonPatchSchema = atLeastOneField(NewPersonSchema.omit({ organizationId: true }).partial().strict());
export type PersonPatch = z.infer<typeof PersonPatchSchema>;

export const PersonSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    producerId: z.string().nullable(),
    fullName: z.string(),
    roles: z.array(z.string()),
    household: z.string().nullable(),
    /** Null when the person did not declare it. */
    gender: z.enum(GENDERS).nullable(),
    publicNameConsent: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Person' });

export const PersonListQuerySchema = PageQuerySchema.extend({
  organizationId: z.uuid().optional(),
  q: SearchText('Busca en el nombre completo, sin distinguir mayúsculas ni tildes'),
}).strict();
export type PersonListQuery = z.infer<typeof PersonListQuerySchema>;

export const PersonTieParamsSchema = z.object({ id: z.uuid(), tieId: z.uuid() });

const PersonTieFieldsSchema = z
  .object({
    kind: z.enum(TIE_KINDS).describe('worked_for (trabajó para), traded_with (le compró o vendió a), member_of (fue socio o miembro de)'),
    producerId: z.uuid().optional().describe('La unidad productiva del vínculo (o bien organizationId)'),
    organizationId: z.uuid().optional().describe('La organización del vínculo (o bien producerId)'),
    startedOn: PastOrTodayDate.describe('Primer día del vínculo'),
    endedOn: PastOrTodayDate.nullable().optional().describe('Último día del vínculo; vacío si sigue vigente'),
  })
  .strict();
export const NewPersonTieSchema = exactlyOneOf(
  PersonTieFieldsSchema,
  ['producerId', 'organizationId'],
  'Indique una unidad productiva (producerId) o una organización (organizationId), no las dos',
);
export type NewPersonTie = z.infer<typeof NewPersonTieSchema>;

export const PersonTieSchema = z
  .object({
    id: z.string(),
    personId: z.string(),
    kind: z.enum(TIE_KINDS),
    producerId: z.string().nullable(),
    organizationId: z.string().nullable(),
    targetName: z.string().describe('Nombre de la unidad productiva o de la organización'),
    startedOn: z.string(),
    endedOn: z.string().nullable().describe('Vacío mientras el vínculo sigue vigente'),
    createdAt: z.string(),
  })
  .meta({ id: 'PersonTie' });
