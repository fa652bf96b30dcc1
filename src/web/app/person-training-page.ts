/** A person's training page: the records in words and, for who may record them, the form to add one. */
import { dayInWords } from '../../domain/text.js';
import type { TrainingService } from '../../modules/training/training-service.js';
import type { AppPerson } from './app-layout.js';
import { layoutData } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';

type TrainingPage = ReturnType<TrainingService['page']>;

export function renderPersonTrainingPage(
  page: TrainingPage,
  signedIn: AppPerson,
  state: { values?: Record<string, unknown>; errors?: Record<string, string>; message?: string; done?: boolean } = {},
): string {
  const heading = `Capacitaciones de ${page.person.fullName}`;
  const value = (name: string) => {
    const v = state.values?.[name];
    return typeof v === 'string' ? v : undefined;
  };
  return renderAppTemplate('person-training', {
    ...layoutData(heading, signedIn),
    heading,
    lead: 'Las capacitaciones que los criterios piden a quienes integran los equipos de visita de pares.',
    flash: state.message
      ? { kind: 'error', text: state.message }
      : state.done
        ? { kind: 'success', text: 'Se registró la capacitación.' }
        : null,
    items: page.records.map(
      (r) =>
        `${r.topicName}: el ${dayInWords(r.completedOn)}, con ${r.trainer} (criterios ${r.criteriaVersion})${
          r.validUntil ? `; cuenta hasta el ${dayInWords(r.validUntil)}` : ''
        }.`,
    ),
    form:
      page.mayRecord && page.topics.length > 0
        ? {
            action: `/app/personas/${page.person.id}/capacitaciones`,
            topics: page.topics.map((t) => ({
              value: t.topic,
              label: `${t.name.es}${t.validForYears ? ` (cuenta ${t.validForYears === 1 ? '1 año' : `${t.validForYears} años`})` : ''}`,
            })),
            criteriaVersion: page.criteriaVersion,
            values: { topic: value('topic'), completedOn: value('completedOn'), trainer: value('trainer') },
            errors: state.errors ?? {},
          }
        : null,
    noTopics: page.topics.length === 0,
    personHref: `/app/personas/${page.person.id}`,
  });
}
