/** What every public page passes to the shared layout (templates/web/layout.eta): header, site sections and footer. */
import { DEFAULT_LOCALE, translator, type Locale, type Translate } from './locale.js';
import { STYLE } from './views.js';

export const HOME_PATH = '/';
export const VERIFY_PATH = '/c/';
/** Where the home page's code form is sent (GET, field `codigo`): it answers with a redirect to /c/<code>. */
export const CODE_FORM_PATH = '/verificar';
export const REGISTRY_PATH = '/registro';
export const SUPPLIERS_PATH = '/proveedores';
export const FIGURES_PATH = '/cifras';
export const VERIFIER_PATH = '/verificador';

/** The site's sections, in the order of the navigation bar. */
const SECTIONS = [
  ['home', HOME_PATH],
  ['registry', REGISTRY_PATH],
  ['suppliers', SUPPLIERS_PATH],
  ['figures', FIGURES_PATH],
  ['verifier', VERIFIER_PATH],
] as const;
export type Section = (typeof SECTIONS)[number][0];

export const otherLocale = (locale: Locale): Locale => (locale === 'es' ? 'en' : 'es');

/** A same-site link in the page's language: Spanish is the default, so only other languages are written in it. */
export function inLocale(href: string, locale: Locale): string {
  return locale === DEFAULT_LOCALE ? href : `${href}${href.includes('?') ? '&' : '?'}lang=${locale}`;
}

export type LayoutData = {
  t: Translate;
  lang: Locale;
  style: string;
  title: string;
  homeHref: string;
  nav: { href: string; label: string; current: boolean }[];
  /** The configured public address of the site, as people should see it in the address bar. */
  officialUrl: string;
  registryHref: string;
  switchHref: string;
  switchLang: Locale;
  jsonHref?: string;
};

export type LayoutPage = {
  title: (t: Translate) => string;
  /** The configured public base URL (SELLO_PUBLIC_BASE_URL), scheme, host and port as served. */
  publicBaseUrl: string;
  /** The section the page belongs to, marked in the navigation. */
  section?: Section;
  /** The page's own query parameters other than `lang`, kept by the language switch. */
  query?: Record<string, string>;
  /** A language switch of the page's own making (it must keep the page's parameters). */
  switchHref?: string;
  jsonHref?: string;
};

export function layoutData(locale: Locale, page: LayoutPage): LayoutData {
  const t = translator(locale);
  const switchLang = otherLocale(locale);
  return {
    t,
    lang: locale,
    style: STYLE,
    title: page.title(t),
    homeHref: inLocale(HOME_PATH, locale),
    nav: SECTIONS.map(([section, path]) => ({
      href: inLocale(path, locale),
      label: t(`nav.section.${section}`),
      current: section === page.section,
    })),
    officialUrl: `${page.publicBaseUrl}/`,
    registryHref: inLocale(REGISTRY_PATH, locale),
    // A query-only link keeps the page's own path.
    switchHref: page.switchHref ?? `?${new URLSearchParams({ ...page.query, lang: switchLang }).toString()}`,
    switchLang,
    ...(page.jsonHref === undefined ? {} : { jsonHref: page.jsonHref }),
  };
}

/** "Café, Cacao y Miel"; past `max`, "Café, Cacao y 12 más". */
export function listText(t: Translate, locale: Locale, shown: string[], more: number): string {
  if (more === 0) return new Intl.ListFormat(locale, { type: 'conjunction' }).format(shown);
  return t('list.more', { items: shown.join(', '), count: more });
}

/** «Asociación X — 12 familias certificadas»: who holds a group certificate, read at a glance. */
export function groupHolderText(t: Translate, organization: string, activeMembers: number): string {
  const families = activeMembers === 1 ? t('group.families.one') : t('group.families.other', { count: activeMembers });
  return t('group.holder', { organization, families });
}
