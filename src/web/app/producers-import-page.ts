/** The producers' CSV import (GET/POST /app/productores/importar): the form, the format, and every bad row by line. */
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import type { Flash } from './components.js';

type Choice = { value: string; label: string };
export type CsvProblemView = { line: number | null; column: string | null; message: string };

export type ImportView = {
  organizations: Choice[];
  organizationId?: string;
  sectors: { code: string; name: string }[];
  exportHref: string | null;
  header: string;
  sample: string;
  flash?: Flash | null;
  problems?: CsvProblemView[];
  errors?: Record<string, string>;
};

const where = (p: CsvProblemView) =>
  p.line === null ? 'El archivo' : p.column ? `Línea ${p.line}, columna «${p.column}»` : `Línea ${p.line}`;

export function renderImportPage(view: ImportView, person: AppPerson): string {
  return renderAppTemplate('producers-import', {
    ...layoutData('Importar productores', person),
    flash: view.flash ?? null,
    organizations: view.organizations,
    organizationId: view.organizationId ?? '',
    errors: view.errors ?? {},
    problems: (view.problems ?? []).map((p) => ({ where: where(p), message: p.message })),
    header: view.header,
    sample: view.sample,
    sectorCodes: view.sectors.map((s) => `${s.code} (${s.name})`).join(', '),
    exportHref: view.exportHref,
  });
}

/** "Se importaron 3 unidades productivas." */
export const importedFlash = (n: number): Flash => ({
  kind: 'success',
  text: n === 1 ? 'Listo: se importó 1 unidad productiva.' : `Listo: se importaron ${n} unidades productivas.`,
});
