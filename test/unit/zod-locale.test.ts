/** Validation messages as people read them: what is wrong with the value, in plain Spanish. */
import '../../src/zod-locale.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { VOTES } from '../../src/domain/commission.js';
import { PlanVisitSchema, RecommendationSchema, SubmitVisitSchema } from '../../src/modules/dossiers/dossier-schemas.js';
import { NewUserSchema } from '../../src/modules/users/users-schemas.js';

/** Every issue of `value` against `schema`, as "path: message". */
function messages(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('validation messages', () => {
  it('says a missing field is missing, not what type was expected', () => {
    expect(messages(RecommendationSchema, { outcome: 'approve' })).toEqual(['rationale: Falta este dato']);
    expect(messages(z.object({ name: z.string() }), { name: null })).toEqual(['name: Este dato no puede quedar vacío']);
  });

  it('says which type a value must have, and how to write a number sent as text', () => {
    expect(messages(z.object({ cycle: z.int() }), { cycle: '2026' })).toEqual(['cycle: Debe ser un número, escrito sin comillas']);
    expect(messages(z.object({ cycle: z.int() }), { cycle: 2026.5 })).toEqual(['cycle: Debe ser un número entero']);
    expect(messages(z.object({ name: z.string() }), { name: 12 })).toEqual(['name: Debe ser un texto']);
    expect(messages(z.object({ team: z.array(z.string()) }), { team: 'Rosa' })).toEqual(['team: Debe ser una lista']);
    expect(messages(z.boolean(), 'true')).toEqual([': Debe ser true o false, escrito sin comillas']);
  });

  it('says the length a text or a list must have, in the right number', () => {
    expect(messages(z.string().trim().min(1), '   ')).toEqual([': No puede quedar vacío']);
    expect(messages(RecommendationSchema, { outcome: 'deny', rationale: 'corto' })).toEqual([
      'rationale: Explique la recomendación (al menos 10 caracteres)',
    ]);
    expect(messages(z.string().min(10), 'corto')).toEqual([': Debe tener al menos 10 caracteres']);
    expect(messages(z.string().max(1), 'ab')).toEqual([': Debe tener como máximo 1 carácter']);
    expect(messages(PlanVisitSchema, { plannedOn: '2026-05-03', team: [] })).toEqual(['team: Indique al menos uno']);
    expect(messages(z.number().int().min(1), 0)).toEqual([': Debe ser 1 o más']);
    expect(messages(z.number().positive(), 0)).toEqual([': Debe ser mayor que 0']);
  });

  it('names the options of a word list in Spanish, with the exact value to send', () => {
    expect(messages(z.enum(VOTES), 'sí')).toEqual([': Debe ser uno de: a favor («for»), en contra («against») o abstención («abstain»)']);
    expect(messages(RecommendationSchema, { outcome: 'approved', rationale: 'Todo en orden en la visita' })).toEqual([
      'outcome: Debe ser uno de: aprobar («approve»), aprobar con condiciones («approve_with_conditions») o denegar («deny»)',
    ]);
    // "producer" is a role in one list and a kind of visit team member in another: each reads as its own.
    expect(messages(NewUserSchema.shape.role, 'jefe')[0]).toContain('productor («producer»)');
    expect(messages(PlanVisitSchema.shape.team.element.shape.kind, 'vecino')[0]).toBe(
      ': Debe ser uno de: productor/a de otra unidad («producer»), consumidor/a («consumer») o técnico/a («technician»)',
    );
    // Values that already are the words people use are not repeated.
    expect(messages(SubmitVisitSchema.shape.answers.element.shape.value, 'si')[0]).toBe(
      ': Debe ser uno de: «cumple», cumple parcialmente («parcial»), «no_cumple» o «no_aplica»',
    );
    expect(messages(z.enum(['a', 'b']), 'c')).toEqual([': Debe ser uno de: «a» o «b»']);
    expect(messages(z.literal('me'), 'yo')).toEqual([': Debe ser «me»']);
  });

  it('says what an identifier, a date or an address should look like', () => {
    expect(messages(z.uuid(), 'abc')).toEqual([': No es un identificador válido']);
    expect(messages(z.iso.date(), '03/05/2026')).toEqual([': No es una fecha válida: escríbala como AAAA-MM-DD, por ejemplo 2026-05-03']);
    expect(messages(z.email(), 'rosa')).toEqual([': No es una dirección de correo electrónico válida']);
    expect(messages(z.url(), 'sello')[0]).toMatch(/^: No es una dirección web válida/);
  });

  it('names the fields it does not accept', () => {
    expect(messages(z.object({}).strict(), { extra: 1 })).toEqual([': No se admite el campo «extra»']);
    expect(messages(z.object({}).strict(), { a: 1, b: 2, c: 3 })).toEqual([': No se admiten los campos «a», «b» y «c»']);
  });

  it('never answers with the generic wording of the library', () => {
    const values: [z.ZodType, unknown][] = [
      [z.object({ a: z.string(), b: z.number(), c: z.array(z.string()).min(2), d: z.uuid(), e: z.enum(['x', 'y']) }).strict(), { z: 1 }],
      [z.union([z.string(), z.number()]), true],
      [z.string().regex(/^P\d$/), 'Q'],
    ];
    for (const [schema, value] of values) {
      for (const message of messages(schema, value))
        expect(message).not.toMatch(/Entrada inválida|se esperaba|recibido|indefinido|Invalid/);
    }
  });
});
