/**
 * Complaints as the public filing leaves them: the row (received, with its tracking number) and its audit
 * entry in one transaction, and the photo stored content-addressed as evidence files are.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { immediate } from '../../src/db/client.js';
import { certificates, complaints } from '../../src/db/schema.js';
import { newTrackingNumber, type ComplaintSubject } from '../../src/domain/complaints.js';
import { appendAudit } from '../../src/modules/audit/audit-log.js';
import { evidenceFileIn } from '../../src/modules/dossiers/evidence-service.js';
import { eq } from 'drizzle-orm';

export type SeedComplaint = {
  subject?: ComplaintSubject;
  /** The code the complainant gave: tied to its certificate and organisation when it matches one. */
  code?: string;
  what?: string;
  place?: string | null;
  happenedOn?: string | null;
  contact?: string | null;
  /** A photo (PNG or JPEG) and the app's data folder, where it is stored. */
  photo?: { body: Buffer; type: string; dataDir: string };
  /** When it was filed (ISO); now by default. */
  at?: string;
};

export function seedComplaint(app: FastifyInstance, options: SeedComplaint = {}): { id: string; trackingNumber: string } {
  const at = options.at ?? new Date().toISOString();
  const cert = options.code
    ? app.db
        .select({ id: certificates.id, organizationId: certificates.organizationId })
        .from(certificates)
        .where(eq(certificates.code, options.code))
        .get()
    : undefined;
  let photo = { photoSha256: null as string | null, photoType: null as string | null, photoSize: null as number | null };
  if (options.photo) {
    const sha256 = createHash('sha256').update(options.photo.body).digest('hex');
    const file = evidenceFileIn(options.photo.dataDir, sha256);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, options.photo.body);
    photo = { photoSha256: sha256, photoType: options.photo.type, photoSize: options.photo.body.length };
  }
  const row = {
    id: randomUUID(),
    trackingNumber: newTrackingNumber(),
    subject: options.subject ?? 'organization',
    organizationId: cert?.organizationId ?? null,
    certificateId: cert?.id ?? null,
    codeGiven: options.code ?? null,
    what: options.what ?? 'Venden con el sello productos que no son de la organización',
    place: options.place === undefined ? 'Feria de El Alto' : options.place,
    happenedOn: options.happenedOn === undefined ? '2026-05-20' : options.happenedOn,
    contact: options.contact === undefined ? 'Juana, 71234567' : options.contact,
    ...photo,
    status: 'received' as const,
    createdAt: at,
    updatedAt: at,
  };
  immediate(app.db, () => {
    app.db.insert(complaints).values(row).run();
    // The contact stays out of the history, which more people read than the commission.
    const { contact, ...filed } = row;
    appendAudit(
      app.db,
      { system: 'denuncia' },
      { entity: 'complaint', entityId: row.id, action: 'file', change: { ...filed, contactGiven: contact !== null } },
      new Date(at),
    );
  });
  return { id: row.id, trackingNumber: row.trackingNumber };
}

/** Numbers up to ten in words, as the question writes them. */
export const NUMBER_WORDS = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez'];

/** The answer to the complaint question («¿Cuánto es siete más cinco?») found in `text`, worked out as a person would. */
export function questionAnswer(text: string): string {
  const [, a, b] = /¿Cuánto es (\p{L}+) más (\p{L}+)\?/u.exec(text) ?? [];
  if (!a || !b) throw new Error('no complaint question in the text');
  return String(NUMBER_WORDS.indexOf(a) + NUMBER_WORDS.indexOf(b));
}

/** The complaint form page's question, answered, with its token: what a person sends back. */
export function answeredForm(html: string): { questionToken: string; answer: string } {
  const token = /name="questionToken" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('the form has no question token');
  return { questionToken: token, answer: questionAnswer(html) };
}
