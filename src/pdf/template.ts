/**
 * PDF templates: the Spanish texts, colours and a few layout numbers of each
 * document live in `templates/pdf/*.yaml`, validated here so that a broken
 * template fails loudly instead of printing a blank field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { TEMPLATES_DIR } from '../paths.js';

const PDF_TEMPLATES_DIR = path.join(TEMPLATES_DIR, 'pdf');

export const ColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Colour must be #RRGGBB');
export const TextSchema = z.string().trim().min(1);

/** A fixed set of texts, one per key (labels, answer words…): every key must be present. */
export const textsFor = <K extends string>(keys: readonly [K, ...K[]]) => z.record(z.enum(keys), TextSchema);

/** Document metadata texts: Title and Subject (with placeholders) and Keywords. */
export const MetadataTemplateSchema = z.object({ title: TextSchema, subject: TextSchema, keywords: z.array(TextSchema).min(1) }).strict();

const cache = new Map<string, unknown>();

/** Reads and validates `templates/pdf/<file>` once per process. */
export function loadPdfTemplate<T>(file: string, schema: z.ZodType<T>): T {
  const cached = cache.get(file);
  if (cached !== undefined) return cached as T;
  const full = path.join(PDF_TEMPLATES_DIR, file);
  const parsed = schema.safeParse(parse(fs.readFileSync(full, 'utf8')));
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`Invalid PDF template ${full}: ${where}`);
  }
  cache.set(file, parsed.data);
  return parsed.data;
}

/**
 * Replaces `{name}` placeholders. A placeholder without a value throws: a
 * template that asks for data the renderer does not give is a bug.
 */
export function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Template placeholder {${name}} has no value in "${text}"`);
    return String(value);
  });
}

/** Texts shared by every document: dates, page numbers, colours, metadata. */
export const CommonTemplateSchema = z
  .object({
    lang: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/),
    creator: TextSchema,
    producer: TextSchema,
    months: z.array(TextSchema).length(12),
    longDate: TextSchema,
    shortDate: TextSchema,
    dateWithIso: TextSchema,
    pageOf: TextSchema,
    listSeparator: z.string(),
    location: z.object({ withCommunity: TextSchema, withoutCommunity: TextSchema }).strict(),
    none: TextSchema,
    colors: z
      .object({
        primary: ColorSchema,
        accent: ColorSchema,
        text: ColorSchema,
        muted: ColorSchema,
        rule: ColorSchema,
        headerFill: ColorSchema,
      })
      .strict(),
  })
  .strict();
export type CommonTemplate = z.infer<typeof CommonTemplateSchema>;

export const commonTemplate = (): CommonTemplate => loadPdfTemplate('common.es.yaml', CommonTemplateSchema);
