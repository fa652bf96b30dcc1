/**
 * A dossier as the certification commission reviews it (GET /app/comision/expedientes/:id):
 * producer and organisation, cycle and criteria, why it waits, the committee's recommendation,
 * non-conformities, the self-assessment beside the peers' answers, visits, photos, the producer's
 * other cycles and certificates, the history in words, and the place where the decision is taken.
 * Prints cleanly (templates/app/app.css, @media print).
 */
import { DEPARTMENTS, type Department } from '../../domain/bolivia.js';
import { CERTIFICATE_STATUS_LABEL } from '../../domain/certificate-state.js';
import { levelCountsInWords, NO_LEVEL_COUNTS } from '../../domain/commission-queue.js';
import { APPEAL_STATE_LABEL } from '../../domain/appeals.js';
import { OUTCOME_LABEL } from '../../domain/commission.js';
import { DOSSIER_STATE_LABEL } from '../../domain/dossier-state.js';
import { humanNumber } from '../../domain/numbering.js';
import type { DossierReview } from '../../modules/commission/dossier-review-service.js';
import type { DecisionRow } from '../../modules/commission/dossier-review-repository.js';
import { formatBoliviaDay, formatDay } from '../format.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import { comparison, evidenceViews, nonConformityViews, visitViews } from './commission-dossier-sections.js';
import { commissionDossierHref, COMMISSION_QUEUE_HREF, waitingReason } from './commission-queue-page.js';
import type { CardTable } from './components.js';
import { historyWhat, historyWhen, historyWho } from './history-words.js';
import { RECOMMENDATION_LABEL } from './dossier-page.js';

/** The deciding page, built apart: this page only links to it. */
export const decideHref = (id: string) => `${commissionDossierHref(id)}/decidir`;

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const day = (date: string) => formatDay(date, 'es');
const instantDay = (instant: string) => formatBoliviaDay(instant, 'es');
const departmentName = (code: string) => DEPARTMENTS[code as Department] ?? code;

/** "aprobado (Resolución N° 04/2026, sesión N° 02/2026 del 10 de junio de 2026)". */
const decisionWords = (d: DecisionRow) => {
  const resolution = humanNumber(d);
  const session = humanNumber({ number: d.sessionNumber, year: d.sessionYear });
  const where = `sesión ${session ? `N° ${session} ` : ''}del ${day(d.heldOn)}`;
  return `${OUTCOME_LABEL[d.outcome]} (${resolution ? `Resolución N° ${resolution}, ${where}` : where})`;
};

function situation(review: DossierReview): string {
  const { dossier, waiting } = review;
  if (waiting) return `${waitingReason(waiting)}. Está ante la comisión desde el ${instantDay(waiting.waitingSince)}.`;
  return `El expediente está «${DOSSIER_STATE_LABEL[dossier.state]}»: no espera una decisión de la comisión ahora.`;
}

function openCounts(review: DossierReview): string {
  const counts = { ...NO_LEVEL_COUNTS };
  for (const nc of review.dossier.nonConformities) {
    if (nc.correctiveActions.every((a) => a.closedAt === null) && nc.level in counts) counts[nc.level as keyof typeof counts] += 1;
  }
  return `Abiertas: ${levelCountsInWords(counts)}.`;
}

function cyclesTable(review: DossierReview): CardTable {
  return {
    caption: 'Otros ciclos de esta unidad productiva',
    columns: [
      { key: 'cycle', label: 'Ciclo' },
      { key: 'state', label: 'Estado' },
      { key: 'criteria', label: 'Criterios' },
      { key: 'decisions', label: 'Decisiones de la comisión' },
    ],
    rows: review.otherCycles.map((c) => ({
      href: commissionDossierHref(c.id),
      cells: {
        cycle: `Ciclo ${c.cycle}`,
        state: capitalize(DOSSIER_STATE_LABEL[c.state]),
        criteria: `Versión ${c.criteriaVersion}`,
        decisions: c.decisions.length > 0 ? capitalize(c.decisions.map(decisionWords).join('; ')) : 'Ninguna',
      },
    })),
  };
}

function certificatesTable(review: DossierReview): CardTable {
  return {
    caption: 'Certificados de esta unidad productiva',
    columns: [
      { key: 'code', label: 'Código' },
      { key: 'status', label: 'Estado' },
      { key: 'level', label: 'Nivel del sello' },
      { key: 'cycle', label: 'Ciclo' },
      { key: 'validity', label: 'Validez' },
      { key: 'conditions', label: 'Condiciones' },
    ],
    rows: review.certificates.map((c) => ({
      // The certificate's page: where the commission suspends, reinstates or revokes it.
      href: `/app/comision/certificados/${c.id}`,
      cells: {
        code: c.code,
        status: CERTIFICATE_STATUS_LABEL[c.status],
        level: c.sealLevel,
        cycle: c.cycle !== null ? String(c.cycle) : '',
        validity: `Del ${day(c.issuedOn)} al ${day(c.expiresOn)}`,
        conditions: c.conditions === 0 ? 'Ninguna' : String(c.conditions),
      },
    })),
  };
}

function historyTable(review: DossierReview): CardTable {
  return {
    caption: 'Historial del expediente, del más antiguo al más reciente',
    columns: [
      { key: 'when', label: 'Cuándo' },
      { key: 'who', label: 'Quién' },
      { key: 'what', label: 'Qué' },
    ],
    rows: review.history.map((entry) => ({ cells: { when: historyWhen(entry.at), who: historyWho(entry), what: historyWhat(entry) } })),
  };
}

export function renderCommissionDossierPage(review: DossierReview, person: AppPerson, today: string): string {
  const { dossier, place } = review;
  const heading = `Expediente de ${place.name}`;
  const recommendation = dossier.recommendation;
  const ready = dossier.state === 'ready_for_commission';
  return renderAppTemplate('commission-dossier', {
    ...layoutData(heading, person),
    heading,
    lead: `${place.organization} · ciclo ${dossier.cycle} · criterios ${dossier.scheme} versión ${dossier.criteriaVersion}`,
    situation: situation(review),
    facts: [
      { label: 'Unidad productiva', value: place.name },
      { label: 'Dónde está', value: `${place.community}, ${place.municipality}, ${departmentName(place.department)}` },
      {
        label: 'Organización',
        value: `${place.organization} (${place.organizationMunicipality}, ${departmentName(place.organizationDepartment)})`,
      },
      { label: 'Sectores', value: review.sectors.join(', ') },
      { label: 'Productos', value: place.products.join(', ') },
      { label: 'Carta de compromiso', value: place.pledgeSignedOn ? `Firmada el ${day(place.pledgeSignedOn)}` : 'No registrada' },
      { label: 'Ciclo', value: String(dossier.cycle) },
      {
        label: 'Versión de criterios',
        value: `${dossier.scheme} ${dossier.criteriaVersion} (${dossier.applicableCriteria.length} criterios aplicables)`,
      },
      { label: 'Estado', value: capitalize(DOSSIER_STATE_LABEL[dossier.state]) },
    ],
    recommendation: recommendation
      ? {
          outcome: RECOMMENDATION_LABEL[recommendation.outcome] ?? recommendation.outcome,
          rationale: recommendation.rationale,
          on: instantDay(recommendation.at),
          by: review.recommendedBy,
        }
      : null,
    openCounts: openCounts(review),
    nonConformities: nonConformityViews(dossier, review.personNames, today),
    comparison: comparison(dossier),
    visits: visitViews(dossier),
    planUnannounced: `/app/comision/expedientes/${dossier.id}/visita-sin-aviso`,
    ...evidenceViews(dossier),
    cycles: cyclesTable(review),
    certificates: certificatesTable(review),
    history: historyTable(review),
    decision: {
      href: ready ? decideHref(dossier.id) : null,
      earlier: review.decisions.map((d) => ({ text: capitalize(decisionWords(d)), rationale: d.rationale })),
      appeals: review.appeals.map((a) => ({
        text: `Apelación presentada el ${instantDay(a.filedAt)}: ${APPEAL_STATE_LABEL[a.status]}${a.decidedAt ? ` el ${instantDay(a.decidedAt)}` : ''}`,
        reason: a.reason,
        rationale: a.rationale,
        href: `/app/comision/apelaciones/${a.id}`,
      })),
    },
    queueHref: COMMISSION_QUEUE_HREF,
  });
}
