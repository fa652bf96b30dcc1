/**
 * Evidence photos and documents of a dossier: type checked by content (not by
 * what the client claims), size-limited, stored on disk by SHA-256 under the
 * data folder, and served only to those who may read the dossier.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { immediate, type Db } from '../../db/client.js';
import { type Actor, authorize, canAddEvidence, canReadDossier, hidesUnannounced } from '../../domain/access.js';
import { AppError, notFound } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { allCriteria } from '../../domain/criteria.js';
import { createDossierRepository } from './dossier-repository.js';
import { dossierNotFound } from './dossier-service.js';
import { createEvidenceRepository } from './evidence-repository.js';
import { EVIDENCE_TYPES, type Evidence, type EvidenceQuery } from './evidence-schemas.js';

/** Where an evidence file with this SHA-256 lives under the data folder. */
export function evidenceFileIn(dataDir: string, sha256: string): string {
  return path.join(dataDir, 'evidence', sha256.slice(0, 2), sha256);
}

/**
 * Writes a file under the data folder by its SHA-256, once (an identical file is already there);
 * `written` says whether this call wrote it, so that a refused row can take it back. Used by the
 * evidence of dossiers and by the photos of complaints.
 */
export function storeEvidenceFile(dataDir: string, body: Buffer): { sha256: string; written: boolean } {
  const sha256 = createHash('sha256').update(body).digest('hex');
  const target = evidenceFileIn(dataDir, sha256);
  const written = !fs.existsSync(target);
  if (written) {
    // Written before the row: a crash leaves at most an unreferenced file, never a row without its file.
    // Photos of farms and people: readable by the service's user only (folders 0700, files 0600).
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    const tmp = `${target}.${randomUUID()}.tmp`;
    try {
      fs.writeFileSync(tmp, body, { flag: 'wx', mode: 0o600 });
      fs.renameSync(tmp, target);
    } catch (error) {
      // A full disk leaves no half-written file behind.
      fs.rmSync(tmp, { force: true });
      throw error;
    }
  }
  return { sha256, written };
}

export function createEvidenceService(db: Db, catalog: CriteriaCatalog, dataDir: string, now: () => Date) {
  const dossierRepo = createDossierRepository(db);
  const repo = createEvidenceRepository(db);
  const fileOf = (sha256: string) => evidenceFileIn(dataDir, sha256);

  const dossierFor = (id: string) => {
    const d = dossierRepo.dossier(id);
    if (!d) throw dossierNotFound();
    return d;
  };

  return {
    async add(actor: Actor, dossierId: string, body: Buffer, where: EvidenceQuery): Promise<Evidence> {
      const d = dossierFor(dossierId);
      authorize(canAddEvidence(actor, d), 'No puede añadir evidencias a este expediente');
      if (body.length === 0) throw new AppError('invalid', 'EMPTY_FILE', 'El archivo está vacío');
      const detected = await fileTypeFromBuffer(body);
      if (!detected || !(EVIDENCE_TYPES as readonly string[]).includes(detected.mime)) {
        throw new AppError(
          'invalid',
          'UNSUPPORTED_FILE_TYPE',
          `Solo se aceptan fotos JPEG, PNG o WebP y documentos PDF (se recibió ${detected?.mime ?? 'un tipo desconocido'})`,
        );
      }
      // Checked before the file is written, so that a refusal leaves nothing on disk (a visit never changes dossier).
      // An unannounced visit not yet recorded is not one the visited organisation may name.
      const visit = where.visitId ? repo.visitOf(where.visitId) : undefined;
      if (where.visitId && (visit?.dossierId !== dossierId || hidesUnannounced(actor, visit))) {
        throw new AppError('invalid', 'VISIT_NOT_IN_DOSSIER', 'La visita no pertenece a este expediente', [
          { path: 'query.visitId', message: 'No es de este expediente' },
        ]);
      }
      const code = where.criterionCode;
      if (code && !allCriteria(catalog.version(d.scheme, d.criteriaVersion)).some((c) => c.code === code)) {
        const message = `El criterio ${code} no está en la versión ${d.criteriaVersion} de los criterios de este expediente`;
        throw new AppError('invalid', 'UNKNOWN_CRITERION', message, [{ path: 'query.criterionCode', message }]);
      }
      const { sha256, written } = storeEvidenceFile(dataDir, body);
      const id = randomUUID();
      const at = now();
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
      try {
        immediate(db, () => {
          repo.insert(row);
          appendAudit(db, actor, { entity: 'evidence', entityId: id, action: 'create', change: row }, at);
        });
      } catch (error) {
        // A refused row (a full disk) leaves no file behind either. Nothing awaits between writing
        // the file and this transaction, so no other row can refer to a file this request wrote.
        if (written) fs.rmSync(fileOf(sha256), { force: true });
        throw error;
      }
      return repo.evidence(id)!;
    },

    /** The file's metadata and path, if the actor may read the dossier. */
    open(actor: Actor, id: string): { evidence: Evidence; file: string } {
      const evidence = repo.evidence(id);
      if (!evidence) throw notFound('EVIDENCE_NOT_FOUND', 'No existe esa evidencia');
      const d = dossierFor(evidence.dossierId);
      authorize(canReadDossier(actor, d), 'No tiene acceso a esta evidencia');
      return { evidence, file: fileOf(evidence.sha256) };
    },
  };
}
export type EvidenceService = ReturnType<typeof createEvidenceService>;
