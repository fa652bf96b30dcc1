/**
 * The offline verifier's page (GET /verificador): a code form that works without JavaScript (it goes to
 * the online check), and with it, the script that answers from the signed status list kept on the phone
 * (templates/web/verifier/). The script's messages come from the locale files, inside the page.
 */
import { DEFAULT_LOCALE, type Locale, type Translate } from './locale.js';
import { CODE_FORM_PATH, layoutData } from './page-layout.js';
import { renderTemplate } from './views.js';
import { VERIFIER_MANIFEST_HREF, VERIFIER_SCRIPT_HREF } from './verifier-assets.js';

export const STATUS_LIST_PATH = '/api/v1/public/status-list';

/**
 * The policy the page states in its own <meta> (the response header says the same, with framing):
 * its scripts, worker and manifest from this site, reads of this site (the list and keys), inline style.
 */
export const VERIFIER_META_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; img-src 'self' data:; media-src 'self' blob:; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'";

/** The script's messages: its own under verifier.msg.*, with the statuses' words and the fields' names. */
function scriptTexts(t: Translate): [string, string][] {
  const own = [
    'noList',
    'noAnswerWord',
    'listSaved',
    'listStale',
    'updating',
    'updated',
    'unchanged',
    'offline',
    'updateFailed',
    'badSignature',
    'noCrypto',
    'insecure',
    'asOf',
    'unknownWord',
    'unknown',
    'typoWord',
    'mistyped',
    'malformed',
    'checkOnline',
    'cameraFailed',
    'boliviaTime',
    'code',
    'unit',
  ];
  const statuses = ['active', 'suspended', 'revoked', 'expired'];
  // The script fills the placeholders in: they are written back as they are.
  const kept = { date: '{date}', count: '{count}', code: '{code}', time: '{time}' };
  return [
    ...own.map((key): [string, string] => [key, t(`verifier.msg.${key}`, kept)]),
    ...statuses.map((s): [string, string] => [`status.${s}`, t(`status.${s}`)]),
    ['organization', t('field.organization')],
    ['products', t('field.products')],
    ['expiresOn', t('field.expiresOn')],
  ];
}

export function renderVerifierPage(locale: Locale, publicBaseUrl: string): string {
  const layout = layoutData(locale, {
    title: (t) => t('verifier.title'),
    publicBaseUrl,
    section: 'verifier',
  });
  return renderTemplate('verifier', {
    ...layout,
    csp: VERIFIER_META_CSP,
    manifestHref: VERIFIER_MANIFEST_HREF,
    scriptHref: VERIFIER_SCRIPT_HREF,
    // Without the script the form is the home page's online check, which forgives how the code is typed.
    formAction: CODE_FORM_PATH,
    langParam: locale === DEFAULT_LOCALE ? undefined : locale,
    statusListHref: STATUS_LIST_PATH,
    scriptTexts: scriptTexts(layout.t),
  });
}
