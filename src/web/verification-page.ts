/**
 * The page a buyer sees after scanning a certificate's QR code (GET /c/<code>), the
 * page for a code that is not found, and the one for a status that cannot be confirmed. Both are small, self-contained and work without JavaScript.
 */
import { asSentence } from '../domain/text.js';
import { complaintFormHref } from './complaint-pages.js';
import { clip, firstItems, formatBoliviaDay, formatBoliviaTime, formatDay, shortHash } from './format.js';
import type { Locale, Translate } from './locale.js';
import { groupHolderText, layoutData, listText, VERIFY_PATH } from './page-layout.js';
import type { CertificateStatus, GroupView, MemberView, NotFoundView, VerificationView } from './page-types.js';
import { renderTemplate } from './views.js';

/** Limits that keep the page light on a slow phone; the JSON version has everything. */
const MAX_TEXT = 200;
/** A reason may name the conditions that were not met, and what ends the suspension. */
const MAX_REASON = 400;
const MAX_PRODUCTS = 20;
const MAX_SECTORS = 10;
const MAX_ITEM = 80;
const MAX_INPUT = 60;
/** Members listed on the page; the JSON version lists them all. */
const MAX_MEMBERS = 60;

const STATUS_ICON: Record<CertificateStatus, string> = { active: 'check', suspended: 'pause', revoked: 'cross', expired: 'clock' };

/**
 * The status in one or two sentences. A reason someone typed ("Se detectó …", "acciones
 * vencidas..") follows "Motivo:" as a sentence of its own, ending in exactly one full stop.
 */
function explanation(view: VerificationView, t: Translate, locale: Locale): string {
  const since = formatBoliviaDay(view.statusSince, locale);
  const reason = asSentence(clip(view.statusReason?.trim() ?? '', MAX_REASON)) || undefined;
  switch (view.status) {
    case 'active':
      return t('verify.explain.active', { expiresOn: formatDay(view.expiresOn, locale) });
    case 'expired':
      return t('verify.explain.expired', { expiresOn: formatDay(view.expiresOn, locale) });
    case 'suspended':
    case 'revoked':
      return reason === undefined
        ? t(`verify.explain.${view.status}`, { since })
        : t(`verify.explain.${view.status}Reason`, { since, reason });
  }
}

/** A member in words: its name only with consent, else «Unidad productiva de <comunidad>»; and its own status. */
function memberItem(member: MemberView, t: Translate, locale: Locale) {
  const community = clip(member.community, MAX_ITEM);
  const since = formatBoliviaDay(member.since, locale);
  const reason = asSentence(clip(member.reason?.trim() ?? '', MAX_REASON));
  return {
    status: member.status,
    label: member.name === null ? t('group.unnamed', { community }) : t('group.named', { name: clip(member.name, MAX_ITEM), community }),
    statusText:
      member.status === 'active'
        ? t('group.member.active')
        : reason
          ? t('group.member.excludedReason', { since, reason })
          : t('group.member.excluded', { since }),
  };
}

function groupSection(group: GroupView, t: Translate, locale: Locale) {
  const more = group.members.length - MAX_MEMBERS;
  return {
    title: t('group.title'),
    intro: t('group.intro'),
    items: group.members.slice(0, MAX_MEMBERS).map((m) => memberItem(m, t, locale)),
    more: more > 0 ? t('group.more', { count: more }) : null,
  };
}

function checkedAtText(t: Translate, locale: Locale, checkedAt: string): string {
  return t('verify.checkedAt', { date: formatBoliviaDay(checkedAt, locale), time: formatBoliviaTime(checkedAt) });
}

export function renderVerificationPage(view: VerificationView, locale: Locale): string {
  const layout = layoutData(locale, {
    title: (t) => t('verify.title', { code: view.code, status: t(`status.${view.status}`) }),
    publicBaseUrl: view.publicBaseUrl,
    jsonHref: view.jsonUrl,
  });
  const { t } = layout;
  const products = firstItems(view.products, MAX_PRODUCTS, MAX_ITEM);
  const sectors = firstItems(view.sectors, MAX_SECTORS, MAX_ITEM);
  const rows: { label: string; value: string }[] = [
    {
      label: t('field.organization'),
      // A group: «Asociación X — 12 familias certificadas», the organisation with its members certified today.
      value: view.group
        ? groupHolderText(t, clip(view.organization.name, MAX_TEXT), view.group.activeMembers)
        : clip(view.organization.name, MAX_TEXT),
    },
    ...(view.producer === null ? [] : [{ label: t('field.producer'), value: clip(view.producer, MAX_TEXT) }]),
    { label: t('field.products'), value: listText(t, locale, products.shown, products.more) },
    ...(view.sectors.length === 0 ? [] : [{ label: t('field.sectors'), value: listText(t, locale, sectors.shown, sectors.more) }]),
    {
      label: t('field.region'),
      value: t('format.region', {
        municipality: clip(view.organization.municipality, MAX_ITEM),
        department: clip(view.organization.department, MAX_ITEM),
      }),
    },
    { label: t('field.sealLevel'), value: clip(view.sealLevel, MAX_ITEM) },
    {
      label: t('field.criteria'),
      value: t('format.criteria', {
        name: clip(view.scheme.name, MAX_ITEM),
        version: clip(view.scheme.version, 20),
        hash: shortHash(view.scheme.contentHash),
      }),
    },
    { label: t('field.issuedOn'), value: formatDay(view.issuedOn, locale) },
    { label: t('field.expiresOn'), value: formatDay(view.expiresOn, locale) },
  ];
  return renderTemplate('verification', {
    ...layout,
    status: view.status,
    statusWord: t(`status.${view.status}`),
    icon: STATUS_ICON[view.status],
    certificateLabel: t('verify.certificate', { code: view.code }),
    explanation: explanation(view, t, locale),
    advice: view.status === 'active' ? null : t(`verify.advice.${view.status}`),
    rows,
    group: view.group ? groupSection(view.group, t, locale) : null,
    checkedAt: checkedAtText(t, locale, view.checkedAt),
    addressUrl: `${view.publicBaseUrl}${VERIFY_PATH}${view.code}`,
    jsonHref: view.jsonUrl,
    complaintHref: complaintFormHref(locale, view.code),
  });
}

export function renderCodeNotFoundPage(view: NotFoundView, locale: Locale): string {
  const kind = view.reason === 'unknown' ? 'unknown' : 'typo';
  const layout = layoutData(locale, {
    title: (t) => t(`notFound.title.${kind}`),
    publicBaseUrl: view.publicBaseUrl,
  });
  const { t } = layout;
  const input = clip(view.input.trim(), MAX_INPUT);
  return renderTemplate('not-found', {
    ...layout,
    kind,
    icon: kind === 'unknown' ? 'cross' : 'alert',
    word: t(`notFound.word.${kind}`),
    headline: t(`notFound.headline.${kind}`),
    lead: t(`notFound.lead.${view.reason}`),
    advice: t(`notFound.advice.${kind}`),
    input: input === '' ? t('notFound.emptyInput') : input,
    retryAction: view.retryAction ?? null,
    retryValue: input,
    langParam: locale === 'es' ? null : locale,
    checkedAt: checkedAtText(t, locale, view.checkedAt),
    // A well-formed code of no certificate may be a counterfeit label: the complaint about the seal's use names it.
    complaintHref: complaintFormHref(locale, kind === 'unknown' ? input : undefined),
  });
}

/** The page of a certificate whose record does not agree with its history: no status, only that it cannot be confirmed now. */
export function renderUnconfirmedPage(view: { code: string; checkedAt: string; publicBaseUrl: string }, locale: Locale): string {
  const layout = layoutData(locale, { title: (t) => t('unconfirmed.title', { code: view.code }), publicBaseUrl: view.publicBaseUrl });
  const { t } = layout;
  return renderTemplate('unconfirmed', {
    ...layout,
    word: t('unconfirmed.word'),
    headline: t('unconfirmed.headline'),
    lead: t('unconfirmed.lead'),
    advice: t('unconfirmed.advice'),
    code: view.code,
    checkedAt: checkedAtText(t, locale, view.checkedAt),
  });
}
