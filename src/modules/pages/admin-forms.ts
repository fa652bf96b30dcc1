/**
 * The administration's page forms (accounts, organisations, committees) as browsers send them,
 * read into the users and registry services' own input types with plain Spanish messages per
 * field; the services then apply the same rules as for the API.
 */
import { z } from 'zod';
import { ROLES } from '../../domain/access.js';
import { COMMISSION_SEATS } from '../../domain/commission.js';
import { ORGANIZATION_KINDS } from '../../domain/registry.js';
import type { NewOrganization } from '../registry/registry-schemas.js';
import { EMAIL_MESSAGE, isPhoneNumber, PHONE_MESSAGE, tidyPhone } from '../../domain/organization-contact.js';
import { checked, department, one, optionalId, optionalText, text } from './registry-forms.js';

/** Changing an account: its name, role and ties (the organisation comes from the form's hidden field). */
export const AccountChangeFormSchema = z.object({
  displayName: text('Escriba el nombre de la persona', 120),
  role: z.preprocess(one, z.enum(ROLES, 'Elija el rol')),
  organizationId: optionalId,
  producerId: optionalId,
  personId: optionalId,
  /** For a commission account: titular or suplente; empty for the other roles. */
  commissionSeat: z.preprocess(
    one,
    z.union([z.literal('').transform(() => null), z.enum(COMMISSION_SEATS, 'Elija titular o suplente')]).optional(),
  ),
});
export type AccountChangeForm = z.infer<typeof AccountChangeFormSchema>;

/** A new account: the same, plus the user name it signs in with. */
export const AccountFormSchema = AccountChangeFormSchema.extend({
  username: z.preprocess(
    one,
    z
      .string()
      .trim()
      .toLowerCase()
      .min(1, 'Escriba el nombre de usuario')
      .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'De 3 a 40 caracteres: letras sin tildes, números, «.», «_» o «-», sin espacios'),
  ),
});

export const OrganizationFormSchema = z.object({
  name: text('Escriba el nombre de la organización'),
  kind: z.preprocess(one, z.enum(ORGANIZATION_KINDS, 'Elija el tipo de organización')),
  department,
  municipality: text('Escriba el municipio'),
  // The contact for buyers: all optional; the service refuses to publish one without a phone or an email.
  contactName: optionalText(120),
  contactPhone: optionalText(40)
    .refine((v) => v === null || isPhoneNumber(v), PHONE_MESSAGE)
    .transform((v) => v && tidyPhone(v)),
  contactEmail: optionalText(200).refine((v) => v === null || z.email().safeParse(v).success, EMAIL_MESSAGE),
  contactPublic: checked,
}) satisfies z.ZodType<NewOrganization>;

export const CommitteeFormSchema = z.object({ name: text('Escriba el nombre del comité') });

/** `?organizacion=`: whose producer units and persons an account form offers ("ninguna": the administration or the commission). */
export const NO_ORGANIZATION = 'ninguna';
export const AccountQuerySchema = z.object({
  organizacion: z.union([z.literal(NO_ORGANIZATION), z.uuid()]).optional(),
  hecho: z.string().max(20).optional(),
});
export type AccountQuery = z.infer<typeof AccountQuerySchema>;
