/**
 * The home of a signed-in person (GET /app): what is theirs to do now. A committee sees its
 * organisation's dossiers grouped by state with the next step of each; a reviewer, the visits
 * planned for them; a producer, their dossiers and certificates; the commission, how many dossiers
 * wait for its decision and where to take them up; the administration, links to its pages.
 * Visible text never carries ids; links may.
 */
import { CERTIFICATE_STATUS_LABEL } from '../../domain/certificate-state.js';
import { QUEUE_STATE_COUNTED, QUEUE_STATES } from '../../domain/commission-queue.js';
import { DOSSIER_NEXT_STEP, DOSSIER_STATE_FOR_PRODUCER, DOSSIER_STATE_LABEL, DOSSIER_STATES } from '../../domain/dossier-state.js';
import type { QueueSummary } from '../../modules/commission/queue-service.js';
import type { DossierSummary, Home } from '../../modules/pages/pages-service.js';
import { formatDay } from '../format.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import type { CardTable, Flash } from './components.js';

type Section = { id: string; title: string; empty: string; table: CardTable };
export type HomeView = { heading: string; lead: string; sections: Section[]; links: { href: string; text: string }[] };

export const dossierHref = (id: string) => `/app/expedientes/${id}`;
export const visitHref = (id: string) => `/app/visitas/${id}`;

const day = (iso: string) => formatDay(iso, 'es');
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The committee's next step, made concrete when a visit is already planned. */
export function nextStep(dossier: Pick<DossierSummary, 'state' | 'plannedVisitOn'>): string {
  if (dossier.state === 'open' && dossier.plannedVisitOn) {
    return `Hacer la visita planificada para el ${day(dossier.plannedVisitOn)} y registrar sus respuestas`;
  }
  return DOSSIER_NEXT_STEP[dossier.state];
}

const place = (d: { community: string }) => d.community;

/** "Hay 3 expedientes esperando la decisión de la comisión: 2 esperan su primera decisión y 1 fue diferido antes por la comisión." */
export function waitingSentence({ total, byState }: QueueSummary): string {
  if (total === 0) return 'No hay expedientes esperando la decisión de la comisión.';
  const head = total === 1 ? 'Hay 1 expediente esperando' : `Hay ${total} expedientes esperando`;
  const why = QUEUE_STATES.filter((s) => byState[s] > 0).map((s) => `${byState[s]} ${QUEUE_STATE_COUNTED[s][byState[s] === 1 ? 0 : 1]}`);
  const list = why.length > 1 ? `${why.slice(0, -1).join(', ')} y ${why.at(-1)}` : why[0];
  return `${head} la decisión de la comisión: ${list}.`;
}

function committeeSections(dossiers: DossierSummary[]): Section[] {
  const groups = DOSSIER_STATES.map((state) => ({ state, items: dossiers.filter((d) => d.state === state) })).filter(
    (g) => g.items.length > 0,
  );
  return groups.map(({ state, items }) => ({
    id: `estado-${state.replaceAll('_', '-')}`,
    title: `${capitalize(DOSSIER_STATE_LABEL[state])} (${items.length})`,
    empty: '',
    table: {
      caption: `Expedientes en estado «${DOSSIER_STATE_LABEL[state]}»`,
      columns: [
        { key: 'producer', label: 'Productor' },
        { key: 'cycle', label: 'Ciclo' },
        { key: 'place', label: 'Comunidad' },
        { key: 'next', label: 'Qué sigue' },
      ],
      rows: items.map((d) => ({
        href: dossierHref(d.id),
        cells: { producer: d.producer, cycle: String(d.cycle), place: place(d), next: nextStep(d) },
      })),
    },
  }));
}

export function homeView(home: Home, person: AppPerson): HomeView {
  const docs = { href: '/docs', text: 'Documentación de la API (para sistemas y programadores)' };
  switch (home.kind) {
    case 'committee': {
      const sections = committeeSections(home.dossiers);
      return {
        heading: 'Expedientes de su organización',
        lead: person.organization ? `Lo que toca hacer ahora en ${person.organization}.` : 'Lo que toca hacer ahora.',
        sections:
          sections.length > 0
            ? sections
            : [{ id: 'expedientes', title: 'Expedientes', empty: 'Todavía no hay expedientes abiertos.', table: emptyTable() }],
        links: [
          { href: '/app/expedientes/nuevo', text: 'Abrir un expediente' },
          { href: '/app/productores', text: 'Productores: registrar, corregir, importar' },
          { href: '/app/personas', text: 'Personas: socios, revisores, comité' },
        ],
      };
    }
    case 'reviewer':
      return {
        heading: 'Sus visitas',
        lead: 'Las visitas de pares en las que usted forma parte del equipo.',
        sections: [
          {
            id: 'visitas',
            title: 'Visitas planificadas',
            empty: 'No tiene visitas planificadas por ahora.',
            table: {
              caption: 'Visitas planificadas para usted',
              columns: [
                { key: 'producer', label: 'Productor' },
                { key: 'date', label: 'Fecha' },
                { key: 'place', label: 'Lugar' },
                { key: 'team', label: 'Equipo' },
              ],
              rows: home.visits.map((v) => ({
                href: visitHref(v.visitId),
                cells: {
                  producer: v.producer,
                  date: day(v.plannedOn),
                  place: `${v.community}, ${v.municipality}`,
                  team: v.team.join(', '),
                },
              })),
            },
          },
        ],
        links: [],
      };
    case 'producer':
      return {
        heading: 'Su certificación',
        lead: 'El estado de su expediente y de sus certificados.',
        sections: [
          {
            id: 'expedientes',
            title: 'Sus expedientes',
            empty: 'Todavía no tiene un expediente abierto. Su comité local lo abre.',
            table: {
              caption: 'Sus expedientes',
              columns: [
                { key: 'cycle', label: 'Ciclo' },
                { key: 'state', label: 'Estado' },
                { key: 'now', label: 'Qué pasa ahora' },
              ],
              rows: home.dossiers.map((d) => ({
                href: dossierHref(d.id),
                cells: {
                  cycle: `Ciclo ${d.cycle}`,
                  state: capitalize(DOSSIER_STATE_LABEL[d.state]),
                  now: DOSSIER_STATE_FOR_PRODUCER[d.state],
                },
              })),
            },
          },
          {
            id: 'certificados',
            title: 'Sus certificados',
            empty: 'Todavía no tiene certificados.',
            table: {
              caption: 'Sus certificados',
              columns: [
                { key: 'code', label: 'Código' },
                { key: 'status', label: 'Estado' },
                { key: 'level', label: 'Nivel del sello' },
                { key: 'expires', label: 'Válido hasta' },
              ],
              rows: home.certificates.map((c) => ({
                href: new URL(c.verificationUrl).pathname,
                cells: {
                  code: c.code,
                  status: CERTIFICATE_STATUS_LABEL[c.status],
                  level: capitalize(c.sealLevel),
                  expires: day(c.expiresOn),
                },
              })),
            },
          },
        ],
        links: [],
      };
    case 'admin':
      return {
        heading: 'Administración',
        lead: 'Las cuentas de las personas, las organizaciones con sus comités y las versiones de los criterios.',
        sections: [],
        links: [
          { href: '/app/admin/cuentas', text: 'Cuentas: crear, cambiar rol, deshabilitar, nueva contraseña' },
          { href: '/app/admin/organizaciones', text: 'Organizaciones y comités' },
          { href: '/app/admin/criterios', text: 'Versiones de los criterios' },
          docs,
        ],
      };
    case 'commission':
      return {
        heading: 'Comisión de certificación',
        lead: waitingSentence(home.waiting),
        sections: [],
        links: [
          { href: '/app/comision', text: 'Expedientes por decidir' },
          { href: '/app/comision/sesiones', text: 'Sesiones de la comisión' },
          { href: '/app/comision/certificados', text: 'Certificados: suspender, rehabilitar, revocar' },
          { href: '/app/comision/apelaciones', text: 'Apelaciones' },
          {
            href: '/app/comision/denuncias',
            text: `Denuncias: ${home.openComplaints === 1 ? '1 abierta' : `${home.openComplaints} abiertas`}`,
          },
        ],
      };
  }
}

const emptyTable = (): CardTable => ({ caption: '', columns: [], rows: [] });

export function renderHomePage(view: HomeView, person: AppPerson, flash?: Flash): string {
  return renderAppTemplate('home', { ...layoutData(view.heading, person), ...view, flash: flash ?? null });
}
