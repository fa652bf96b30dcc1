/** Request and response schemas for user accounts. */
import { z } from 'zod';
import { HumanLine } from '../../human-text.js';
import { ROLES } from '../../domain/access.js';
import { COMMISSION_SEATS } from '../../domain/commission.js';

export const CommissionSeatSchema = z
  .enum(COMMISSION_SEATS)
  .describe('Solo para la comisión: titular (vota) o suplente (ocupa el lugar de un titular ausente o excusado)');

export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._-]{2,39}$/,
    'Debe tener de 3 a 40 caracteres: letras sin tildes ni ñ, números, «.», «_» o «-», y empezar por una letra o un número',
  );

export const PasswordSchema = z
  .string()
  .min(10, 'La contraseña debe tener al menos 10 caracteres')
  .max(200, 'La contraseña no puede pasar de 200 caracteres');

export const RoleSchema = z.enum(ROLES).describe('admin, commission, committee, reviewer o producer');

/** What each role needs, checked by the server (INVALID_USER_SCOPE, or 404 for a record that does not exist). */
const ROLE_TIES =
  'committee, reviewer y producer necesitan organizationId (una organización que exista); producer además producerId, una unidad de esa organización. admin y commission no la necesitan. personId, si se indica, es una persona de esa organización. commissionSeat solo para commission.';

export const NewUserSchema = z
  .object({
    username: UsernameSchema,
    displayName: HumanLine().min(1).max(120),
    password: PasswordSchema,
    role: RoleSchema,
    organizationId: z.uuid().nullable().optional().describe('Obligatoria para comité, revisor y productor'),
    producerId: z.uuid().nullable().optional().describe('Obligatoria para productor'),
    personId: z.uuid().nullable().optional(),
    commissionSeat: CommissionSeatSchema.nullable().optional(),
  })
  .strict()
  .describe(ROLE_TIES);
export type NewUser = z.infer<typeof NewUserSchema>;

export const UserPatchSchema = z
  .object({
    displayName: HumanLine().min(1).max(120).optional(),
    disabled: z.boolean().optional().describe('Deshabilitar cierra sus sesiones y anula sus tokens'),
    password: PasswordSchema.optional(),
    role: RoleSchema.optional().describe('El nuevo rol; se comprueba con la organización y la unidad productiva que resulten'),
    organizationId: z
      .uuid()
      .nullable()
      .optional()
      .describe(
        'Obligatoria para comité, revisor y productor; si no se indica, se conserva, y se quita al pasar a administración o comisión',
      ),
    producerId: z
      .uuid()
      .nullable()
      .optional()
      .describe('Obligatoria para productor; si no se indica, se conserva, y se quita al pasar a otro rol'),
    personId: z.uuid().nullable().optional().describe('La persona del registro que usa la cuenta'),
    commissionSeat: CommissionSeatSchema.nullable().optional(),
  })
  .strict()
  .describe(ROLE_TIES);
export type UserPatch = z.infer<typeof UserPatchSchema>;

export const UserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    organizationId: z.string().nullable(),
    producerId: z.string().nullable(),
    personId: z.string().nullable(),
    commissionSeat: z.enum(COMMISSION_SEATS).nullable(),
    disabledAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

export const UserParamsSchema = z.object({ id: z.uuid() });
