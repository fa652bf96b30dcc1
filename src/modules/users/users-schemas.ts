/** Request and response schemas for user accounts. */
import { z } from 'zod';
import { ROLES } from '../../domain/access.js';

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

export const NewUserSchema = z
  .object({
    username: UsernameSchema,
    displayName: z.string().trim().min(1).max(120),
    password: PasswordSchema,
    role: RoleSchema,
    organizationId: z.uuid().nullable().optional().describe('Obligatoria para comité, revisor y productor'),
    producerId: z.uuid().nullable().optional().describe('Obligatoria para productor'),
    personId: z.uuid().nullable().optional(),
  })
  .strict();
export type NewUser = z.infer<typeof NewUserSchema>;

export const UserPatchSchema = z
  .object({
    displayName: z.string().trim().min(1).max(120).optional(),
    disabled: z.boolean().optional().describe('Deshabilitar cierra sus sesiones y anula sus tokens'),
    password: PasswordSchema.optional(),
  })
  .strict();

export const UserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    organizationId: z.string().nullable(),
    producerId: z.string().nullable(),
    personId: z.string().nullable(),
    disabledAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

export const UserParamsSchema = z.object({ id: z.uuid() });
