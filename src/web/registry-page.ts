/** The public registry of certificates (GET /registro): a plain GET search form, results and pages. */
import { clip, firstItems, formatDay } from './format.js';
import type { Locale, Translate } from './locale.js';
import { groupHolderText, layoutData, listText, otherLocale, REGISTRY_PATH } from './page-layout.js';
import { CERTIFICATE_STATUSES, type RegistryEntry, type RegistryQuery, type RegistryView } from './page-types.js';
import { renderTemplate } from './views.js';

const FILTERS = ['q', 'product', 'municipio', 'municipality', 'department', 'sector', 'status'] as const;
const MAX_PRODUCTS = 5;
const MAX_ITEM = 60;
const MAX_TEXT = 150;

/**
 * The registry's address for a query: non-empty filters, then `lang` if given, then the page
 * when it is not the first. Pagination and language links use it so that no filter is lost.
 */
export function registryHref(query: RegistryQuery, lang: Locale | undefined, page: number): string {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = query[name]?.trim();
    if (value) params.set(name, value);
  }
  if (lang) params.set('lang', lang);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `${REGISTRY_PATH}?${search}` : REGISTRY_PATH;
}

function withLang(url: string, lang: Locale | undefined): string {
  return lang ? `${url}${url.includes('?') ? '&' : '?'}lang=${lang}` : url;
}

function entryView(entry: RegistryEntry, t: Translate, locale: Locale, lang: Locale | undefined) {
  const products = firstItems(entry.products, MAX_PRODUCTS, MAX_ITEM);
  const rows = [
    ...(entry.producer === null ? [] : [{ label: t('field.producer'), value: clip(entry.producer, MAX_TEXT) }]),
    { label: t('field.products'), value: listText(t, locale, products.shown, products.more) },
    {
      label: t('field.region'),
      value: t('format.region', { municipality: clip(entry.municipality, MAX_ITEM), department: clip(entry.department, MAX_ITEM) }),
    },
    { label: t('field.sealLevel'), value: clip(entry.sealLevel, MAX_ITEM) },
    { label: t('field.expiresOn'), value: formatDay(entry.expiresOn, locale) },
  ];
  return {
    href: withLang(entry.verifyUrl, lang),
    code: entry.code,
    status: entry.status,
    statusName: t(`statusName.${entry.status}`),
    // A group certificate is one entry: «Asociación X — 12 familias certificadas».
    organization:
      entry.activeMembers === undefined || entry.activeMembers === null
        ? clip(entry.organization, MAX_TEXT)
        : groupHolderText(t, clip(entry.organization, MAX_TEXT), entry.activeMembers),
    rows,
  };
}

export function renderRegistryPage(view: RegistryView, locale: Locale): string {
  const { query } = view;
  // English is not the default, so links carry it; Spanish only when it was asked for explicitly.
  const lang = query.lang ?? (locale === 'es' ? undefined : locale);
  const layout = layoutData(locale, {
    title: (t) => t('registry.title'),
    publicBaseUrl: view.publicBaseUrl,
    section: 'registry',
    switchHref: registryHref(query, otherLocale(locale), query.page),
  });
  const { t } = layout;
  const page = Math.max(1, Math.floor(query.page));
  const pageSize = Math.max(1, view.pageSize);
  const pages = Math.max(1, Math.ceil(view.total / pageSize));
  const from = (page - 1) * pageSize + 1;

  const option = (value: string, label: string, selected: string | undefined) => ({ value, label, selected: value === selected });
  const selects = [
    { name: 'department', label: t('registry.department'), options: view.departments.map((d) => option(d.code, d.name, query.department)) },
    { name: 'sector', label: t('registry.sector'), options: view.sectors.map((s) => option(s.code, s.name, query.sector)) },
    {
      name: 'status',
      label: t('registry.status'),
      options: CERTIFICATE_STATUSES.map((s) => option(s, t(`statusName.${s}`), query.status)),
    },
  ];

  return renderTemplate('registry', {
    ...layout,
    formAction: REGISTRY_PATH,
    langParam: lang ?? null,
    clearHref: registryHref({ page: 1 }, lang, 1),
    form: { q: query.q ?? '', product: query.product ?? '', municipality: query.municipio ?? query.municipality ?? '', selects },
    countText: t('registry.count', { from, to: from + view.entries.length - 1, total: view.total }),
    entries: view.entries.map((entry) => entryView(entry, t, locale, lang)),
    pagination:
      pages > 1 || page > 1
        ? {
            previousHref: page > 1 ? registryHref(query, lang, Math.min(page - 1, pages)) : null,
            nextHref: page < pages ? registryHref(query, lang, page + 1) : null,
            text: t('registry.page', { page, pages }),
          }
        : null,
    csvHref: view.csvUrl,
    jsonHref: view.jsonUrl,
  });
}
