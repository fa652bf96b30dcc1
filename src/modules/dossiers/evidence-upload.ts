/**
 * Reads an evidence upload in either of its two forms: the raw file as the body (where in
 * the query), or a multipart form with one `file` field and the same fields as the query.
 * Only reads and validates the request; the service checks the type by content and stores it.
 */
import type { FastifyRequest } from 'fastify';
import { AppError, VALIDATION_FAILED_MESSAGE, type FieldIssue } from '../../errors.js';
import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES, EvidenceQuerySchema, type EvidenceQuery } from './evidence-schemas.js';

/** The name of the form field that carries the file. */
export const EVIDENCE_FILE_FIELD = 'file';

/** @fastify/multipart limits: the raw upload's size limit, one file, the few query fields. */
export const EVIDENCE_MULTIPART_LIMITS = { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 5 };

export type EvidenceUpload = { body: Buffer; where: EvidenceQuery };

const invalid = (issues: FieldIssue[]) => new AppError('invalid', 'VALIDATION_FAILED', VALIDATION_FAILED_MESSAGE, issues);

/** The file and where it belongs, or the same 4xx errors the raw upload gives (415 for any other body). */
export async function readEvidenceUpload(request: FastifyRequest, query: EvidenceQuery): Promise<EvidenceUpload> {
  if (Buffer.isBuffer(request.body)) return { body: request.body, where: query };
  if (!request.isMultipart()) {
    throw new AppError(
      'unsupported_media',
      'UNSUPPORTED_MEDIA_TYPE',
      `Envíe el archivo como cuerpo de la solicitud, con Content-Type ${EVIDENCE_TYPES.join(', ')}, o en un formulario multipart/form-data`,
    );
  }
  const { file, fields } = await readForm(request);
  const parsed = EvidenceQuerySchema.safeParse(fields);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.flatMap((issue): FieldIssue[] =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => ({ path: `body.${key}`, message: `No se admite el campo «${key}»`, code: issue.code }))
          : [{ path: ['body', ...issue.path].join('.'), message: issue.message, code: issue.code }],
      ),
    );
  }
  const conflicts = (Object.keys(parsed.data) as (keyof EvidenceQuery)[]).filter(
    (k) => query[k] !== undefined && query[k] !== parsed.data[k],
  );
  if (conflicts.length > 0) {
    throw invalid(conflicts.map((k) => ({ path: `body.${k}`, message: 'No coincide con el valor que indica la dirección (la consulta)' })));
  }
  return { body: file, where: { ...query, ...parsed.data } };
}

/** Every part of the form, read to the end (so a refusal never leaves the request half read). */
async function readForm(request: FastifyRequest): Promise<{ file: Buffer; fields: Record<string, string> }> {
  const fields: Record<string, string> = {};
  const issues: FieldIssue[] = [];
  let file: Buffer | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (part.fieldname === EVIDENCE_FILE_FIELD) file = content;
        else issues.push({ path: `body.${part.fieldname}`, message: `Envíe el archivo en el campo «${EVIDENCE_FILE_FIELD}»` });
      } else if (part.fieldname in fields || part.valueTruncated) {
        issues.push({ path: `body.${part.fieldname}`, message: part.valueTruncated ? 'Es demasiado largo' : 'Este campo va una sola vez' });
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    // Limits (413) and other errors of @fastify/multipart carry their status; a malformed form does not.
    if (typeof (error as { statusCode?: unknown }).statusCode === 'number') throw error;
    throw new AppError('invalid', 'MALFORMED_MULTIPART', 'No se pudo leer el formulario: no es un multipart/form-data bien formado');
  }
  if (!file)
    issues.push({ path: `body.${EVIDENCE_FILE_FIELD}`, message: `Falta el archivo: envíelo en el campo «${EVIDENCE_FILE_FIELD}»` });
  if (issues.length > 0 || !file) throw invalid(issues);
  return { file, fields };
}
