/**
 * The one schema of text people type into the API (names, places, notes, reasons): trimmed,
 * in composed form (NFC, so "é" is stored and found one way), and without characters that
 * hide or disguise what it says.
 */
import { z } from 'zod';
import { hasUnsafeCharacters } from './domain/text.js';

export const UNSAFE_TEXT_MESSAGE = 'No se admiten caracteres de control ni de dirección de texto';

/**
 * Marks text that is trimmed before its length is checked: the OpenAPI document turns the mark
 * into a pattern stating the minimum length after trimming (src/http/trimmed-text.ts).
 */
const TRIMMED = { 'x-trimmed': true } as const;

/**
 * A one-line text (a name, a place): no line breaks, no tabs. Chain `.min()`/`.max()` after it,
 * so lengths count composed characters.
 */
export const HumanLine = () =>
  z
    .string()
    .trim()
    .normalize('NFC')
    .refine((text) => !hasUnsafeCharacters(text), UNSAFE_TEXT_MESSAGE)
    .meta(TRIMMED);

/**
 * A text of paragraphs (notes, reasons, rationales): line feeds and tabs are kept; the CR LF a
 * browser's text box sends becomes LF, and any other control character is refused.
 */
export const HumanParagraphs = () =>
  z
    .string()
    .trim()
    .overwrite((text) => text.replace(/\r\n/g, '\n'))
    .normalize('NFC')
    .refine((text) => !hasUnsafeCharacters(text, true), UNSAFE_TEXT_MESSAGE)
    .meta(TRIMMED);

/**
 * Reads one field of a page form (read by hand, not by a schema) with the same rules:
 * the text as it would be stored, or the Spanish message of the first rule it breaks.
 */
export function readHumanText(
  raw: string | undefined,
  { paragraphs = false, max }: { paragraphs?: boolean; max: number },
): { ok: true; text: string } | { ok: false; message: string } {
  const parsed = (paragraphs ? HumanParagraphs() : HumanLine()).max(max, `Escriba como máximo ${max} caracteres`).safeParse(raw ?? '');
  return parsed.success ? { ok: true, text: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? UNSAFE_TEXT_MESSAGE };
}
