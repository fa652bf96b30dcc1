/** Registry API: organisations and committees, producers (with CSV import/export), persons. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { Db } from '../../db/client.js';
import { AppError, ErrorBodySchema, errorResponses } from '../../errors.js';
import { createOrganizationsService } from './organizations-service.js';
import { createPersonsService } from './persons-service.js';
import { createProducersCsvService } from './producers-csv-service.js';
import { createProducersService } from './producers-service.js';
import { requireActor } from '../../domain/access.js';
import {
  CommitteeSchema,
  IdParamsSchema,
  NewCommitteeSchema,
  NewOrganizationSchema,
  NewPersonSchema,
  NewProducerSchema,
  OrganizationPatchSchema,
  OrganizationSchema,
  PageQuerySchema,
  page,
  PersonListQuerySchema,
  PersonPatchSchema,
  PersonSchema,
  ProducerListQuerySchema,
  ProducerPatchSchema,
  ProducerSchema,
} from './registry-schemas.js';

const errors = errorResponses(400, 401, 403, 404, 409);
const CSV_LIMIT = 5 * 1024 * 1024;

/** Sectors of every scheme's current version, with their Spanish names. */
export function catalogSectorNames(catalog: CriteriaCatalog): { code: string; name: string }[] {
  const byCode = new Map<string, string>();
  for (const scheme of catalog.schemes()) {
    const version = scheme.currentVersion ?? scheme.versions.at(-1)!.version;
    for (const sector of catalog.version(scheme.scheme, version).sectors)
      if (!byCode.has(sector.code)) byCode.set(sector.code, sector.name.es);
  }
  return [...byCode].map(([code, name]) => ({ code, name }));
}

/** Sector codes of each scheme's current version: what a producer may declare. */
export const catalogSectors = (catalog: CriteriaCatalog): string[] => catalogSectorNames(catalog).map((s) => s.code);

export const registryRoutes: FastifyPluginAsyncZod<{ db: Db; now: () => Date; sectors: string[] }> = async (app, { db, now, sectors }) => {
  const organizations = createOrganizationsService(db, now);
  const producers = createProducersService(db, sectors, now);
  const persons = createPersonsService(db, now);
  const csv = createProducersCsvService(db, producers, now);

  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_LIMIT }, (_req, body, done) => done(null, body));

  // Organisations and committees
  {
    const tags = ['Organizaciones'];
    app.post(
      '/organizations',
      {
        schema: {
          tags,
          summary: 'Registra una organización',
          body: NewOrganizationSchema,
          response: { 201: OrganizationSchema, ...errors },
        },
      },
      async (request, reply) => reply.code(201).send(organizations.create(requireActor(request), request.body)),
    );
    app.get(
      '/organizations',
      {
        schema: {
          tags,
          summary: 'Organizaciones visibles para quien consulta',
          querystring: PageQuerySchema.strict(),
          response: { 200: page(OrganizationSchema), ...errors },
        },
      },
      (request) => organizations.list(requireActor(request), request.query),
    );
    app.get(
      '/organizations/:id',
      { schema: { tags, summary: 'Una organización', params: IdParamsSchema, response: { 200: OrganizationSchema, ...errors } } },
      (request) => organizations.get(requireActor(request), request.params.id),
    );
    app.patch(
      '/organizations/:id',
      {
        schema: {
          tags,
          summary: 'Modifica una organización',
          params: IdParamsSchema,
          body: OrganizationPatchSchema,
          response: { 200: OrganizationSchema, ...errors },
        },
      },
      (request) => organizations.update(requireActor(request), request.params.id, request.body),
    );
    app.get(
      '/organizations/:id/committees',
      {
        schema: {
          tags,
          summary: 'Comités locales de garantía de la organización',
          params: IdParamsSchema,
          response: { 200: z.array(CommitteeSchema), ...errors },
        },
      },
      (request) => organizations.committees(requireActor(request), request.params.id),
    );
    app.post(
      '/organizations/:id/committees',
      {
        schema: {
          tags,
          summary: 'Crea un comité local de garantía',
          params: IdParamsSchema,
          body: NewCommitteeSchema,
          response: { 201: CommitteeSchema, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(organizations.addCommittee(requireActor(request), request.params.id, request.body.name)),
    );
  }

  // Producers
  {
    const tags = ['Productores'];
    app.post(
      '/producers',
      {
        schema: { tags, summary: 'Registra una unidad productiva', body: NewProducerSchema, response: { 201: ProducerSchema, ...errors } },
      },
      async (request, reply) => reply.code(201).send(producers.create(requireActor(request), request.body)),
    );
    app.get(
      '/producers',
      {
        schema: {
          tags,
          summary: 'Busca unidades productivas (paginado, con filtros)',
          querystring: ProducerListQuerySchema,
          response: { 200: page(ProducerSchema), ...errors },
        },
      },
      (request) => producers.list(requireActor(request), request.query),
    );
    app.get(
      '/producers/:id',
      { schema: { tags, summary: 'Una unidad productiva', params: IdParamsSchema, response: { 200: ProducerSchema, ...errors } } },
      (request) => producers.get(requireActor(request), request.params.id),
    );
    app.patch(
      '/producers/:id',
      {
        schema: {
          tags,
          summary: 'Modifica una unidad productiva',
          params: IdParamsSchema,
          body: ProducerPatchSchema,
          response: { 200: ProducerSchema, ...errors },
        },
      },
      (request) => producers.update(requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/organizations/:id/producers/import',
      {
        bodyLimit: CSV_LIMIT,
        schema: {
          tags,
          summary: 'Importa productores desde CSV (UTF-8, "," o ";"): se importa todo o nada',
          description:
            'Columnas: nombre, sectores, productos, departamento, municipio, comunidad, grupo_familiar, fecha_compromiso, consentimiento_publico. Varios sectores o productos se separan con "|".',
          params: IdParamsSchema,
          uploadBody: { description: 'El archivo CSV como cuerpo', content: { 'text/csv': { schema: { type: 'string' } } } },
          response: { 201: z.object({ imported: z.int() }), ...errors, 415: ErrorBodySchema, 422: ErrorBodySchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        if (typeof request.body !== 'string')
          throw new AppError('unsupported_media', 'UNSUPPORTED_MEDIA_TYPE', 'Envíe el archivo con content-type text/csv');
        return reply.code(201).send(csv.importCsv(actor, request.params.id, request.body));
      },
    );
    app.get(
      '/organizations/:id/producers.csv',
      {
        schema: {
          tags,
          summary: 'Exporta los productores de la organización en CSV',
          params: IdParamsSchema,
          produces: ['text/csv'],
          response: { 200: z.string().describe('El CSV (UTF-8), como adjunto'), ...errors },
        },
      },
      async (request, reply) => {
        const { filename, csv: text } = csv.exportCsv(requireActor(request), request.params.id);
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(text);
      },
    );
  }

  // Persons
  {
    const tags = ['Personas'];
    app.post(
      '/persons',
      { schema: { tags, summary: 'Registra una persona', body: NewPersonSchema, response: { 201: PersonSchema, ...errors } } },
      async (request, reply) => reply.code(201).send(persons.create(requireActor(request), request.body)),
    );
    app.get(
      '/persons',
      {
        schema: {
          tags,
          summary: 'Personas (paginado)',
          querystring: PersonListQuerySchema,
          response: { 200: page(PersonSchema), ...errors },
        },
      },
      (request) => persons.list(requireActor(request), request.query),
    );
    app.get(
      '/persons/:id',
      { schema: { tags, summary: 'Una persona', params: IdParamsSchema, response: { 200: PersonSchema, ...errors } } },
      (request) => persons.get(requireActor(request), request.params.id),
    );
    app.patch(
      '/persons/:id',
      {
        schema: {
          tags,
          summary: 'Modifica una persona',
          params: IdParamsSchema,
          body: PersonPatchSchema,
          response: { 200: PersonSchema, ...errors },
        },
      },
      (request) => persons.update(requireActor(request), request.params.id, request.body),
    );
  }
};
