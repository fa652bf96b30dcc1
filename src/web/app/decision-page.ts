/**
 * One decision of the commission (GET /app/comision/decisiones/:id): «Resolución N° 12/2026», the
 * session it was taken in, the outcome and the tally, each member's vote (a vote against with its
 * reason), who stepped aside and why, the rationale, and the certificate it issued with its
 * conditions and a link to its PDF.
 */
import { CERTIFICATE_STATUS_LABEL } from '../../domain/certificate-state.js';
import { OUTCOME_LABEL } from '../../domain/commission.js';
import type { DecisionRecord } from '../../modules/commission/deciding-service.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import type { Flash } from './components.js';
import {
  capitalize,
  certificatePdfHref,
  day,
  outcomeWords,
  resolutionTitle,
  sessionHref,
  sessionTitle,
  tallyWords,
  VOTE_LABEL,
} from './commission-session-words.js';

export function renderDecisionPage(record: DecisionRecord, person: AppPerson, flash?: Flash): string {
  const { decision, session, certificate } = record;
  const heading = resolutionTitle(decision.number);
  const facts = [
    { label: 'Resultado', value: outcomeWords(decision) },
    ...(decision.proposedOutcome !== decision.outcome
      ? [{ label: 'Propuesta', value: capitalize(OUTCOME_LABEL[decision.proposedOutcome]) }]
      : []),
    ...(decision.deferredForQuorum ? [] : [{ label: 'Votación', value: capitalize(tallyWords(decision.tally)) }]),
    ...(record.sealLevel ? [{ label: 'Nivel del sello', value: record.sealLevel }] : []),
    ...(decision.sanction
      ? [{ label: 'Sanción', value: `${decision.sanction.name} (catálogo de los criterios ${decision.sanction.criteriaVersion})` }]
      : []),
  ];
  return renderAppTemplate('commission-decision', {
    ...layoutData(heading, person),
    heading,
    lead: record.subject,
    flash: flash ?? null,
    session: {
      text: `${sessionTitle(session.number)} del ${day(session.heldOn)}${session.place ? `, ${session.place}` : ''}`,
      href: sessionHref(session.id),
    },
    facts,
    rationale: decision.rationale,
    votes: decision.votes.map((v) => ({
      text: `${v.name}: ${VOTE_LABEL[v.vote].toLowerCase()}`,
      reason: v.rationale,
    })),
    recusals: decision.recusals.map((r) => `${r.reason} (${r.kind === 'automatic' ? 'se excusó por regla' : 'excusa voluntaria'})`),
    deferredForQuorum: decision.deferredForQuorum,
    certificate: certificate
      ? {
          text: `Certificado ${certificate.code}: ${CERTIFICATE_STATUS_LABEL[certificate.status]}, del ${day(certificate.issuedOn)} al ${day(certificate.expiresOn)}.`,
          conditions: certificate.conditions.map((c) => `${c.description} (plazo hasta el ${day(c.deadline)})`),
          pdfHref: certificatePdfHref(certificate.id),
          publicHref: `/c/${certificate.code}`,
        }
      : null,
  });
}
