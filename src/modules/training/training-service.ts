/**
 * Persons' training records (PGS-India's training registers): recorded by whoever may modify the person
 * (the organisation's committee, the administration), read by whoever may read it (the commission too).
 * A record is never edited or removed: a mistake is corrected by recording the right one.
 */
import { randomUUID } from 'node:crypto';
import { immediate, type Db } from '../../db/client.js';
import { type Actor, authorize, canAccessRegistry } from '../../domain/access.js';
import { laPazDate } from '../../domain/certificate-state.js';
import type { TrainingTopic } from '../../domain/criteria-schema.js';
import { listInWords } from '../../domain/text.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { createRegistryRepository } from '../registry/registry-repository.js';
import { createTrainingRepository, type TrainingRow } from './training-repository.js';
import type { NewTraining, TrainingView } from './training-schemas.js';

/** The last day a training counts: the day before its anniversary `years` on (training.ts counts it so). */
function lastDay(completedOn: string, years: number): string {
  const d = new Date(`${String(Number(completedOn.slice(0, 4)) + years).padStart(4, '0')}${completedOn.slice(4)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The topics a scheme's training rules name, the current published version's and `version`'s. */
export function trainingTopics(catalog: CriteriaCatalog, scheme: string, version?: string): TrainingTopic[] {
  const current = catalog.scheme(scheme).currentVersion;
  const files = [version, current].flatMap((v) => (v ? [catalog.find(scheme, v)] : [])).filter((f) => f !== undefined);
  const topics = new Map<string, TrainingTopic>();
  for (const f of files) for (const t of f.training?.reviewer ?? []) if (!topics.has(t.topic)) topics.set(t.topic, t);
  return [...topics.values()];
}

export function createTrainingService({ db, catalog, now }: { db: Db; catalog: CriteriaCatalog; now: () => Date }) {
  const registry = createRegistryRepository(db);
  const repo = createTrainingRepository(db);

  const personFor = (actor: Actor, personId: string, action: 'read' | 'write') => {
    const person = registry.person(personId);
    if (!person) throw new AppError('not_found', 'PERSON_NOT_FOUND', 'No existe esa persona');
    authorize(
      canAccessRegistry(actor, action, { organizationId: person.organizationId, producerId: person.producerId }),
      action === 'read'
        ? 'No tiene acceso a esta persona'
        : 'Solo el comité de la organización o la administración registran sus capacitaciones',
    );
    return person;
  };

  const view = (row: TrainingRow): TrainingView => {
    const topic = trainingTopics(catalog, row.scheme, row.criteriaVersion).find((t) => t.topic === row.topic);
    return {
      id: row.id,
      personId: row.personId,
      scheme: row.scheme,
      topic: row.topic,
      topicName: topic?.name.es ?? row.topic,
      criteriaVersion: row.criteriaVersion,
      completedOn: row.completedOn,
      validUntil: topic?.validForYears === undefined ? null : lastDay(row.completedOn, topic.validForYears),
      trainer: row.trainer,
      recordedAt: row.createdAt,
    };
  };

  /** The scheme a record is for: the one named, or the installation's only scheme. */
  const schemeOf = (named: string | undefined): string => {
    const schemes = catalog.schemes().map((s) => s.scheme);
    if (named && schemes.includes(named)) return named;
    if (!named && schemes.length === 1) return schemes[0]!;
    throw new AppError('invalid', 'UNKNOWN_SCHEME', 'Indique el esquema de la capacitación', [
      { path: 'body.scheme', message: `Esquemas: ${schemes.join(', ')}` },
    ]);
  };

  const invalid = (path: string, code: string, message: string) => new AppError('invalid', code, message, [{ path, message, code }]);

  return {
    /** What the person's training page shows: the records, the topics in force and whether the actor may record. */
    page(actor: Actor, personId: string) {
      const person = personFor(actor, personId, 'read');
      const schemes = catalog.schemes().filter((s) => s.currentVersion !== null);
      const scheme = schemes.length === 1 ? schemes[0]! : null;
      return {
        person: { id: person.id, fullName: person.fullName },
        records: repo.of(personId).map(view),
        mayRecord: canAccessRegistry(actor, 'write', { organizationId: person.organizationId, producerId: person.producerId }),
        criteriaVersion: scheme?.currentVersion ?? null,
        topics: scheme ? trainingTopics(catalog, scheme.scheme) : [],
      };
    },

    list(actor: Actor, personId: string): TrainingView[] {
      personFor(actor, personId, 'read');
      return repo.of(personId).map(view);
    },

    record(actor: Actor, personId: string, input: NewTraining): TrainingView {
      const at = now();
      const id = randomUUID();
      immediate(db, () => {
        personFor(actor, personId, 'write');
        const scheme = schemeOf(input.scheme);
        if (!catalog.find(scheme, input.criteriaVersion)) {
          throw invalid('body.criteriaVersion', 'CRITERIA_VERSION_NOT_FOUND', `El esquema no tiene la versión ${input.criteriaVersion}`);
        }
        const topics = trainingTopics(catalog, scheme, input.criteriaVersion);
        if (!topics.some((t) => t.topic === input.topic)) {
          const known = topics.map((t) => `«${t.name.es}» (${t.topic})`);
          throw invalid(
            'body.topic',
            'UNKNOWN_TRAINING_TOPIC',
            known.length === 0
              ? `Los criterios ${input.criteriaVersion} no piden capacitaciones`
              : `Ese tema no está entre las capacitaciones de los criterios: ${listInWords(known, 'o')}`,
          );
        }
        if (input.completedOn > laPazDate(at)) {
          throw invalid('body.completedOn', 'COMPLETED_IN_FUTURE', 'La fecha de la capacitación no puede ser futura');
        }
        const row = { id, personId, scheme, ...input, recordedBy: actor.userId, createdAt: at.toISOString() };
        repo.insert(row);
        appendAudit(db, actor, { entity: 'training_record', entityId: id, action: 'create', change: row }, at);
      });
      return view(repo.of(personId).find((r) => r.id === id)!);
    },
  };
}
export type TrainingService = ReturnType<typeof createTrainingService>;
