/**
 * A copy of the real criteria folder where the network has published, after 2026.4, a version that adds
 * the catalogue of sanctions and the training peer reviewers need (as the 2027.1 draft proposes), done as
 * an assembly does it: the file written with `status: published` and its hash recorded in the lock file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { CriteriaFile } from '../../src/domain/criteria-schema.js';
import { loadCriteria } from '../../src/modules/criteria/criteria-loader.js';
import { readLock, writeLock } from '../../src/modules/criteria/criteria-lock-file.js';
import { copyOfCriteria } from './app.js';

export const CATALOGUE_VERSION = '2026.5';

export const SANCTIONS: NonNullable<CriteriaFile['sanctions']> = [
  {
    code: 'llamada_atencion',
    name: { es: 'Llamada de atención escrita' },
    description: { es: 'Queda registrada en el expediente; una segunda en el mismo ciclo lleva a una sanción mayor.' },
    effect: 'none',
  },
  {
    code: 'condicion_plazo',
    name: { es: 'Condición con plazo' },
    description: { es: 'Acciones correctivas con plazo que se verifican antes de que venza.' },
    effect: 'conditions',
  },
  {
    code: 'suspension',
    name: { es: 'Suspensión del sello' },
    description: { es: 'El certificado queda suspendido hasta que la comisión lo rehabilite o lo revoque.' },
    effect: 'suspension',
  },
  {
    code: 'exclusion_unidad',
    name: { es: 'Exclusión de una unidad del grupo' },
    description: { es: 'La unidad productiva deja el certificado del grupo; el resto del grupo sigue certificado.' },
    effect: 'member_exclusion',
  },
  {
    code: 'revocacion',
    name: { es: 'Revocación del certificado' },
    description: { es: 'El certificado pierde su validez para siempre; la organización puede apelar.' },
    effect: 'revocation',
  },
];

export const REVIEWER_TRAINING: NonNullable<CriteriaFile['training']>['reviewer'] = [
  { topic: 'principios_spg', name: { es: 'Principios del SPG y criterios del sello ES/CJ' }, validForYears: 3 },
  { topic: 'visita_pares', name: { es: 'Cómo se hace una visita de pares' }, validForYears: 2 },
];

/** The folder, with the new version published on `publishedOn`; `whenMissing` says what planning does without the training. */
export function criteriaWithCatalogue({
  whenMissing = 'refuse',
  publishedOn = '2026-11-30',
}: { whenMissing?: 'refuse' | 'warn'; publishedOn?: string } = {}): string {
  const dir = copyOfCriteria();
  const schemeDir = path.join(dir, 'es-cj-bolivia');
  const base = parse(fs.readFileSync(path.join(schemeDir, '2026.4.yaml'), 'utf8')) as CriteriaFile;
  const file: CriteriaFile = {
    ...base,
    version: CATALOGUE_VERSION,
    previousVersion: '2026.4',
    publishedOn,
    approvedBy: 'Acta de prueba de la Asamblea',
    sanctions: SANCTIONS,
    training: { reviewer: REVIEWER_TRAINING, whenMissing },
  };
  delete file.retired;
  fs.writeFileSync(path.join(schemeDir, `${CATALOGUE_VERSION}.yaml`), stringify(file));
  const published = loadCriteria(dir).versions.find((v) => v.version === CATALOGUE_VERSION);
  if (!published) throw new Error(`La versión ${CATALOGUE_VERSION} no carga`);
  writeLock(schemeDir, { ...readLock(schemeDir).lock, [CATALOGUE_VERSION]: published.contentHash });
  const { problems } = loadCriteria(dir);
  if (problems.length > 0) throw new Error(`Los criterios con catálogo no cargan: ${JSON.stringify(problems)}`);
  return dir;
}
