/** What evidence uploads accept (types, size, where they belong) and how a stored evidence is described. */
import { z } from 'zod';

export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const EVIDENCE_MAX_BYTES = 8 * 1024 * 1024;

export const EvidenceQuerySchema = z
  .object({
    visitId: z.uuid().optional(),
    criterionCode: z.string().min(1).max(20).optional().describe('Criterio al que corresponde la foto, si es de una respuesta'),
  })
  .strict();
export type EvidenceQuery = z.infer<typeof EvidenceQuerySchema>;

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
