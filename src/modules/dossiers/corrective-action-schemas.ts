/** Request and response schemas for corrective actions agreed on a non-conformity. */
import { z } from 'zod';
import { CLOSURE_KINDS } from '../../domain/follow-up.js';
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

export const CommissionReviewSchema = z
  .object({
    sessionId: z.uuid().optional().describe('Sesión de la comisión en que se revisó la evidencia'),
    evidenceIds: z.array(z.uuid()).min(1).max(20).describe('Evidencias del expediente, ya subidas, que muestran la corrección'),
    notes: HumanParagraphs().min(5).max(4000).describe('Qué muestra la evidencia y por qué basta para cerrar la acción'),
  })
  .strict();
export type CommissionReview = z.infer<typeof CommissionReviewSchema>;

export const CorrectiveActionSchema = z.object({
  id: z.string(),
  nonConformityId: z.string(),
  description: z.string(),
  responsiblePersonId: z.string(),
  deadline: z.string(),
  closedAt: z.string().nullable(),
  closingNotes: z.string().nullable(),
  closingEvidenceId: z.string().nullable(),
  /** Who closed it: committee, follow_up_visit or commission_review; null while open (or closed before this was recorded). */
  closedBy: z.enum(CLOSURE_KINDS).nullable(),
  /** The follow-up visit that verified it, when one closed it. */
  closingVisitId: z.string().nullable(),
  createdAt: z.string(),
});
export type CorrectiveAction = z.infer<typeof CorrectiveActionSchema>;
