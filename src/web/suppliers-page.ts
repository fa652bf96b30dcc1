/**
 * The suppliers for public purchases (GET /proveedores): a plain GET search form by product,
 * municipality and department, one entry per organisation with a valid seal, what a purchasing
 * officer needs to know about the seal and how to check a code, and the list as CSV and signed JSON.
 */
import { DEPARTMENTS } from '../domain/bolivia.js';
import { codeForUrl } from '../domain/certificate-code.js';
import type { Suppliers, SuppliersQuery } from '../modules/public/suppliers-schemas.js';
import { formatBoliviaDay, formatBoliviaTime, formatDay } from './format.js';
import type { Locale } from './locale.js';
import { layoutData, listText, otherLocale, SUPPLIERS_PATH, VERIFY_PATH } from './page-layout.js';
import { renderTemplate } from './views.js';

export const SUPPLIERS_JSON_PATH = '/api/v1/public/suppliers';
export const SUPPLIERS_CSV_PATH = '/api/v1/public/suppliers.csv';

const FILTERS = ['product', 'municipio', 'municipality', 'department'] as const;
const DEPARTMENT_OPTIONS = Object.entries(DEPARTMENTS).map(([code, name]) => ({ code, name }));

/** The filters of a query as a query string (with `lang` when given): `?…`, or '' when there are none. */
function searchOf(query: Omit<SuppliersQuery, 'lang'>, lang: Locale | undefined): string {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = query[name]?.trim();
    if (value) params.set(name, value);
  }
  if (lang) params.set('lang', lang);
  const search = params.toString();
  return search ? `?${search}` : '';
}

export type SuppliersPageView = { query: SuppliersQuery; list: Suppliers; publicBaseUrl: string };

export function renderSuppliersPage({ query, list, publicBaseUrl }: SuppliersPageView, locale: Locale): string {
  // Spanish is the default: only English is carried in links.
  const lang = locale === 'es' ? undefined : locale;
  const { lang: _lang, ...filters } = query;
  const layout = layoutData(locale, {
    title: (t) => t('suppliers.title'),
    publicBaseUrl,
    section: 'suppliers',
    switchHref: `${SUPPLIERS_PATH}${searchOf(filters, otherLocale(locale) === 'es' ? undefined : otherLocale(locale))}`,
    jsonHref: `${SUPPLIERS_JSON_PATH}${searchOf(filters, undefined)}`,
  });
  const { t } = layout;
  const list_ = (items: string[]) => listText(t, locale, items, 0);

  const entries = list.items.map((s) => {
    const homeIsWhereTheyProduce = s.places.length === 1 && s.places[0]!.municipality === s.municipality;
    const rows = [
      { label: t('suppliers.kind'), value: s.kindName },
      { label: t('suppliers.place'), value: t('format.region', { municipality: s.municipality, department: s.department }) },
      { label: t('suppliers.units'), value: String(s.certifiedUnits) },
      ...(homeIsWhereTheyProduce || s.places.length === 0
        ? []
        : [
            {
              label: t('suppliers.unitPlaces'),
              value: list_(s.places.map((p) => t('format.region', { municipality: p.municipality, department: p.department }))),
            },
          ]),
      { label: t('suppliers.products'), value: list_(s.products) },
      { label: t('suppliers.sectors'), value: list_(s.sectors) },
    ];
    return {
      name: s.name,
      rows,
      certificates: s.certificates.map((c) => ({
        href: `${VERIFY_PATH}${codeForUrl(c.code)}${lang ? `?lang=${lang}` : ''}`,
        code: c.code,
        text: t('suppliers.certificate', { code: c.code, expiresOn: formatDay(c.expiresOn, locale) }),
      })),
      contact: s.contact
        ? {
            name: s.contact.name,
            phone: s.contact.phone,
            phoneHref: s.contact.phone ? `tel:${s.contact.phone.replace(/[^\d+]/g, '')}` : null,
            email: s.contact.email,
          }
        : null,
    };
  });

  const placeFilters = [list.filters.municipality, list.filters.department].filter(Boolean).length;
  return renderTemplate('suppliers', {
    ...layout,
    formAction: SUPPLIERS_PATH,
    langParam: lang ?? null,
    clearHref: `${SUPPLIERS_PATH}${lang ? `?lang=${lang}` : ''}`,
    form: {
      product: query.product ?? '',
      municipality: query.municipio ?? query.municipality ?? '',
      departments: DEPARTMENT_OPTIONS.map((d) => ({ value: d.code, label: d.name, selected: d.code === list.filters.department })),
      // On a phone the product box and the results come first; the place filters fold, saying how many are set.
      filtersSummary: placeFilters === 0 ? t('registry.moreFilters') : t('registry.filtersSet', { count: placeFilters }),
    },
    countText: list.total === 1 ? t('suppliers.count.one') : t('suppliers.count.other', { count: list.total }),
    entries,
    producedAt: t('suppliers.producedAt', {
      at: `${formatBoliviaDay(list.producedAt, locale)}, ${formatBoliviaTime(list.producedAt)}`,
    }),
    verifyText: t('suppliers.buyers.verify', { host: publicBaseUrl }),
    signedText: t('suppliers.buyers.signed', { jwks: `${publicBaseUrl}/.well-known/jwks.json` }),
    csvHref: `${SUPPLIERS_CSV_PATH}${searchOf(filters, undefined)}`,
    jsonHref: `${SUPPLIERS_JSON_PATH}${searchOf(filters, undefined)}`,
  });
}
