/**
 * The home page (GET /): what the seal is, a field for the code printed on a label, and the ways
 * into the rest of the public site. A plain GET form: it works without JavaScript.
 */
import type { Locale } from './locale.js';
import { CODE_FORM_PATH, FIGURES_PATH, inLocale, layoutData, REGISTRY_PATH, SUPPLIERS_PATH, VERIFIER_PATH } from './page-layout.js';
import type { HomeView } from './page-types.js';
import { COMPLAINT_LOOKUP_PATH, complaintFormHref } from './complaint-pages.js';
import { clip } from './format.js';
import { renderTemplate } from './views.js';

const MAX_INPUT = 60;

export function renderHomePage(view: HomeView, locale: Locale): string {
  const code = clip(view.code?.trim() ?? '', MAX_INPUT);
  const layout = layoutData(locale, {
    title: (t) => t(view.problem ? 'home.titleProblem' : 'home.title'),
    publicBaseUrl: view.publicBaseUrl,
    section: 'home',
    // After a refused code the page is at /verificar?codigo=…: switching language tries the same code again.
    ...(view.problem ? { query: { codigo: code } } : {}),
  });
  const { t } = layout;
  const links = (
    [
      ['registry', REGISTRY_PATH],
      ['suppliers', SUPPLIERS_PATH],
      ['figures', FIGURES_PATH],
      ['verifier', VERIFIER_PATH],
    ] as const
  ).map(([name, path]) => ({ href: inLocale(path, locale), label: t(`home.link.${name}`) }));
  // Anyone may raise a doubt about the seal, with no account, and follow it by its number.
  links.push(
    { href: complaintFormHref(locale), label: t('complaint.link.file') },
    { href: inLocale(COMPLAINT_LOOKUP_PATH, locale), label: t('complaint.link.track') },
  );
  return renderTemplate('home', {
    ...layout,
    formAction: CODE_FORM_PATH,
    code,
    problem: view.problem ? t(`home.problem.${view.problem}`) : null,
    describedBy: view.problem ? 'codigo-problem codigo-hint' : 'codigo-hint',
    langParam: locale === 'es' ? null : locale,
    links,
  });
}
