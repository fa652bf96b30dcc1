/** Request and response schemas of the transparency log API (RFC 6962 style). */
import { z } from 'zod';

export const SignedTreeHeadSchema = z.object({ treeSize: z.int(), rootHash: z.string(), timestamp: z.string(), signature: z.string() });

export const InclusionQuerySchema = z
  .object({ leafIndex: z.coerce.number().int().min(0), treeSize: z.coerce.number().int().min(1).optional() })
  .strict();

export const InclusionProofSchema = z.object({
  leafIndex: z.int(),
  treeSize: z.int(),
  leafHash: z.string(),
  rootHash: z.string(),
  auditPath: z.array(z.string()),
});

export const ConsistencyQuerySchema = z.object({ first: z.coerce.number().int().min(0), second: z.coerce.number().int().min(0) }).strict();

export const ConsistencyProofSchema = z.object({ first: z.int(), second: z.int(), consistency: z.array(z.string()) });

export const EntriesQuerySchema = z
  .object({ start: z.coerce.number().int().min(0), end: z.coerce.number().int().min(1) })
  .strict()
  .refine((q) => q.end > q.start && q.end - q.start <= 1000, {
    message: 'end debe ser mayor que start, y el rango de 1000 entradas como máximo',
    path: ['end'],
  });

export const LogEntrySchema = z.object({
  certificateCode: z.string(),
  event: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
  scheme: z.string(),
  criteriaVersion: z.string(),
  criteriaHash: z.string(),
  eventSeq: z.int(),
  member: z.string().optional().describe('La unidad de la que trata un alta o una exclusión de socio; solo en esos eventos'),
});

export const LogEntriesSchema = z.object({
  entries: z.array(z.object({ leafIndex: z.int(), leafHash: z.string(), entry: LogEntrySchema })),
});
