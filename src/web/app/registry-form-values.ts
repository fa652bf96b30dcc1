/**
 * What a registry form shows again: a record's values, or what the person typed (the raw form
 * after a validation error, or the parsed one after a service refused it), as strings for inputs.
 */

type Raw = Record<string, unknown>;

/** One text value: a list becomes "a, b"; null, booleans and absent values become "". */
export function formText(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => formText(v)).join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '';
}

/** The values of a checkbox group. */
export function formList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** A yes/no box: true, or "si" as the form sends it. */
export const formChecked = (value: unknown): boolean => value === true || formList(value).includes('si');

export const rawForm = (body: unknown): Raw => (body && typeof body === 'object' ? (body as Raw) : {});

/** "Se registró", "Se guardaron los cambios": the flash after a form's redirect (`?hecho=`). */
export function doneFlash(done: string | undefined, name: string): { kind: 'success'; text: string } | null {
  if (done === 'registrado') return { kind: 'success', text: `Listo: se registró «${name}».` };
  if (done === 'guardado') return { kind: 'success', text: `Listo: se guardaron los cambios de «${name}».` };
  return null;
}
