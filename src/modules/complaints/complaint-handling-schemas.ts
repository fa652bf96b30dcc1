/** Request and response schemas of the commission's handling of complaints (denuncias). */
import { z } from 'zod';
import { COMPLAINT_OUTCOMES, COMPLAINT_STATUSES, COMPLAINT_STEP_KINDS, COMPLAINT_SUBJECTS } from '../../domain/complaints.js';
import { SANCTION_EFFECTS } from '../../domain/criteria-schema.js';
import { HumanLine, HumanParagraphs } from '../../human-text.js';
import { TeamMemberInputSchema } from '../dossiers/dossier-schemas.js';
import { page, PageQuerySchema } from '../registry/registry-schemas.js';

export const ComplaintListQuerySchema = PageQuerySchema.extend({
  status: z
    .enum(COMPLAINT_STATUSES)
    .optional()
    .describe('received: sin asignar; in_inquiry: en investigación; closed: cerradas. Sin filtro, todas'),
}).strict();
export type ComplaintListQuery = z.infer<typeof ComplaintListQuerySchema>;

const Named = z.object({ id: z.string(), name: z.string() });

export const ComplaintListItemSchema = z
  .object({
    id: z.string(),
    trackingNumber: z.string().describe('Número de seguimiento «DEN-XXXX-XXXX» que guarda quien denunció'),
    subject: z.enum(COMPLAINT_SUBJECTS),
    subjectLabel: z.string(),
    what: z.string().describe('Lo denunciado, como lo escribió quien denunció'),
    organization: Named.nullable().describe('La organización denunciada, si se conoce'),
    certificateCode: z.string().nullable().describe('El certificado al que corresponde, si se conoce'),
    status: z.enum(COMPLAINT_STATUSES),
    statusLabel: z.string(),
    assignee: Named.nullable().describe('Miembro de la comisión a cargo'),
    createdAt: z.string().describe('Cuándo se presentó'),
  })
  .meta({ id: 'ComplaintListItem' });
export type ComplaintListItem = z.infer<typeof ComplaintListItemSchema>;

export const ComplaintPageSchema = page(ComplaintListItemSchema);
export type ComplaintPage = z.infer<typeof ComplaintPageSchema>;

export const ComplaintStepSchema = z.object({
  kind: z
    .enum(COMPLAINT_STEP_KINDS)
    .describe('assigned: asignada; inquiry: notas de la investigación; visit_ordered: visita sin aviso; closed'),
  notes: z.string().nullable(),
  by: z.string().describe('Quién dio el paso'),
  at: z.string(),
});

export const ComplaintSchema = ComplaintListItemSchema.extend({
  codeGiven: z
    .string()
    .nullable()
    .describe('El código tal como lo dio quien denunció (de una etiqueta, un QR), aunque no corresponda a ninguno'),
  place: z.string().nullable(),
  happenedOn: z.string().nullable().describe('El día en que ocurrió o se vio (AAAA-MM-DD)'),
  certificate: z
    .object({ id: z.string(), code: z.string(), scope: z.enum(['unit', 'group']), holder: z.string(), status: z.string() })
    .nullable(),
  contact: z.string().nullable().describe('Cómo contactar a quien denunció: solo lo ve la comisión (null para la administración)'),
  contactGiven: z.boolean().describe('Si quien denunció dejó un contacto'),
  photo: z.object({ type: z.string(), size: z.int(), url: z.string().describe('Dirección de la foto en esta API') }).nullable(),
  steps: z.array(ComplaintStepSchema).describe('Los pasos de la comisión, en orden'),
  visit: z
    .object({ id: z.string(), dossierId: z.string(), plannedOn: z.string(), status: z.string() })
    .nullable()
    .describe('La visita sin aviso que ordenó la comisión'),
  outcome: z.enum(COMPLAINT_OUTCOMES).nullable(),
  outcomeLabel: z.string().nullable(),
  publicSummary: z.string().nullable().describe('Lo que ven quien denunció y el público del resultado'),
  sanction: z
    .object({ code: z.string(), name: z.string(), effect: z.enum(SANCTION_EFFECTS), effectLabel: z.string(), criteriaVersion: z.string() })
    .nullable()
    .describe('La sanción aplicada, del catálogo de la versión de criterios vigente al cerrar'),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  updatedAt: z.string(),
}).meta({ id: 'Complaint' });
export type Complaint = z.infer<typeof ComplaintSchema>;

export const AssignComplaintSchema = z
  .object({ userId: z.uuid().describe('La cuenta del miembro de la comisión que estará a cargo') })
  .strict();
export type AssignComplaint = z.infer<typeof AssignComplaintSchema>;

export const ComplaintInquirySchema = z
  .object({
    notes: HumanParagraphs()
      .min(5, 'Escriba lo averiguado (al menos 5 caracteres)')
      .max(4000)
      .describe('Lo que la comisión averiguó: a quién consultó, qué vio'),
  })
  .strict();
export type ComplaintInquiry = z.infer<typeof ComplaintInquirySchema>;

export const LinkComplaintSchema = z
  .object({
    certificateCode: HumanLine()
      .min(3, 'Escriba el código del certificado')
      .max(40)
      .transform((s) => s.toUpperCase())
      .describe('Código del certificado al que se refiere la denuncia'),
  })
  .strict();
export type LinkComplaint = z.infer<typeof LinkComplaintSchema>;

export const OrderUnannouncedVisitSchema = z
  .object({
    dossierId: z.uuid().optional().describe('El expediente a visitar; si falta, el del certificado (o el del miembro elegido)'),
    producerId: z.uuid().optional().describe('En un certificado de grupo: la unidad miembro a visitar (su expediente)'),
    plannedOn: z.iso.date(),
    team: z.array(TeamMemberInputSchema).min(1),
  })
  .strict();
export type OrderUnannouncedVisit = z.infer<typeof OrderUnannouncedVisitSchema>;

export const CloseComplaintSchema = z
  .object({
    outcome: z.enum(COMPLAINT_OUTCOMES).describe('founded: fundada; unfounded: no fundada; not_admissible: no admitida'),
    publicSummary: HumanParagraphs()
      .min(10, 'Escriba en palabras sencillas lo que se concluyó (al menos 10 caracteres)')
      .max(2000)
      .describe('Lo que verán quien denunció y el público, sin detalles internos'),
    sanctionCode: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .optional()
      .describe('Sanción aplicada, del catálogo de la versión de criterios vigente: obligatoria en una denuncia fundada si hay catálogo'),
  })
  .strict();
export type CloseComplaint = z.infer<typeof CloseComplaintSchema>;
