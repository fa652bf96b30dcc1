/** Request and response schemas of the commission's queue: the dossiers waiting for its decision. */
import { z } from 'zod';
import { QUEUE_STATES } from '../../domain/commission-queue.js';
import { DepartmentSchema, page, PageQuerySchema } from '../registry/registry-schemas.js';

export const QueueQuerySchema = PageQuerySchema.extend({
  organizationId: z.uuid().optional().describe('Solo los expedientes de esta organización'),
  department: DepartmentSchema.optional().describe('Solo las unidades productivas de este departamento, p. ej. "La Paz" o "potosi"'),
  queueState: z
    .enum(QUEUE_STATES)
    .optional()
    .describe(
      'first_decision: esperan su primera decisión; deferred: la comisión ya los difirió; reopened: volvieron por una apelación aceptada',
    ),
}).strict();
export type QueueQuery = z.infer<typeof QueueQuerySchema>;

const Count = z.int().min(0);

export const QueueItemSchema = z
  .object({
    dossierId: z.string(),
    organization: z.object({ id: z.string(), name: z.string(), department: z.string() }),
    producer: z
      .object({ id: z.string().nullable(), name: z.string(), department: z.string(), municipality: z.string(), community: z.string() })
      .describe(
        'Unidad productiva del expediente y dónde está; en el expediente propio de una organización (certificación en grupo), id es null y el nombre y el lugar son los de la organización',
      ),
    cycle: z.int().describe('Año del ciclo'),
    scheme: z.string(),
    criteriaVersion: z.string(),
    recommendation: z
      .object({ outcome: z.enum(['approve', 'approve_with_conditions', 'deny']), rationale: z.string(), at: z.string() })
      .nullable()
      .describe('Recomendación del comité local'),
    openNonConformities: z
      .object({ critical: Count, major: Count, minor: Count, progressive: Count })
      .describe('No conformidades sin cerrar de las visitas que cuentan, por nivel del criterio'),
    queueState: z.enum(QUEUE_STATES),
    queueStateLabel: z.string().describe('Por qué espera, en castellano'),
    waitingSince: z.string().describe('Cuándo llegó (o volvió) a la comisión'),
    deferredAt: z.string().nullable().describe('La última vez que la comisión lo difirió'),
    reopenedAt: z.string().nullable().describe('La última vez que una apelación aceptada lo devolvió a la comisión'),
  })
  .meta({ id: 'CommissionQueueItem' });
export type QueueItem = z.infer<typeof QueueItemSchema>;

export const QueuePageSchema = page(QueueItemSchema);
export type QueuePage = z.infer<typeof QueuePageSchema>;
