/**
 * Reads the complaint form (multipart/form-data, so that a photo can come with it) to the end: its text
 * fields and the optional photo. A photo over the limit is cut and reported as a field problem, so that
 * the page comes back with everything else the person typed.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { COMPLAINT_PHOTO_MAX_BYTES } from './complaint-filing-schemas.js';

/** The name of the form field that carries the photo. */
export const PHOTO_FIELD = 'photo';

/** @fastify/multipart limits: one photo, the form's few fields, each at most a long description. */
export const COMPLAINT_MULTIPART_LIMITS = { fileSize: COMPLAINT_PHOTO_MAX_BYTES, files: 1, fields: 12, fieldSize: 16 * 1024, parts: 14 };

export type ComplaintForm = {
  fields: Record<string, string>;
  photo: Buffer | undefined;
  /** Problems found while reading, by field. */
  problems: Record<string, string>;
};

export async function readComplaintForm(request: FastifyRequest): Promise<ComplaintForm> {
  const fields: Record<string, string> = {};
  const problems: Record<string, string> = {};
  let photo: Buffer | undefined;
  if (!request.isMultipart()) {
    throw new AppError('unsupported_media', 'UNSUPPORTED_MEDIA_TYPE', 'Envíe el formulario como multipart/form-data');
  }
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        // A file field left empty still sends a part, with no name and no content.
        if (part.fieldname !== PHOTO_FIELD || content.length === 0) continue;
        if (part.file.truncated) problems[PHOTO_FIELD] = 'La foto pesa más de 5 MB: elija una más liviana';
        else photo = content;
      } else if (part.valueTruncated) {
        problems[part.fieldname] = 'Es demasiado largo';
      } else if (!(part.fieldname in fields)) {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    // Limits (413) and other errors of @fastify/multipart carry their status; a malformed form does not.
    if (typeof (error as { statusCode?: unknown }).statusCode === 'number') throw error;
    throw new AppError('invalid', 'MALFORMED_MULTIPART', 'No se pudo leer el formulario: no es un multipart/form-data bien formado');
  }
  return { fields, photo, problems };
}
