/**
 * Evidence photos and documents of a dossier: type checked by content (not by
 * what the client claims), size-limited, stored on disk by SHA-256 under the
 * data folder, and served only to those who may read the dossier.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { immediate, type Db } from '../../db/client.js';
import { dossiers, evidenceFiles, visits } from '../../db/schema.js';
import { type Actor, authorize, canAccessRegistry, canCreateIn } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';

export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const EVIDENCE_MAX_BYTES = 8 * 1024 * 1024;

export const EvidenceQuerySchema = z
  .object({
    visitId: z.uuid().optional(),
    criterionCode: z.string().min(1).max(20).optional().describe('Criterio al que corresponde la foto, si es de una respuesta'),
  })
  .strict();

export const EvidenceSchema = z.object({
  id: z.string(),
  dossierId: z.string(),
  visitId: z.string().nullable(),
  criterionCode: z.string().nullable(),
  sha256: z.string(),
  mediaType: z.string(),
  size: z.int(),
  createdAt: z.string(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export function createEvidenceService(db: Db, dataDir: string, now: () => Date) {
  const root = path.join(dataDir, 'evidence');
  const fileOf = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);

  const dossierFor = (id: string) => {
    const d = db.select().from(dossiers).where(eq(dossiers.id, id)).get();
    if (!d) throw new AppError('not_found', 'DOSSIER_NOT_FOUND', 'No existe ese expediente');
    return d;
  };

  const view = ({ uploadedBy: _u, ...row }: typeof evidenceFiles.$inferSelect): Evidence => row;

  return {
    async add(actor: Actor, dossierId: string, body: Buffer, where: z.infer<typeof EvidenceQuerySchema>): Promise<Evidence> {
      const d = dossierFor(dossierId);
      authorize(canCreateIn(actor, d.organizationId) || actor.role === 'reviewer', 'No puede añadir evidencias a este expediente');
      authorize(actor.role !== 'reviewer' || actor.organizationId === d.organizationId, 'No puede añadir evidencias a este expediente');
      if (body.length === 0) throw new AppError('invalid', 'EMPTY_FILE', 'El archivo está vacío');
      const detected = await fileTypeFromBuffer(body);
      if (!detected || !(EVIDENCE_TYPES as readonly string[]).includes(detected.mime)) {
        throw new AppError('invalid', 'UNSUPPORTED_FILE_TYPE', `Solo se aceptan fotos JPEG, PNG o WebP y documentos PDF (se recibió ${detected?.mime ?? 'un tipo desconocido'})`);
      }
      const sha256 = createHash('sha256').update(body).digest('hex');
      const target = fileOf(sha256);
      if (!fs.existsSync(target)) {
        // Written before the row: a crash leaves at most an unreferenced file, never a row without its file.
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const tmp = `${target}.${randomUUID()}.tmp`;
        fs.writeFileSync(tmp, body, { flag: 'wx' });
        fs.renameSync(tmp, target);
      }
      const id = randomUUID();
      const at = now();
      immediate(db, () => {
        if (where.visitId) {
          const visit = db.select({ dossierId: visits.dossierId }).from(visits).where(eq(visits.id, where.visitId)).get();
          if (visit?.dossierId !== dossierId) {
            throw new AppError('invalid', 'VISIT_NOT_IN_DOSSIER', 'La visita no pertenece a este expediente', [{ path: 'query.visitId', message: 'No es de este expediente' }]);
          }
        }
        const row = {
          id,
          dossierId,
          visitId: where.visitId ?? null,
          criterionCode: where.criterionCode ?? null,
          sha256,
          mediaType: detected.mime,
          size: body.length,
          uploadedBy: actor.userId,
          createdAt: at.toISOString(),
        };
        db.insert(evidenceFiles).values(row).run();
        appendAudit(db, actor, { entity: 'evidence', entityId: id, action: 'create', change: row }, at);
      });
      return view(db.select().from(evidenceFiles).where(eq(evidenceFiles.id, id)).get()!);
    },

    /** The file's metadata and path, if the actor may read the dossier. */
    open(actor: Actor, id: string): { evidence: Evidence; file: string } {
      const row = db.select().from(evidenceFiles).where(eq(evidenceFiles.id, id)).get();
      if (!row) throw new AppError('not_found', 'EVIDENCE_NOT_FOUND', 'No existe esa evidencia');
      const d = dossierFor(row.dossierId);
      authorize(canAccessRegistry(actor, 'read', { organizationId: d.organizationId, producerId: d.producerId }), 'No tiene acceso a esta evidencia');
      return { evidence: view(row), file: fileOf(row.sha256) };
    },
  };
}
export type EvidenceService = ReturnType<typeof createEvidenceService>;
