/**
 * Signed heads of the audit trail: on request (`sello audit head`, GET /api/v1/audit/head),
 * to be kept off the machine, and as checkpoints the service stores from time to time;
 * and their verification against the trail with the published keys.
 */
import { z } from 'zod';
import { immediate, type Db } from '../../db/client.js';
import { GENESIS_HASH } from '../../domain/audit-chain.js';
import {
  anchorProblem,
  AUDIT_HEAD_JWS_TYPE,
  headPayload,
  type AuditHead,
  type SignedAuditHead,
  type TrailView,
} from '../../domain/audit-head.js';
import type { Jwks } from '../../signing/jwk.js';
import { verifyJws } from '../../signing/jws.js';
import type { KeyStore } from '../../signing/key-store.js';
import { createAuditRepository } from './audit-repository.js';

export const SignedAuditHeadSchema = z
  .object({
    entries: z.int().min(0).describe('Cuántas entradas tenía el historial'),
    head: z.string().min(1).describe('Huella de la última de esas entradas'),
    timestamp: z.string().min(1).describe('Cuándo se firmó (ISO 8601)'),
    signature: z.string().min(1).describe(`JWS (typ ${AUDIT_HEAD_JWS_TYPE}) sobre entries, head y timestamp en JSON canónico`),
  })
  .meta({ id: 'SignedAuditHead' });

function sign(keys: KeyStore, head: AuditHead): SignedAuditHead {
  return { ...head, signature: keys.signSync(headPayload(head), AUDIT_HEAD_JWS_TYPE) };
}

/** The trail's current head, signed with the active key. */
export function signedAuditHead(db: Db, keys: KeyStore, now: () => Date): SignedAuditHead {
  const last = createAuditRepository(db).last();
  return sign(keys, { entries: last?.seq ?? 0, head: last?.hash ?? GENESIS_HASH, timestamp: now().toISOString() });
}

/**
 * Stores a signed checkpoint of the trail when it has entries the last checkpoint does not
 * cover; returns it, or null when there was nothing new.
 */
export function writeCheckpoint(db: Db, keys: KeyStore, now: () => Date): SignedAuditHead | null {
  return immediate(db, () => {
    const repo = createAuditRepository(db);
    const last = repo.last();
    if (!last || last.seq <= (repo.lastCheckpoint()?.seq ?? 0)) return null;
    const checkpoint = sign(keys, { entries: last.seq, head: last.hash, timestamp: now().toISOString() });
    repo.insertCheckpoint({ seq: checkpoint.entries, hash: checkpoint.head, at: checkpoint.timestamp, signature: checkpoint.signature });
    return checkpoint;
  });
}

/**
 * Checks that `signed.signature` is a signed audit head by one of the published keys and
 * that it says exactly what the other fields say. Throws when it is not.
 */
export async function verifyHeadSignature(signed: SignedAuditHead, jwks: Jwks): Promise<void> {
  const { payload } = await verifyJws(signed.signature, jwks, { typ: AUDIT_HEAD_JWS_TYPE });
  z.object({ entries: z.literal(signed.entries), head: z.literal(signed.head), timestamp: z.literal(signed.timestamp) })
    .strict()
    .parse(payload);
}

/** The trail as stored now, to check anchors against. */
export function trailView(db: Db): TrailView {
  const repo = createAuditRepository(db);
  return { entries: repo.last()?.seq ?? 0, hashAt: (seq) => repo.hashAt(seq) };
}

export type CheckpointCheck = { checkpoints: number; problems: string[] };

/**
 * Every stored checkpoint: signed with a published key (`jwks`, read only when there is a
 * checkpoint, so a trail without any needs no keys) and contained in the trail.
 */
export async function checkCheckpoints(db: Db, jwks: () => Jwks): Promise<CheckpointCheck> {
  const checkpoints = createAuditRepository(db).checkpoints();
  if (checkpoints.length === 0) return { checkpoints: 0, problems: [] };
  let keys: Jwks;
  try {
    keys = jwks();
  } catch (error) {
    return {
      checkpoints: checkpoints.length,
      problems: [`No se pueden leer las claves para verificar los puntos de control: ${(error as Error).message}`],
    };
  }
  const trail = trailView(db);
  const problems: string[] = [];
  for (const row of checkpoints) {
    const checkpoint: SignedAuditHead = { entries: row.seq, head: row.hash, timestamp: row.at, signature: row.signature };
    try {
      await verifyHeadSignature(checkpoint, keys);
    } catch {
      problems.push(
        `El punto de control de la entrada ${row.seq} (firmado el ${row.at}) no tiene una firma válida con las claves publicadas`,
      );
      continue;
    }
    const problem = anchorProblem(trail, checkpoint, 'checkpoint');
    if (problem) problems.push(problem);
  }
  return { checkpoints: checkpoints.length, problems };
}
