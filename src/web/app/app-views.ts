/**
 * The eta engine and stylesheet of the people's pages (templates/app/). Every page template and
 * every component under templates/app/components/ is compiled once when this module loads and
 * registered as `@name`, so a broken template stops the start, not a request.
 * The stylesheet is served as one static file whose name carries its hash (`/app/estilos-<hash>.css`),
 * so it can be cached for a year and a new version is a new address.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Eta } from 'eta';
import { TEMPLATES_DIR } from '../../paths.js';

export const APP_TEMPLATES_DIR = path.join(TEMPLATES_DIR, 'app');

/** The committee's dossier forms (src/web/app/dossier-form-pages.ts). */
const DOSSIER_FORMS = [
  'dossier-new',
  'self-assessment',
  'visit-plan',
  'corrective-action',
  'action-close',
  'recommendation',
  'visit-cancel',
] as const;
/** The administration's pages (src/web/app/admin-*.ts). */
const ADMIN_PAGES = [
  'admin-list',
  'admin-account-new',
  'admin-account',
  'admin-password',
  'admin-organization-form',
  'admin-organization',
  'admin-criteria-version',
  'admin-criteria-changes',
] as const;
/** The commission's pages (src/web/app/commission-*.ts). */
const COMMISSION_PAGES = ['commission-queue', 'commission-dossier'] as const;
/** The commission's certificates and appeals, and the appeal form of a dossier (src/web/app/*-certificate-pages.ts, *-appeal-pages.ts). */
const CERTIFICATE_AND_APPEAL_PAGES = [
  'commission-certificates',
  'commission-certificate',
  'commission-appeals',
  'commission-appeal',
  'appeal-form',
] as const;
/** The commission's sessions and decisions (src/web/app/commission-session*.ts, deciding-page.ts, decision-page.ts). */
const SESSION_PAGES = [
  'commission-sessions',
  'commission-session-new',
  'commission-session',
  'commission-decide',
  'commission-decision',
] as const;
/** The complaints the commission handles (src/modules/pages/complaint-pages-view.ts). */
const COMPLAINT_PAGES = ['complaint-list', 'complaint'] as const;
/** Page templates: each renders inside `@layout`. */
const PAGES = [
  'layout',
  'login',
  'home',
  'dossier',
  'message',
  'registry-list',
  'producer-form',
  'person-form',
  'person-training',
  'producers-import',
  ...DOSSIER_FORMS,
  'visit',
  ...ADMIN_PAGES,
  ...COMMISSION_PAGES,
  ...CERTIFICATE_AND_APPEAL_PAGES,
  ...SESSION_PAGES,
  ...COMPLAINT_PAGES,
] as const;
export type AppTemplate = Exclude<(typeof PAGES)[number], 'layout'>;

/** Components, included from any page with `include('@name', data)`; their data types are in components.ts. */
const COMPONENTS = ['title', 'flash', 'field', 'select', 'button', 'cards', 'empty', 'pagination', 'checks'] as const;
export type ComponentName = (typeof COMPONENTS)[number];

function createEngine(dir: string): Eta {
  const eta = new Eta({ autoEscape: true, autoTrim: [false, 'nl'], rmWhitespace: true, cache: true });
  const files = [...PAGES.map((name) => [name, `${name}.eta`]), ...COMPONENTS.map((name) => [name, `components/${name}.eta`])];
  for (const [name, file] of files) {
    const full = path.join(dir, file!);
    try {
      eta.loadTemplate(`@${name}`, fs.readFileSync(full, 'utf8'));
    } catch (error) {
      throw new Error(`${full}: ${(error as Error).message}`, { cause: error });
    }
  }
  return eta;
}

function loadStylesheet(dir: string): { css: string; href: string } {
  const css = fs
    .readFileSync(path.join(dir, 'app.css'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};])\s*/g, '$1')
    .trim();
  // Nothing may be fetched from elsewhere: refuse any url() or @import.
  if (/@import|url\(/i.test(css)) throw new Error('templates/app/app.css must not contain @import or url()');
  const hash = createHash('sha256').update(css).digest('hex').slice(0, 12);
  return { css, href: `/app/estilos-${hash}.css` };
}

const engine = createEngine(APP_TEMPLATES_DIR);

/** The stylesheet of every people's page and the versioned address it is served at. */
export const APP_STYLESHEET = loadStylesheet(APP_TEMPLATES_DIR);

export function renderAppTemplate(name: AppTemplate | ComponentName, data: object): string {
  return engine.render(`@${name}`, { styleHref: APP_STYLESHEET.href, ...data });
}
