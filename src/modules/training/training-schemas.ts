/** Request and response schemas of persons' training records. */
import { z } from 'zod';
import { IsoDateSchema, SlugSchema, VersionIdSchema } from '../../domain/criteria-schema.js';
import { HumanLine } from '../../human-text.js';

export const NewTrainingSchema = z
  .object({
    scheme: SlugSchema.optional().describe('El esquema; por defecto, el único que tiene la instalación'),
    topic: SlugSchema.describe('El tema, de las capacitaciones que piden los criterios (training.reviewer)'),
    criteriaVersion: VersionIdSchema.describe('La versión de los criterios que enseñó la capacitación'),
    completedOn: IsoDateSchema.describe('El día en que la terminó (AAAA-MM-DD); no puede ser futuro'),
    trainer: HumanLine().min(2, 'Indique quién dio la capacitación').max(200),
  })
  .strict();
export type NewTraining = z.infer<typeof NewTrainingSchema>;

export const TrainingSchema = z
  .object({
    id: z.string(),
    personId: z.string(),
    scheme: z.string(),
    topic: z.string(),
    topicName: z.string().describe('El nombre del tema en los criterios'),
    criteriaVersion: z.string(),
    completedOn: z.string(),
    validUntil: z.string().nullable().describe('Último día en que cuenta (según los años que fijan los criterios); null si no vence'),
    trainer: z.string(),
    recordedAt: z.string(),
  })
  .meta({ id: 'TrainingRecord' });
export type TrainingView = z.infer<typeof TrainingSchema>;
