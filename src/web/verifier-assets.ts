/**
 * The browser-side files of the offline verifier (templates/web/verifier/ and the `idb` package), read
 * once at start. Scripts are ES modules at addresses that carry their hash (`/verificador/<name>-<hash>.js`):
 * an import of `./name.js` is rewritten to the versioned address, so a module's hash covers what it
 * imports. The service worker keeps a fixed address (`/verificador-sw.js`, registered with the scope
 * /verificador) and carries the cache version: the hash of the page and everything it precaches.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, TEMPLATES_DIR } from '../paths.js';
import { VERIFIER_PATH } from './page-layout.js';

export type VerifierAsset = { href: string; type: string; body: string };

export { VERIFIER_PATH };
export const VERIFIER_WORKER_HREF = '/verificador-sw.js';
export const VERIFIER_MANIFEST_HREF = '/verificador/sello-verificador.webmanifest';

const DIR = path.join(TEMPLATES_DIR, 'web', 'verifier');
const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);
const SCRIPT_TYPE = 'text/javascript; charset=utf-8';

/** In import order: a module comes after every module it imports. */
const MODULES = ['idb', 'code', 'verifier'] as const;

function loadModules(): Map<string, VerifierAsset> {
  const modules = new Map<string, VerifierAsset>();
  for (const name of MODULES) {
    const file = name === 'idb' ? path.join(PROJECT_ROOT, 'node_modules/idb/build/index.js') : path.join(DIR, `${name}.js`);
    const source = fs.readFileSync(file, 'utf8').replace(/from '\.\/([a-z]+)\.js'/g, (_all, imported: string) => {
      const asset = modules.get(imported);
      if (!asset) throw new Error(`${file}: imports ./${imported}.js, which is not loaded before it`);
      return `from '${asset.href}'`;
    });
    if (/https?:\/\//.test(source.replace(/\/\/.*$/gm, ''))) throw new Error(`${file}: must not load anything from elsewhere`);
    modules.set(name, { href: `${VERIFIER_PATH}/${name}-${hashOf(source)}.js`, type: SCRIPT_TYPE, body: source });
  }
  return modules;
}

const modules = loadModules();
// The same mark as the offline visit page's: a seal's tick.
const icon = fs.readFileSync(path.join(TEMPLATES_DIR, 'app', 'offline', 'icon.svg'), 'utf8');
const ICON: VerifierAsset = { href: `${VERIFIER_PATH}/icono-${hashOf(icon)}.svg`, type: 'image/svg+xml', body: icon };

export const VERIFIER_SCRIPT_HREF = modules.get('verifier')!.href;
export const VERIFIER_ICON_HREF = ICON.href;

const manifest = JSON.stringify({
  name: 'Sello ES/CJ: verificador de certificados',
  short_name: 'Verificador',
  description: 'Verifica certificados del sello con o sin señal, con la lista firmada de estados guardada en el teléfono',
  lang: 'es',
  start_url: VERIFIER_PATH,
  scope: VERIFIER_PATH,
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: '#1d3b2a',
  icons: [{ src: ICON.href, sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
});

/** Versioned files: cached for a year, a new version is a new address. */
export const VERIFIER_ASSETS: VerifierAsset[] = [...modules.values(), ICON];
export const VERIFIER_MANIFEST: VerifierAsset = {
  href: VERIFIER_MANIFEST_HREF,
  type: 'application/manifest+json; charset=utf-8',
  body: manifest,
};

/** The service worker, precaching the page (as rendered in Spanish, `pageHtml`) and its files. */
export function verifierWorker(pageHtml: string): VerifierAsset {
  const precache = [VERIFIER_PATH, VERIFIER_MANIFEST_HREF, ...VERIFIER_ASSETS.map((a) => a.href)];
  const version = hashOf([pageHtml, manifest, ...precache].join('\n'));
  const body = fs
    .readFileSync(path.join(DIR, 'sw.js'), 'utf8')
    .replace("'__VERSION__'", JSON.stringify(version))
    .replace("'__PRECACHE__'", JSON.stringify(precache))
    .replace("'__PAGE__'", JSON.stringify(VERIFIER_PATH));
  return { href: VERIFIER_WORKER_HREF, type: SCRIPT_TYPE, body };
}
