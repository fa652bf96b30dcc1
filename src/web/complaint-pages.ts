/**
 * The public pages of complaints: the form to file one (no account, works without JavaScript), the page
 * that follows one by its tracking number, and the field to type that number. They show nothing internal:
 * no contact, no inquiry, no one's name from the commission.
 */
import type { ComplaintOutcome, ComplaintStatus, ComplaintSubject } from '../domain/complaints.js';
import { COMPLAINT_SUBJECTS } from '../domain/complaints.js';
import { clip, formatBoliviaDay } from './format.js';
import type { Locale } from './locale.js';
import { inLocale, layoutData } from './page-layout.js';
import { renderTemplate } from './views.js';

export const COMPLAINT_FORM_PATH = '/denuncias/nueva';
export const COMPLAINT_POST_PATH = '/denuncias';
export const COMPLAINT_LOOKUP_PATH = '/denuncias/seguimiento';
export const complaintPath = (trackingNumber: string) => `/denuncias/${trackingNumber}`;

/** The complaint form, with the certificate's code filled in when there is one. */
export function complaintFormHref(locale: Locale, code?: string): string {
  return inLocale(code ? `${COMPLAINT_FORM_PATH}?codigo=${encodeURIComponent(code)}` : COMPLAINT_FORM_PATH, locale);
}

/** The form's fields, in order; `website` is the field only robots fill in. */
export const COMPLAINT_FIELDS = ['subject', 'code', 'what', 'place', 'happenedOn', 'contact', 'photo', 'answer'] as const;
export type ComplaintField = (typeof COMPLAINT_FIELDS)[number];
export const HONEYPOT_FIELD = 'website';

export type ComplaintFormView = {
  publicBaseUrl: string;
  /** What the person typed, shown again after a refusal. */
  values: Partial<Record<Exclude<ComplaintField, 'photo' | 'answer'>, string>>;
  /** What to fix, by field. */
  issues: Partial<Record<ComplaintField, string>>;
  /** A problem with the whole form (too many filings, a robot's answer). */
  problem?: 'refused' | { limitedFor: string };
  question: { text: string; token: string };
  /** The organisation the given code names, when it names one. */
  organizationName: string | null;
  whatMax: number;
};

export type ComplaintTrackingView = {
  publicBaseUrl: string;
  trackingNumber: string;
  subject: ComplaintSubject;
  status: ComplaintStatus;
  filedAt: string;
  updatedAt: string;
  closedAt: string | null;
  outcome: ComplaintOutcome | null;
  publicSummary: string | null;
};

export type ComplaintLookupView = { publicBaseUrl: string; typed: string; problem?: 'empty' | 'unknown' };

const MAX_SUMMARY = 4000;

export function renderComplaintFormPage(view: ComplaintFormView, locale: Locale): string {
  const layout = layoutData(locale, {
    title: (t) => t('complaint.form.title'),
    publicBaseUrl: view.publicBaseUrl,
    ...(view.values.code ? { query: { codigo: view.values.code } } : {}),
  });
  const { t } = layout;
  const issue = (field: ComplaintField) => view.issues[field] ?? null;
  const hasIssues = Object.keys(view.issues).length > 0;
  const problem =
    view.problem === undefined
      ? hasIssues
        ? t('complaint.form.problem')
        : null
      : view.problem === 'refused'
        ? t('complaint.form.refused')
        : t('complaint.form.limited', { wait: view.problem.limitedFor });
  return renderTemplate('complaint-form', {
    ...layout,
    noindex: true,
    action: inLocale(COMPLAINT_POST_PATH, locale),
    problem,
    about: view.organizationName ? t('complaint.form.about', { organization: clip(view.organizationName, 200) }) : null,
    subjects: COMPLAINT_SUBJECTS.map((s) => ({ value: s, label: t(`complaint.form.subject.${s}`), selected: view.values.subject === s })),
    values: view.values,
    issue,
    // Whatever the refusal, a chosen photo is not kept: say so wherever the form comes back.
    photoAgain: hasIssues || view.problem !== undefined,
    question: view.question,
    questionLabel: t('complaint.form.question', { question: view.question.text }),
    honeypot: HONEYPOT_FIELD,
    whatHint: t('complaint.form.whatHint', { max: view.whatMax }),
    whatMax: view.whatMax,
    lookupHref: inLocale(COMPLAINT_LOOKUP_PATH, locale),
  });
}

export function renderComplaintTrackingPage(view: ComplaintTrackingView, locale: Locale): string {
  const layout = layoutData(locale, {
    title: (t) => t('complaint.track.title', { number: view.trackingNumber }),
    publicBaseUrl: view.publicBaseUrl,
  });
  const { t } = layout;
  const rows = [
    { label: t('complaint.track.status'), value: t(`complaint.status.${view.status}`) },
    { label: t('complaint.track.subject'), value: t(`complaint.form.subject.${view.subject}`) },
    { label: t('complaint.track.filedAt'), value: formatBoliviaDay(view.filedAt, locale) },
    ...(view.updatedAt !== view.filedAt && view.status !== 'closed'
      ? [{ label: t('complaint.track.updatedAt'), value: formatBoliviaDay(view.updatedAt, locale) }]
      : []),
    ...(view.status === 'closed' && view.closedAt
      ? [{ label: t('complaint.track.closedAt'), value: formatBoliviaDay(view.closedAt, locale) }]
      : []),
    ...(view.status === 'closed' && view.outcome
      ? [{ label: t('complaint.track.outcome'), value: t(`complaint.outcome.${view.outcome}`) }]
      : []),
    ...(view.status === 'closed' && view.publicSummary
      ? [{ label: t('complaint.track.summary'), value: clip(view.publicSummary, MAX_SUMMARY) }]
      : []),
  ];
  return renderTemplate('complaint-tracking', {
    ...layout,
    noindex: true,
    trackingNumber: view.trackingNumber,
    rows,
  });
}

export function renderComplaintLookupPage(view: ComplaintLookupView, locale: Locale): string {
  const layout = layoutData(locale, { title: (t) => t('complaint.lookup.title'), publicBaseUrl: view.publicBaseUrl });
  const { t } = layout;
  return renderTemplate('complaint-lookup', {
    ...layout,
    noindex: true,
    action: COMPLAINT_LOOKUP_PATH,
    typed: clip(view.typed, 40),
    problem: view.problem ? t(`complaint.lookup.${view.problem}`) : null,
    langParam: locale === 'es' ? null : locale,
    fileHref: inLocale(COMPLAINT_FORM_PATH, locale),
  });
}
