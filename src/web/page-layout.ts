/** What every public page passes to the shared layout (templates/web/layout.eta). */
import { translator, type Locale, type Translate } from './locale.js';
import { STYLE } from './views.js';

export const VERIFY_PATH = '/c/';
export const REGISTRY_PATH = '/registro';

export const otherLocale = (locale: Locale): Locale => (locale === 'es' ? 'en' : 'es');

export type LayoutData = {
  t: Translate;
  lang: Locale;
  style: string;
  title: string;
  officialUrl: string;
  registryHref: string;
  switchHref: string;
  switchLang: Locale;
  jsonHref?: string;
};

export function layoutData(
  locale: Locale,
  page: { title: (t: Translate) => string; officialDomain: string; switchHref?: string; jsonHref?: string },
): LayoutData {
  const t = translator(locale);
  const switchLang = otherLocale(locale);
  return {
    t,
    lang: locale,
    style: STYLE,
    title: page.title(t),
    officialUrl: `https://${page.officialDomain}/`,
    registryHref: REGISTRY_PATH + (locale === 'es' ? '' : `?lang=${locale}`),
    // A query-only link keeps the page's own path.
    switchHref: page.switchHref ?? `?lang=${switchLang}`,
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
