/** The public registry of certificates (GET /registro): a plain GET search form, results and pages. */
import { clip, firstItems, formatDay } from './format.js';
import type { Locale, Translate } from './locale.js';
import { layoutData, listText, otherLocale, REGISTRY_PATH } from './page-layout.js';
import { CERTIFICATE_STATUSES, type RegistryCertificate, type RegistryEntry, type RegistryQuery, type RegistryView } from './page-types.js';
import { renderTemplate } from './views.js';

const FILTERS = ['q', 'product', 'municipio', 'municipality', 'department', 'sector', 'status', 'organization'] as const;
const MAX_PRODUCTS = 8;
const MAX_NAMED = 5;
/** Certificates listed under an organisation in a list of several; the link to it alone lists them all. */
const MAX_CERTIFICATES = 5;
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

const familiesText = (t: Translate, n: number) => (n === 1 ? t('group.families.one') : t('group.families.other', { count: n }));

function withLang(url: string, lang: Locale | undefined): string {
  return lang ? `${url}${url.includes('?') ? '&' : '?'}lang=${lang}` : url;
}

/** «3 familias certificadas», with the names of those that consented: «… : Familia Choque y 2 más». */
function unitsText(entry: RegistryEntry, t: Translate, locale: Locale): string {
  if (entry.certifiedUnits === 0) return t('registry.noUnits');
  const families = familiesText(t, entry.certifiedUnits);
  const named = firstItems(entry.namedUnits, MAX_NAMED, MAX_ITEM);
  if (named.shown.length === 0) return families;
  return t('registry.unitsNamed', {
    families,
    names: listText(t, locale, named.shown, Math.max(0, entry.certifiedUnits - named.shown.length)),
  });
}

function certificateView(c: RegistryCertificate, t: Translate, locale: Locale, lang: Locale | undefined) {
  const holder =
    c.activeMembers !== null
      ? t('registry.groupCertificate', { families: familiesText(t, c.activeMembers) })
      : c.producer === null
        ? t('registry.unnamedUnit')
        : clip(c.producer, MAX_TEXT);
  return {
    href: withLang(c.verifyUrl, lang),
    code: c.code,
    status: c.status,
    statusName: t(`statusName.${c.status}`),
    detail: t('registry.certificateDetail', { holder, until: formatDay(c.expiresOn, locale) }),
  };
}

function entryView(entry: RegistryEntry, t: Translate, locale: Locale, query: RegistryQuery, lang: Locale | undefined) {
  const products = firstItems(entry.products, MAX_PRODUCTS, MAX_ITEM);
  const all = query.organization !== undefined || entry.certificates.length <= MAX_CERTIFICATES;
  const shown = all ? entry.certificates : entry.certificates.slice(0, MAX_CERTIFICATES);
  return {
    // The organisation alone, with the same filters: every one of its certificates.
    more: all
      ? null
      : {
          href: registryHref({ ...query, organization: entry.organization }, lang, 1),
          text: t('registry.allCertificates', { count: entry.certificates.length }),
        },
    organization: clip(entry.organization, MAX_TEXT),
    meta: t('registry.orgMeta', {
      kind: clip(entry.kind, MAX_ITEM),
      region: t('format.region', { municipality: clip(entry.municipality, MAX_ITEM), department: clip(entry.department, MAX_ITEM) }),
    }),
    units: unitsText(entry, t, locale),
    products: listText(t, locale, products.shown, products.more),
    certificates: shown.map((c) => certificateView(c, t, locale, lang)),
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

  const active =
    (['product', 'department', 'sector', 'status'] as const).filter((name) => query[name]?.trim()).length +
    ((query.municipio ?? query.municipality)?.trim() ? 1 : 0);
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
    form: {
      q: query.q ?? '',
      product: query.product ?? '',
      municipality: query.municipio ?? query.municipality ?? '',
      selects,
      // The other filters fold away below the search box; their summary says how many are set.
      filtersSummary: active === 0 ? t('registry.moreFilters') : t('registry.filtersSet', { count: active }),
    },
    countText: t('registry.count', { from, to: from + view.entries.length - 1, total: view.total }),
    entries: view.entries.map((entry) => entryView(entry, t, locale, query, lang)),
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
    groupedJsonHref: view.organizationsJsonUrl,
  });
}
