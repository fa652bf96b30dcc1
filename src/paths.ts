/** Locations of the files that ship with the package (criteria, migrations, templates). */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// This file sits one level below the package root both as src/paths.ts and dist/paths.js.
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations');
export const TEMPLATES_DIR = path.join(PROJECT_ROOT, 'templates');
