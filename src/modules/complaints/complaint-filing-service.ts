/**
 * Filing a complaint without an account, and following it by its tracking number. The question must be
 * answered, the photo is checked by its content and stored as evidence files are, and the complaint is tied
 * to a certificate when the code given is one. What the public reads back never includes the contact,
 * the commission's handling or the photo.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { fileTypeFromBuffer } from 'file-type';
import { immediate, type Db } from '../../db/client.js';
import { parseCertificateCode } from '../../domain/certificate-code.js';
import { COMPLAINT_OUTCOME_LABEL, COMPLAINT_STATUS_LABEL, newTrackingNumber, normalizeTrackingNumber } from '../../domain/complaints.js';
import { laPazDate } from '../../domain/la-paz-day.js';
import { AppError, notFound, VALIDATION_FAILED_MESSAGE, type FieldIssue } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { evidenceFileIn, storeEvidenceFile } from '../dossiers/evidence-service.js';
import { createComplaintFilingRepository, type CertificateHolder } from './complaint-filing-repository.js';
import type { QuestionMaker } from './complaint-filing-question.js';
import { COMPLAINT_PHOTO_TYPES, type ComplaintFiling, type PublicComplaint } from './complaint-filing-schemas.js';

/** Who files in the audit trail: the public, with no account behind it. */
export const PUBLIC_FILER = { system: 'denuncia del público' } as const;

export type FiledComplaint = { trackingNumber: string; status: 'received'; statusLabel: string; filedAt: string };

const QUESTION_ISSUES = {
  wrong: ['COMPLAINT_QUESTION_WRONG', 'La respuesta a la pregunta no es correcta: vuelva a intentarlo con la nueva pregunta'],
  expired: ['COMPLAINT_QUESTION_EXPIRED', 'La pregunta venció: responda la nueva pregunta'],
  invalid: ['COMPLAINT_QUESTION_WRONG', 'La pregunta no es válida: responda la nueva pregunta'],
} as const;

export function createComplaintFilingService({
  db,
  dataDir,
  question,
  now,
}: {
  db: Db;
  dataDir: string;
  question: QuestionMaker;
  now: () => Date;
}) {
  const repo = createComplaintFilingRepository(db);

  /** The certificate a code names, if it is a well-formed code of an existing certificate. */
  const holderOf = (code: string | undefined): { codeGiven: string | null; holder: CertificateHolder | undefined } => {
    if (code === undefined) return { codeGiven: null, holder: undefined };
    const parsed = parseCertificateCode(code);
    return parsed.ok ? { codeGiven: parsed.code, holder: repo.certificateByCode(parsed.code) } : { codeGiven: code, holder: undefined };
  };

  return {
    question,

    /** The organisation a code names, to show on the form (null when the code names no certificate). */
    organizationOfCode: (code: string | undefined): string | null => holderOf(code?.trim() || undefined).holder?.organizationName ?? null,

    async file(input: ComplaintFiling, photo: Buffer | undefined): Promise<FiledComplaint> {
      const issues: FieldIssue[] = [];
      let code = 'VALIDATION_FAILED';
      const answered = question.check(input.questionToken, input.answer);
      if (answered !== 'right') {
        const [issueCode, message] = QUESTION_ISSUES[answered];
        code = issueCode;
        issues.push({ path: 'body.answer', message, code: issueCode });
      }
      const at = now();
      if (input.happenedOn !== undefined && input.happenedOn > laPazDate(at)) {
        issues.push({ path: 'body.happenedOn', message: 'La fecha no puede ser posterior a hoy' });
      }
      let photoType: string | undefined;
      if (photo !== undefined) {
        const detected = photo.length === 0 ? undefined : await fileTypeFromBuffer(photo);
        if (detected && (COMPLAINT_PHOTO_TYPES as readonly string[]).includes(detected.mime)) photoType = detected.mime;
        else issues.push({ path: 'body.photo', message: 'La foto debe ser JPEG, PNG o WebP' });
      }
      if (issues.length > 0) throw new AppError('invalid', code, VALIDATION_FAILED_MESSAGE, issues);

      const { codeGiven, holder } = holderOf(input.code);
      const stored = photo !== undefined ? storeEvidenceFile(dataDir, photo) : undefined;
      const id = randomUUID();
      const stamp = at.toISOString();
      try {
        const trackingNumber = immediate(db, () => {
          let number = newTrackingNumber();
          while (repo.trackingNumberTaken(number)) number = newTrackingNumber();
          const row = {
            id,
            trackingNumber: number,
            subject: input.subject,
            organizationId: holder?.organizationId ?? null,
            certificateId: holder?.certificateId ?? null,
            codeGiven,
            what: input.what,
            place: input.place ?? null,
            happenedOn: input.happenedOn ?? null,
            contact: input.contact ?? null,
            photoSha256: stored?.sha256 ?? null,
            photoType: photoType ?? null,
            photoSize: photo?.length ?? null,
            status: 'received' as const,
            createdAt: stamp,
            updatedAt: stamp,
          };
          repo.insert(row);
          // The trail cannot be erased: the contact stays only in the complaint, where it can be removed.
          const { contact: _contact, ...recorded } = row;
          appendAudit(
            db,
            PUBLIC_FILER,
            { entity: 'complaint', entityId: id, action: 'create', change: { ...recorded, contactGiven: row.contact !== null } },
            at,
          );
          return number;
        });
        return { trackingNumber, status: 'received', statusLabel: COMPLAINT_STATUS_LABEL.received, filedAt: stamp };
      } catch (error) {
        // Nothing awaits between writing the file and this transaction: no other row can refer to a file written here.
        if (stored?.written) fs.rmSync(evidenceFileIn(dataDir, stored.sha256), { force: true });
        throw error;
      }
    },

    /** What the public reads of a complaint, by its tracking number as typed. */
    track(typed: string): PublicComplaint {
      const trackingNumber = normalizeTrackingNumber(typed);
      const row = trackingNumber === null ? undefined : repo.publicByTrackingNumber(trackingNumber);
      if (!row) {
        throw notFound(
          'COMPLAINT_NOT_FOUND',
          'No hay ninguna denuncia con ese número de seguimiento: revise que lo copió bien (tiene la forma DEN-XXXX-XXXX)',
        );
      }
      return {
        ...row,
        statusLabel: COMPLAINT_STATUS_LABEL[row.status],
        // The outcome only once it is closed, whatever the commission may have written before.
        outcome: row.status === 'closed' ? row.outcome : null,
        outcomeLabel: row.status === 'closed' && row.outcome ? COMPLAINT_OUTCOME_LABEL[row.outcome] : null,
        publicSummary: row.status === 'closed' ? row.publicSummary : null,
      };
    },
  };
}
export type ComplaintFilingService = ReturnType<typeof createComplaintFilingService>;
