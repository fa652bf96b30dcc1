/**
 * The peer visit page (GET /app/visitas/:id) and its offline shell. The page carries the visit's
 * data as a JSON block (not a script: the CSP allows none inline); templates/app/offline/visit.js
 * stores it on the phone and draws the form from it. The shell is the same page with no data and
 * no person, which the service worker serves when there is no network; the script then draws the
 * form from what the phone stored.
 */
import { CRITERION_LEVEL_PLAIN } from '../../domain/criteria-schema.js';
import type { VisitStatus } from '../../domain/visit-team.js';
import type { VisitCapture } from '../../modules/dossiers/visit-capture-service.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import { ICON_HREF, MANIFEST_HREF, SERVICE_WORKER_HREF, VISIT_SCRIPT_HREF } from './offline-assets.js';

/** dd/mm/aaaa, as Bolivians write dates. */
const day = (iso: string | null) => (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split('-').reverse().join('/') : '');

/** What the phone stores for one visit; every field is plain text for people, no ids shown. */
export type VisitPageData = {
  visitId: string;
  dossierId: string;
  userId: string;
  userName: string;
  producer: string;
  place: string;
  plannedOn: string;
  plannedOnText: string;
  team: string[];
  status: VisitStatus;
  /** Planned by the commission without notice: the visited organisation does not see it until it is recorded. */
  unannounced: boolean;
  criteria: { code: string; text: string; level: string; verification: string }[];
  previous: { visitedOnText: string; answers: { criterionCode: string; value: string; notes: string | null }[] } | null;
};

export function visitPageData(capture: VisitCapture, user: { userId: string; name: string }): VisitPageData {
  const { visit, producer } = capture;
  return {
    visitId: visit.id,
    dossierId: visit.dossierId,
    userId: user.userId,
    userName: user.name,
    producer: producer.name,
    place: `${producer.community}, ${producer.municipality}`,
    plannedOn: visit.plannedOn,
    plannedOnText: day(visit.plannedOn),
    team: visit.team.map((m) => m.fullName),
    status: visit.status,
    unannounced: visit.unannounced,
    criteria: capture.criteria.map((c) => ({
      code: c.code,
      text: c.text,
      level: CRITERION_LEVEL_PLAIN[c.level],
      verification: c.verification,
    })),
    previous: capture.previous && { visitedOnText: day(capture.previous.visitedOn), answers: capture.previous.answers },
  };
}

const offlineHead = { scriptHref: VISIT_SCRIPT_HREF, manifestHref: MANIFEST_HREF, iconHref: ICON_HREF, swHref: SERVICE_WORKER_HREF };

export function renderVisitPage(data: VisitPageData, person: AppPerson): string {
  const heading = `${data.unannounced ? 'Visita sin aviso' : 'Visita'} a ${data.producer}`;
  // "<" is escaped so that no text in the data can close the JSON block.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return renderAppTemplate('visit', { ...layoutData(heading, person), ...offlineHead, heading, json, shell: false });
}

/** The page without data or person, for the service worker's cache. */
export function renderVisitShell(): string {
  return renderAppTemplate('visit', {
    ...layoutData('Visita de pares', null),
    ...offlineHead,
    heading: 'Visita de pares',
    json: null,
    shell: true,
  });
}
