/**
 * The browser-side files of the offline visit page (templates/app/offline/ and the `idb` package),
 * read once at start. Scripts are ES modules served at addresses that carry their hash
 * (`/app/sin-senal/<name>-<hash>.js`): an import of `./name.js` is rewritten to the versioned
 * address, so a module's hash covers the modules it imports. The service worker keeps a fixed
 * address (`/app/sw.js`, scope /app/) and carries the cache version: the hash of everything it precaches.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../paths.js';
import { APP_TEMPLATES_DIR, APP_STYLESHEET } from './app-views.js';

export type OfflineAsset = { href: string; type: string; body: string };

const OFFLINE_DIR = path.join(APP_TEMPLATES_DIR, 'offline');
const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** In import order: a module comes after every module it imports. */
const MODULES = ['idb', 'store', 'photos', 'send', 'visit'] as const;
type ModuleName = (typeof MODULES)[number];

/** The shell's address: the visit page without data, served by the service worker when there is no network. */
export const OFFLINE_SHELL_HREF = '/app/sin-senal/visita';
export const SERVICE_WORKER_HREF = '/app/sw.js';
export const MANIFEST_HREF = '/app/sello.webmanifest';

function loadModules(): Map<ModuleName, OfflineAsset> {
  const modules = new Map<ModuleName, OfflineAsset>();
  for (const name of MODULES) {
    const file = name === 'idb' ? path.join(PROJECT_ROOT, 'node_modules/idb/build/index.js') : path.join(OFFLINE_DIR, `${name}.js`);
    const source = fs.readFileSync(file, 'utf8').replace(/from '\.\/([a-z]+)\.js'/g, (_all, imported: string) => {
      const asset = modules.get(imported as ModuleName);
      if (!asset) throw new Error(`${file}: imports ./${imported}.js, which is not loaded before it`);
      return `from '${asset.href}'`;
    });
    if (/https?:\/\//.test(source.replace(/\/\/.*$/gm, ''))) throw new Error(`${file}: must not load anything from elsewhere`);
    modules.set(name, { href: `/app/sin-senal/${name}-${hashOf(source)}.js`, type: 'text/javascript; charset=utf-8', body: source });
  }
  return modules;
}

const modules = loadModules();
const icon = fs.readFileSync(path.join(OFFLINE_DIR, 'icon.svg'), 'utf8');
const ICON: OfflineAsset = { href: `/app/sin-senal/icono-${hashOf(icon)}.svg`, type: 'image/svg+xml', body: icon };

/** The visit page's script (it imports the others). */
export const VISIT_SCRIPT_HREF = modules.get('visit')!.href;
export const ICON_HREF = ICON.href;

const manifest = JSON.stringify({
  name: 'Sello ES/CJ: visitas de pares',
  short_name: 'Sello visitas',
  lang: 'es',
  start_url: '/app',
  scope: '/app/',
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: '#1d3b2a',
  icons: [{ src: ICON.href, sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
});

/** Versioned files: cached for a year, a new version is a new address. */
export const VERSIONED_ASSETS: OfflineAsset[] = [...modules.values(), ICON];
export const MANIFEST: OfflineAsset = { href: MANIFEST_HREF, type: 'application/manifest+json; charset=utf-8', body: manifest };

/** What the service worker precaches; the shell is rendered by the page module, so routes pass it in. */
export function serviceWorker(shellHtml: string): OfflineAsset {
  const precache = [OFFLINE_SHELL_HREF, APP_STYLESHEET.href, MANIFEST_HREF, ...VERSIONED_ASSETS.map((a) => a.href)];
  const version = hashOf([shellHtml, APP_STYLESHEET.href, manifest, ...precache].join('\n'));
  const body = fs
    .readFileSync(path.join(OFFLINE_DIR, 'sw.js'), 'utf8')
    .replace("'__VERSION__'", JSON.stringify(version))
    .replace("'__PRECACHE__'", JSON.stringify(precache))
    .replace("'__SHELL__'", JSON.stringify(OFFLINE_SHELL_HREF));
  return { href: SERVICE_WORKER_HREF, type: 'text/javascript; charset=utf-8', body };
}
