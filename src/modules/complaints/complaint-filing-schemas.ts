/** What a complaint from the public holds when filed, and what anyone with its tracking number may read of it. */
import { z } from 'zod';
import { COMPLAINT_OUTCOMES, COMPLAINT_STATUSES, COMPLAINT_SUBJECTS } from '../../domain/complaints.js';

export const COMPLAINT_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const COMPLAINT_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const COMPLAINT_WHAT_MIN = 10;
export const COMPLAINT_WHAT_MAX = 2000;
export const COMPLAINT_PLACE_MAX = 200;
export const COMPLAINT_CONTACT_MAX = 200;
export const COMPLAINT_CODE_MAX = 40;

/** An optional text: blank (as an empty form field sends it) counts as not given. */
const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((v) => (v === '' || v === undefined ? undefined : v));

export const ComplaintFilingSchema = z
  .object({
    subject: z
      .enum(COMPLAINT_SUBJECTS, { error: 'Elija de qué trata: una organización certificada o el uso del sello' })
      .describe('De qué trata: `organization` (una organización certificada) o `seal_use` (el uso del sello, por quien sea)'),
    code: optionalText(COMPLAINT_CODE_MAX, `El código tiene como mucho ${COMPLAINT_CODE_MAX} caracteres`).describe(
      'El código del certificado, si lo tiene (de la etiqueta o del código QR), tal como lo leyó',
    ),
    what: z
      .string({ error: 'Cuente qué pasó' })
      .trim()
      .min(COMPLAINT_WHAT_MIN, `Cuente qué pasó con al menos ${COMPLAINT_WHAT_MIN} letras`)
      .max(COMPLAINT_WHAT_MAX, `Cuente qué pasó en ${COMPLAINT_WHAT_MAX} caracteres como mucho`)
      .describe('Qué pasó, con palabras sencillas'),
    place: optionalText(COMPLAINT_PLACE_MAX, `El lugar se escribe en ${COMPLAINT_PLACE_MAX} caracteres como mucho`).describe(
      'Dónde pasó o dónde lo vio (un mercado, una tienda, una comunidad)',
    ),
    happenedOn: z
      .union([z.literal(''), z.iso.date({ error: 'Escriba la fecha como día, mes y año (AAAA-MM-DD)' })])
      .optional()
      .transform((v) => (v === '' ? undefined : v))
      .describe('El día en que pasó o lo vio (AAAA-MM-DD), si lo sabe'),
    contact: optionalText(COMPLAINT_CONTACT_MAX, `El contacto se escribe en ${COMPLAINT_CONTACT_MAX} caracteres como mucho`).describe(
      'Cómo contactarle (teléfono o correo), si quiere: nunca se publica, solo lo ve la comisión de certificación',
    ),
    questionToken: z
      .string({ error: 'Falta la pregunta: vuelva a cargar el formulario' })
      .min(1)
      .max(200)
      .describe('El `token` de `GET /api/v1/public/complaints/question`'),
    answer: z
      .string({ error: 'Responda la pregunta' })
      .trim()
      .min(1, 'Responda la pregunta')
      .max(20, 'Responda la pregunta con un número')
      .describe('La respuesta de la persona a esa pregunta, como número (12) o en palabras (doce)'),
  })
  .strict();
export type ComplaintFiling = z.infer<typeof ComplaintFilingSchema>;

export const ComplaintQuestionSchema = z
  .object({
    question: z.string().describe('La pregunta, en palabras, para mostrarla a la persona'),
    token: z.string().describe('Se envía con la respuesta, en `questionToken`'),
    expiresAt: z.string().describe('Hasta cuándo se puede responder'),
  })
  .meta({ id: 'ComplaintQuestion' });

export const TrackingNumberParamsSchema = z.object({
  trackingNumber: z.string().min(1).max(40).describe('El número de seguimiento, como DEN-7K3M-9QXA (mayúsculas y guiones opcionales)'),
});

/** What anyone with the tracking number reads: never the contact, the inquiry, who handles it or the photo. */
export const PublicComplaintSchema = z
  .object({
    trackingNumber: z.string(),
    subject: z.enum(COMPLAINT_SUBJECTS),
    status: z.enum(COMPLAINT_STATUSES),
    statusLabel: z.string().describe('El estado en palabras'),
    filedAt: z.string().describe('Cuándo se presentó'),
    updatedAt: z.string().describe('Último cambio de estado'),
    closedAt: z.string().nullable(),
    outcome: z.enum(COMPLAINT_OUTCOMES).nullable().describe('El resultado, cuando está cerrada'),
    outcomeLabel: z.string().nullable(),
    publicSummary: z.string().nullable().describe('Lo que la comisión hace público del resultado'),
  })
  .meta({ id: 'PublicComplaint' });
export type PublicComplaint = z.infer<typeof PublicComplaintSchema>;
