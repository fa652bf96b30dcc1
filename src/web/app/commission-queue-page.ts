/**
 * The commission's queue (GET /app/comision): the dossiers waiting for its decision, oldest waiting
 * first, with organisation, producer, cycle, criteria version, the committee's recommendation and the
 * open non-conformities by level; filtered by organisation, department and why they wait (a GET form
 * that works without scripts). Each producer's name links to the dossier as the commission sees it.
 */
import { DEPARTMENTS, type Department } from '../../domain/bolivia.js';
import { levelCountsInWords, QUEUE_FILTER_LABEL, QUEUE_STATES, type QueueState } from '../../domain/commission-queue.js';
import type { QueuePage, QueueItem } from '../../modules/commission/queue-schemas.js';
import { formatBoliviaDay } from '../format.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import { pagination, type CardTable } from './components.js';
import { RECOMMENDATION_LABEL } from './dossier-page.js';

export const COMMISSION_QUEUE_HREF = '/app/comision';
export const commissionDossierHref = (id: string) => `/app/comision/expedientes/${id}`;

/** The queue's filters as the page's address writes them. */
export type QueueFilters = { organizacion?: string | undefined; departamento?: Department | undefined; situacion?: QueueState | undefined };

export type QueuePageView = {
  queue: QueuePage;
  filters: QueueFilters;
  organizations: { id: string; name: string }[];
  /** How many wait in all, whatever the filters. */
  waitingTotal: number;
};

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const departmentName = (code: string) => DEPARTMENTS[code as Department] ?? code;
const day = (instant: string) => formatBoliviaDay(instant, 'es');

/** The queue's address with these filters and page. */
export function queueHref(filters: QueueFilters, page = 1): string {
  const params = new URLSearchParams();
  if (filters.organizacion) params.set('organizacion', filters.organizacion);
  if (filters.departamento) params.set('departamento', filters.departamento);
  if (filters.situacion) params.set('situacion', filters.situacion);
  if (page > 1) params.set('pagina', String(page));
  const query = params.toString();
  return query ? `${COMMISSION_QUEUE_HREF}?${query}` : COMMISSION_QUEUE_HREF;
}

/** Why the dossier waits, with the day it happened. */
export function waitingReason(item: Pick<QueueItem, 'queueState' | 'deferredAt' | 'reopenedAt'>): string {
  switch (item.queueState) {
    case 'first_decision':
      return 'Espera su primera decisión';
    case 'deferred':
      return item.deferredAt ? `Diferido por la comisión el ${day(item.deferredAt)}` : 'Diferido por la comisión';
    case 'reopened':
      return item.reopenedAt ? `Reabierto por una apelación aceptada el ${day(item.reopenedAt)}` : 'Reabierto por una apelación aceptada';
  }
}

function queueTable(items: QueueItem[]): CardTable {
  return {
    caption: 'Expedientes que esperan la decisión de la comisión, los más antiguos primero',
    columns: [
      { key: 'producer', label: 'Unidad productiva' },
      { key: 'organization', label: 'Organización' },
      { key: 'department', label: 'Departamento' },
      { key: 'cycle', label: 'Ciclo' },
      { key: 'criteria', label: 'Criterios' },
      { key: 'recommendation', label: 'Recomendación del comité' },
      { key: 'open', label: 'No conformidades abiertas' },
      { key: 'why', label: 'Situación' },
      { key: 'since', label: 'Espera desde' },
    ],
    rows: items.map((item) => ({
      href: commissionDossierHref(item.dossierId),
      cells: {
        producer: item.producer.name,
        organization: item.organization.name,
        department: departmentName(item.producer.department),
        cycle: String(item.cycle),
        criteria: `Versión ${item.criteriaVersion}`,
        recommendation: item.recommendation ? (RECOMMENDATION_LABEL[item.recommendation.outcome] ?? '') : 'Sin recomendación',
        open: capitalize(levelCountsInWords(item.openNonConformities)),
        why: waitingReason(item),
        since: day(item.waitingSince),
      },
    })),
  };
}

const dossiers = (n: number) => (n === 1 ? '1 expediente' : `${n} expedientes`);

export function renderCommissionQueuePage(view: QueuePageView, person: AppPerson): string {
  const { queue, filters } = view;
  const filtered = Boolean(filters.organizacion || filters.departamento || filters.situacion);
  const heading = 'Expedientes por decidir';
  return renderAppTemplate('commission-queue', {
    ...layoutData(heading, person),
    heading,
    lead: 'Los expedientes que esperan la decisión de la comisión de certificación; los que esperan hace más tiempo van primero.',
    action: COMMISSION_QUEUE_HREF,
    selects: [
      {
        name: 'organizacion',
        label: 'Organización',
        placeholder: 'Todas las organizaciones',
        options: view.organizations.map((o) => ({ value: o.id, label: o.name })),
        value: filters.organizacion,
      },
      {
        name: 'departamento',
        label: 'Departamento',
        hint: 'Donde está la unidad productiva',
        placeholder: 'Todos los departamentos',
        options: Object.entries(DEPARTMENTS).map(([value, label]) => ({ value, label })),
        value: filters.departamento,
      },
      {
        name: 'situacion',
        label: 'Situación',
        placeholder: 'Todas las situaciones',
        options: QUEUE_STATES.map((s) => ({ value: s, label: QUEUE_FILTER_LABEL[s] })),
        value: filters.situacion,
      },
    ],
    clearHref: filtered ? COMMISSION_QUEUE_HREF : null,
    count: filtered
      ? `${dossiers(queue.total)} con estos filtros, de ${view.waitingTotal} que esperan.`
      : `${dossiers(queue.total)} ${queue.total === 1 ? 'espera' : 'esperan'} la decisión de la comisión.`,
    table: queueTable(queue.items),
    empty: filtered
      ? { text: 'Ningún expediente que espera coincide con estos filtros.', action: { href: COMMISSION_QUEUE_HREF, text: 'Ver todos' } }
      : { text: 'No hay expedientes esperando la decisión de la comisión.' },
    pagination: pagination(queue.page, queue.total, queue.pageSize, (n) => queueHref(filters, n)),
  });
}
