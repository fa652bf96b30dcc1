/** One dossier as its committee, its reviewers or its producer see it (GET /app/expedientes/:id). */
import { DOSSIER_STATE_FOR_PRODUCER, DOSSIER_STATE_LABEL } from '../../domain/dossier-state.js';
import type { Dossier } from '../../modules/dossiers/dossier-schemas.js';
import { formatDay } from '../format.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import type { CardTable } from './components.js';
import { nextStep } from './home-page.js';

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const VISIT_STATUS = { planned: 'Planificada', submitted: 'Registrada' } as const;

export function renderDossierPage(dossier: Dossier, person: AppPerson): string {
  const planned =
    dossier.visits
      .filter((v) => v.status === 'planned')
      .map((v) => v.plannedOn)
      .sort()[0] ?? null;
  const heading = `Expediente de ${dossier.producer.name}`;
  const step =
    person.role === 'producer' ? DOSSIER_STATE_FOR_PRODUCER[dossier.state] : nextStep({ state: dossier.state, plannedVisitOn: planned });
  const open = dossier.nonConformities.filter((nc) => nc.correctiveActions.every((a) => a.closedAt === null)).length;
  const visits: CardTable = {
    caption: 'Visitas de pares de este expediente',
    columns: [
      { key: 'date', label: 'Fecha' },
      { key: 'status', label: 'Estado' },
      { key: 'team', label: 'Equipo' },
    ],
    rows: dossier.visits
      .filter((v) => v.correctedByVisitId === null)
      .map((v) => ({
        cells: { date: formatDay(v.plannedOn, 'es'), status: VISIT_STATUS[v.status], team: v.team.map((m) => m.fullName).join(', ') },
      })),
  };
  return renderAppTemplate('dossier', {
    ...layoutData(heading, person),
    heading,
    lead: `Ciclo ${dossier.cycle} · criterios ${dossier.scheme} versión ${dossier.criteriaVersion}`,
    nextStep: step,
    facts: [
      { label: 'Estado', value: capitalize(DOSSIER_STATE_LABEL[dossier.state]) },
      { label: 'Criterios que se evalúan', value: String(dossier.applicableCriteria.length) },
      { label: 'No conformidades sin cerrar', value: String(open) },
    ],
    visits,
  });
}
