/**
 * The registry's page forms as browsers send them (urlencoded, checkboxes repeated or absent,
 * products in one line) read into the registry API's own input types, with plain Spanish
 * messages per field. Text fields follow the API's human-text rules (`text`, `paragraphs`, also used
 * by the other page forms); the registry services then apply the same rules as for the API.
 */
import { z } from 'zod';
import { parseDepartment, type Department } from '../../domain/bolivia.js';
import { TIE_KINDS } from '../../domain/former-ties.js';
import { GENDERS, PERSON_ROLES } from '../../domain/registry.js';
import { AppError, type FieldIssue } from '../../errors.js';
import { HumanLine, HumanParagraphs } from '../../human-text.js';
import type { NewPerson, NewPersonTie, ProducerPatch } from '../registry/registry-schemas.js';
import type { ProducerFields } from '../registry/producers-service.js';

/** A form as @fastify/formbody gives it: one value, or several for a repeated name. */
export const RawFormSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type RawForm = z.infer<typeof RawFormSchema>;

/** The first value a browser sent for a name (or '' when it sent none). */
export const one = (value: unknown): unknown => (Array.isArray(value) ? (value as unknown[])[0] : value) ?? '';
const many = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * A required one-line text field with the API's rules (src/human-text.ts: trimmed, NFC, no control or
 * direction characters) and the person's own words for missing and too long.
 */
export const text = (missing: string, max = 200) =>
  z.preprocess(one, HumanLine().min(1, missing).max(max, `Escriba como máximo ${max} caracteres`));
export const optionalText = (max = 200) =>
  z.preprocess(
    one,
    HumanLine()
      .max(max, `Escriba como máximo ${max} caracteres`)
      .transform((v) => (v === '' ? null : v)),
  );
/** A required text of paragraphs (a reason, a description), with the API's rules and at least `min` characters. */
export const paragraphs = (missing: string, min: number, max: number) =>
  z.preprocess(one, HumanParagraphs().min(min, missing).max(max, `Escriba como máximo ${max} caracteres`));
export const checked = z.preprocess(one, z.string()).transform((v) => v === 'si');
export const optionalId = z.preprocess(one, z.union([z.literal('').transform(() => null), z.uuid('Elija una opción de la lista')]));

/** One of the nine departments, however it is typed or chosen. */
export const department = z.preprocess(
  one,
  z
    .string()
    .trim()
    .min(1, 'Elija el departamento')
    .transform((value, ctx): Department => {
      const code = parseDepartment(value);
      if (!code) {
        ctx.issues.push({ code: 'custom', input: value, message: 'Elija uno de los nueve departamentos' });
        return z.NEVER;
      }
      return code;
    }),
);

/** Products in one line, separated by commas (or "|" as in the CSV). */
const products = z.preprocess(
  (value) =>
    String(one(value))
      .split(/[,|\n]/)
      .map((p) => p.trim())
      .filter(Boolean),
  z
    .array(HumanLine().max(100, 'Cada producto puede tener hasta 100 caracteres'))
    .min(1, 'Escriba al menos un producto')
    .max(50, 'Son demasiados productos'),
);

export const ProducerFormSchema = z.object({
  name: text('Escriba el nombre de la unidad productiva'),
  sectors: z.preprocess(many, z.array(z.string()).min(1, 'Marque al menos un sector')),
  products,
  department,
  municipality: text('Escriba el municipio'),
  community: text('Escriba la comunidad'),
  household: text('Escriba el grupo familiar'),
  pledgeSignedOn: z.preprocess(
    one,
    z.union([z.literal('').transform(() => null), z.iso.date('Escriba la fecha como día, mes y año (AAAA-MM-DD)')]),
  ),
  publicNameConsent: checked,
}) satisfies z.ZodType<ProducerFields & ProducerPatch>;

export const PersonFormSchema = z.object({
  fullName: text('Escriba el nombre completo'),
  roles: z.preprocess(many, z.array(z.enum(PERSON_ROLES, 'Elija roles de la lista')).min(1, 'Marque al menos un rol')),
  producerId: optionalId,
  household: optionalText(),
  // Not declaring is a choice of its own (the empty option).
  gender: z.preprocess(one, z.union([z.literal('').transform(() => null), z.enum(GENDERS, 'Elija una opción de la lista')])),
  publicNameConsent: checked,
}) satisfies z.ZodType<Omit<NewPerson, 'organizationId'>>;

const day = z.iso.date('Escriba la fecha como día, mes y año (AAAA-MM-DD)');

/** A tie of a person: what it was, to which unit or organisation (one select: `producer:<id>` or `organization:<id>`), and when. */
export const PersonTieFormSchema = z
  .object({
    kind: z.preprocess(one, z.enum(TIE_KINDS, 'Elija qué vínculo tuvo')),
    target: z.preprocess(
      one,
      z.string().regex(/^(producer|organization):[0-9a-f-]{36}$/, 'Elija la unidad productiva o la organización de la lista'),
    ),
    startedOn: z.preprocess(one, day),
    endedOn: z.preprocess(one, z.union([z.literal('').transform(() => null), day])),
  })
  .transform(({ target, ...tie }): NewPersonTie => {
    const [type, id] = target.split(':') as [string, string];
    return { ...tie, ...(type === 'producer' ? { producerId: id } : { organizationId: id }) };
  });

/** The organisation a new record goes to, when the person may choose (the administration). */
export const organizationField = z.preprocess(one, z.string()).transform((v) => v || null);

/** Parses a form, or throws a 400 whose issues name the form's fields (shown next to each). */
export function parseForm<S extends z.ZodType>(schema: S, form: unknown): z.output<S> {
  const parsed = schema.safeParse(form);
  if (parsed.success) return parsed.data;
  const issues: FieldIssue[] = parsed.error.issues.map((issue) => ({ path: ['body', ...issue.path].join('.'), message: issue.message }));
  throw new AppError('invalid', 'VALIDATION_FAILED', 'Revise los datos marcados: no se guardó nada.', issues);
}

/** The list pages' address: `?q=` search (empty means none) and `?pagina=`. */
export const ListQuerySchema = z.object({
  q: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(100).optional()),
  pagina: z.coerce.number().int().min(1).max(10_000).default(1),
  hecho: z.string().max(20).optional(),
});

export const IdParamsSchema = z.object({ id: z.uuid() });
export const DoneQuerySchema = z.object({ hecho: z.string().max(20).optional() });
