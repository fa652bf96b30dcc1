/** Complaints from the public and the commission's handling of them; reviewers' training records. */
import { index, sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
import { COMPLAINT_OUTCOMES, COMPLAINT_STATUSES, COMPLAINT_STEP_KINDS, COMPLAINT_SUBJECTS } from '../../domain/complaints.js';
import { users } from './accounts.js';
import { certificates } from './certificates.js';
import { createdAt, id } from './columns.js';
import { visits } from './dossiers.js';
import { organizations, persons } from './registry.js';

/**
 * A complaint (denuncia) filed by anyone, without an account. The complainant's contact is never public;
 * the tracking page shows only the status, the outcome and the public summary.
 */
export const complaints = sqliteTable(
  'complaints',
  {
    id: id(),
    /** «DEN-XXXX-XXXX» (complaints.ts): what the complainant keeps to follow it. */
    trackingNumber: text('tracking_number').notNull().unique(),
    subject: text('subject', { enum: COMPLAINT_SUBJECTS }).notNull(),
    /** The organisation it is about, when known (from the certificate's code or chosen by the commission). */
    organizationId: text('organization_id').references(() => organizations.id),
    certificateId: text('certificate_id').references(() => certificates.id),
    /** The code as the complainant gave it (from a label, a QR), even when it matches no certificate. */
    codeGiven: text('code_given'),
    what: text('what').notNull(),
    /** Where it happened or was seen (a market, a shop, a community). */
    place: text('place'),
    /** The day it happened or was seen (YYYY-MM-DD), when given. */
    happenedOn: text('happened_on'),
    /** How to reach the complainant, when they give it: seen only by the commission. */
    contact: text('contact'),
    /** An optional photo, stored as the evidence files are (content-addressed by sha256). */
    photoSha256: text('photo_sha256'),
    photoType: text('photo_type'),
    photoSize: integer('photo_size'),
    status: text('status', { enum: COMPLAINT_STATUSES }).notNull(),
    /** The commission member in charge of the inquiry. */
    assignedTo: text('assigned_to').references(() => users.id),
    /** The unannounced visit the commission ordered about it, if any. */
    visitId: text('visit_id').references(() => visits.id),
    outcome: text('outcome', { enum: COMPLAINT_OUTCOMES }),
    /** What the tracking page and the public see of the outcome, without internal details. */
    publicSummary: text('public_summary'),
    /** The sanction applied, from the catalogue of `sanctionVersion` (sanctions.ts). */
    sanctionCode: text('sanction_code'),
    sanctionVersion: text('sanction_version'),
    closedBy: text('closed_by').references(() => users.id),
    closedAt: text('closed_at'),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('complaints_status').on(t.status, t.createdAt), index('complaints_org').on(t.organizationId)],
);

/** The handling of a complaint, step by step (assigned, inquiry notes, visit ordered, closed): internal to the commission. */
export const complaintSteps = sqliteTable(
  'complaint_steps',
  {
    id: id(),
    complaintId: text('complaint_id')
      .notNull()
      .references(() => complaints.id),
    kind: text('kind', { enum: COMPLAINT_STEP_KINDS }).notNull(),
    notes: text('notes'),
    byUserId: text('by_user_id')
      .notNull()
      .references(() => users.id),
    at: text('at').notNull(),
  },
  (t) => [index('complaint_steps_complaint').on(t.complaintId, t.at)],
);

/** A training a person took (training.ts): what a scheme may require of peer reviewers. */
export const trainingRecords = sqliteTable(
  'training_records',
  {
    id: id(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    scheme: text('scheme').notNull(),
    /** A topic of the scheme's `training` rules. */
    topic: text('topic').notNull(),
    /** The criteria version the training taught. */
    criteriaVersion: text('criteria_version').notNull(),
    completedOn: text('completed_on').notNull(),
    trainer: text('trainer').notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('training_records_person').on(t.personId, t.topic)],
);
