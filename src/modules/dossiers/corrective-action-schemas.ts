/** Request and response schemas for corrective actions agreed on a non-conformity. */
import { z } from 'zod';
import { HumanParagraphs } from '../../human-text.js';

export const NewCorrectiveActionSchema = z
  .object({
    description: HumanParagraphs().min(5).max(4000),
    responsiblePersonId: z.uuid(),
    deadline: z.iso.date(),
  })
  .strict();
export type NewCorrectiveAction = z.infer<typeof NewCorrectiveActionSchema>;

export const ClosureSchema = z
  .object({
    notes: HumanParagraphs().min(5).max(4000).describe('Qué se hizo y cómo se comprobó'),
    evidenceId: z.uuid().optional().describe('Foto o documento ya subido como evidencia del cierre'),
  })
  .strict();
export type Closure = z.infer<typeof ClosureSchema>;

export const CorrectiveActionSchema = z.object({
  id: z.string(),
  nonConformityId: z.string(),
  description: z.string(),
  responsiblePersonId: z.string(),
  deadline: z.string(),
  closedAt: z.string().nullable(),
  closingNotes: z.string().nullable(),
  closingEvidenceId: z.string().nullable(),
  createdAt: z.string(),
});
export type CorrectiveAction = z.infer<typeof CorrectiveActionSchema>;
