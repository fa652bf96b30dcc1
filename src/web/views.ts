/**
 * The eta engine of the public pages. Every template under templates/web/ is read and
 * compiled once when this module loads, so a broken template stops the start, not a request.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Eta } from 'eta';
import { TEMPLATES_DIR } from '../paths.js';

export const WEB_TEMPLATES_DIR = path.join(TEMPLATES_DIR, 'web');

/** Templates the pages need; each is registered as `@name`. */
const REQUIRED = [
  'layout',
  'icon',
  'home',
  'verification',
  'not-found',
  'unconfirmed',
  'registry',
  'suppliers',
  'figures',
  'chart-bars',
  'chart-months',
  'verifier',
  'complaint-form',
  'complaint-tracking',
  'complaint-lookup',
] as const;
export type TemplateName = (typeof REQUIRED)[number];

/** A small stylesheet (`file` under `dir`), inlined in the page: one request, no external asset. */
function loadStyle(dir: string, file = 'style.css'): string {
  const css = fs
    .readFileSync(path.join(dir, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    // Strings in the sheet are short and never hold braces, semicolons or ", x" / ": x".
    .replace(/\s*([{};])\s*/g, '$1')
    .replace(/([:,])\s+(?=[^"'\s])/g, '$1')
    .replace(/;}/g, '}')
    .trim();
  // It is output raw inside <style>: refuse anything that could close the element or fetch.
  if (/<\/|@import|url\(/i.test(css)) throw new Error(`templates/web/${file} must not contain "</", @import or url()`);
  return css;
}

function createEngine(dir: string): Eta {
  // No `views`: templates are only ever looked up by their registered `@name`.
  const eta = new Eta({ autoEscape: true, autoTrim: [false, 'nl'], rmWhitespace: true, cache: true });
  for (const name of REQUIRED) {
    const file = path.join(dir, `${name}.eta`);
    try {
      eta.loadTemplate(`@${name}`, fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
    }
  }
  return eta;
}

const engine = createEngine(WEB_TEMPLATES_DIR);
export const STYLE = loadStyle(WEB_TEMPLATES_DIR);
/** The figures page's own rules, inlined after the shared sheet there only: other pages stay light. */
export const FIGURES_STYLE = loadStyle(WEB_TEMPLATES_DIR, 'figures.css');

export function renderTemplate(name: TemplateName, data: object): string {
  return engine.render(`@${name}`, data);
}
