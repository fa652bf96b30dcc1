/**
 * The committee's registry pages under /app: producers (list, search, register, edit, CSV import)
 * and persons (list, search, register, edit). Registered inside `appPages` (pages-routes.ts), so a
 * session is required, errors are pages and forms re-render with their field errors. Every read and
 * write goes through the registry services: the same per-record access and audit as the API.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import {
  importedFlash,
  personHref,
  producerHref,
  rawForm,
  renderImportPage,
  renderPersonFormPage,
  renderPersonListPage,
  renderProducerFormPage,
  renderProducerListPage,
  type AppPerson,
} from '../../web/app/app-pages.js';
import { sendPage } from './page-replies.js';
import type { PageProblem } from './page-replies.js';
import { DoneQuerySchema, IdParamsSchema, ListQuerySchema, RawFormSchema } from './registry-forms.js';
import { createRegistryPagesService, producersCsvTemplate, type SectorName } from './registry-pages-service.js';

export type RegistryPagesOptions = {
  db: Db;
  now: () => Date;
  /** The sectors of the criteria catalogue, with their Spanish names. */
  sectors: SectorName[];
  /** The signed-in person as pages show them (pages-routes.ts). */
  personOf: (request: { actor: Actor | null }) => AppPerson | null;
};

const CSV_MAX_BYTES = 5 * 1024 * 1024;
const html = { 200: z.string() };
const hide = true;

export const registryPages: FastifyPluginAsyncZod<RegistryPagesOptions> = async (app, { db, now, sectors, personOf }) => {
  const registry = createRegistryPagesService({ db, now, sectors });
  // Only the import form is multipart; encapsulated in this plugin.
  await app.register(fastifyMultipart, { limits: { fileSize: CSV_MAX_BYTES, files: 1, fields: 2, fieldSize: 200, parts: 3 } });

  const signedIn = (request: { actor: Actor | null }): { actor: Actor; person: AppPerson } => {
    const person = personOf(request);
    if (!request.actor || !person) throw new AppError('unauthenticated', 'AUTHENTICATION_REQUIRED', 'Debe iniciar sesión');
    return { actor: request.actor, person };
  };
  const today = () => now().toISOString().slice(0, 10);
  const problemView = (request: FastifyRequest, problem: PageProblem) => ({
    values: rawForm(request.body),
    errors: problem.fields,
    flash: { kind: 'error' as const, text: problem.message ?? 'Revise los datos marcados: no se guardó nada.' },
  });
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
  // Access is checked before the form is validated, so a refused person sees the refusal, never a form.
  const mayCreate = async (request: FastifyRequest) => void registry.newForm(signedIn(request).actor);
  const mayEditProducer = async (request: FastifyRequest) => void registry.producerForEdit(signedIn(request).actor, idOf(request));
  const mayEditPerson = async (request: FastifyRequest) => void registry.personForEdit(signedIn(request).actor, idOf(request));

  // Producers

  app.get('/productores', { schema: { hide, querystring: ListQuerySchema, response: html } }, async (request, reply) => {
    const { actor, person } = signedIn(request);
    const list = registry.listProducers(actor, request.query);
    const mayCreate = registry.mayCreate(actor);
    const view = { list, q: request.query.q, sectors, mayCreate, mayImport: mayCreate };
    return sendPage(reply, 200, renderProducerListPage(view, person));
  });

  const newProducerForm = (request: FastifyRequest, problem: PageProblem) => {
    const { actor, person } = signedIn(request);
    const { organizations } = registry.newForm(actor);
    return renderProducerFormPage({ ...problemView(request, problem), sectors, organizations, today: today() }, person);
  };
  app.get('/productores/nuevo', { schema: { hide, response: html } }, async (request, reply) => {
    const { actor, person } = signedIn(request);
    const { organizations } = registry.newForm(actor);
    return sendPage(reply, 200, renderProducerFormPage({ values: {}, sectors, organizations, today: today() }, person));
  });
  app.post(
    '/productores/nuevo',
    { preValidation: mayCreate, schema: { hide, body: RawFormSchema, response: html }, config: { pageForm: newProducerForm } },
    async (request, reply) => {
      const created = registry.createProducer(signedIn(request).actor, request.body);
      return reply.redirect(`${producerHref(created.id)}?hecho=registrado`, 303);
    },
  );

  const editProducerForm = (request: FastifyRequest, problem: PageProblem) => {
    const { actor, person } = signedIn(request);
    const producer = registry.producerForEdit(actor, idOf(request));
    return renderProducerFormPage({ ...problemView(request, problem), producer, sectors, organizations: [], today: today() }, person);
  };
  app.get(
    '/productores/:id',
    { schema: { hide, params: IdParamsSchema, querystring: DoneQuerySchema, response: html } },
    async (request, reply) => {
      const { actor, person } = signedIn(request);
      const producer = registry.producerForEdit(actor, request.params.id);
      const view = { producer, values: { ...producer }, sectors, organizations: [], today: today() };
      return sendPage(reply, 200, renderProducerFormPage(view, person, request.query.hecho));
    },
  );
  app.post(
    '/productores/:id',
    {
      preValidation: mayEditProducer,
      schema: { hide, params: IdParamsSchema, body: RawFormSchema, response: html },
      config: { pageForm: editProducerForm },
    },
    async (request, reply) => {
      const updated = registry.updateProducer(signedIn(request).actor, request.params.id, request.body);
      return reply.redirect(`${producerHref(updated.id)}?hecho=guardado`, 303);
    },
  );

  // CSV import

  const template = producersCsvTemplate(sectors);
  const importView = (actor: Actor) => {
    const organizations = registry.newForm(actor).organizations;
    const own = organizations.length === 1 ? organizations[0]!.value : undefined;
    return { organizations, sectors, exportHref: registry.exportHref(actor, own), header: template.header, sample: template.sample };
  };
  app.get('/productores/plantilla.csv', { schema: { hide } }, async (_request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="planilla-productores.csv"')
      .send(template.text),
  );
  app.get(
    '/productores/importar',
    { schema: { hide, querystring: z.object({ importados: z.coerce.number().int().min(0).optional() }), response: html } },
    async (request, reply) => {
      const { actor, person } = signedIn(request);
      const { importados } = request.query;
      const flash = importados === undefined ? null : importedFlash(importados);
      return sendPage(reply, 200, renderImportPage({ ...importView(actor), flash }, person));
    },
  );
  app.post('/productores/importar', { preValidation: mayCreate, schema: { hide } }, async (request, reply) => {
    const { actor, person } = signedIn(request);
    const view = importView(actor);
    const upload = await readCsvUpload(request);
    const organizationId = registry.importTarget(actor, { organizationId: upload.organizationId });
    if (!upload.text.trim()) {
      const errors = { archivo: upload.named ? 'El archivo está vacío' : 'Elija el archivo CSV de su planilla' };
      const flash = { kind: 'error' as const, text: 'No se importó nada: falta el archivo.' };
      return sendPage(reply, 400, renderImportPage({ ...view, organizationId, errors, flash }, person));
    }
    const outcome = registry.importProducers(actor, organizationId, upload.text);
    if ('imported' in outcome) return reply.redirect(`/app/productores/importar?importados=${outcome.imported}`, 303);
    const flash = { kind: 'error' as const, text: outcome.message };
    return sendPage(reply, 422, renderImportPage({ ...view, organizationId, flash, problems: outcome.problems }, person));
  });

  // Persons

  app.get('/personas', { schema: { hide, querystring: ListQuerySchema, response: html } }, async (request, reply) => {
    const { actor, person } = signedIn(request);
    const view = {
      list: registry.listPersons(actor, request.query),
      q: request.query.q,
      producers: registry.producerChoices(actor),
      mayCreate: registry.mayCreate(actor),
    };
    return sendPage(reply, 200, renderPersonListPage(view, person));
  });

  const personChoices = (actor: Actor, organizationId?: string) => registry.producerChoices(actor, organizationId);
  const newPersonForm = (request: FastifyRequest, problem: PageProblem) => {
    const { actor, person } = signedIn(request);
    const { organizations } = registry.newForm(actor);
    return renderPersonFormPage({ ...problemView(request, problem), organizations, producers: personChoices(actor) }, person);
  };
  app.get('/personas/nueva', { schema: { hide, response: html } }, async (request, reply) => {
    const { actor, person } = signedIn(request);
    const { organizations } = registry.newForm(actor);
    return sendPage(reply, 200, renderPersonFormPage({ values: {}, organizations, producers: personChoices(actor) }, person));
  });
  app.post(
    '/personas/nueva',
    { preValidation: mayCreate, schema: { hide, body: RawFormSchema, response: html }, config: { pageForm: newPersonForm } },
    async (request, reply) => {
      const created = registry.createPerson(signedIn(request).actor, request.body);
      return reply.redirect(`${personHref(created.id)}?hecho=registrado`, 303);
    },
  );

  const editPersonForm = (request: FastifyRequest, problem: PageProblem) => {
    const { actor, person } = signedIn(request);
    const existing = registry.personForEdit(actor, idOf(request));
    const producers = personChoices(actor, existing.organizationId);
    const ties = registry.personTies(actor, existing.id);
    return renderPersonFormPage({ ...problemView(request, problem), person: existing, organizations: [], producers, ties }, person);
  };
  app.get(
    '/personas/:id',
    { schema: { hide, params: IdParamsSchema, querystring: DoneQuerySchema, response: html } },
    async (request, reply) => {
      const { actor, person } = signedIn(request);
      const existing = registry.personForEdit(actor, request.params.id);
      const view = {
        person: existing,
        values: { ...existing },
        organizations: [],
        producers: personChoices(actor, existing.organizationId),
        ties: registry.personTies(actor, existing.id),
      };
      return sendPage(reply, 200, renderPersonFormPage(view, person, request.query.hecho));
    },
  );
  app.post(
    '/personas/:id',
    {
      preValidation: mayEditPerson,
      schema: { hide, params: IdParamsSchema, body: RawFormSchema, response: html },
      config: { pageForm: editPersonForm },
    },
    async (request, reply) => {
      const updated = registry.updatePerson(signedIn(request).actor, request.params.id, request.body);
      return reply.redirect(`${personHref(updated.id)}?hecho=guardado`, 303);
    },
  );
};

/** The import form's file (as UTF-8 text) and the organisation field, read to the end of the request. */
async function readCsvUpload(request: FastifyRequest): Promise<{ text: string; named: boolean; organizationId: string }> {
  if (!request.isMultipart()) throw new AppError('unsupported_media', 'UNSUPPORTED_MEDIA_TYPE', 'Envíe el formulario con su archivo');
  let text = '';
  let named = false;
  let organizationId = '';
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (part.fieldname === 'archivo') {
          text = content.toString('utf8');
          named = part.filename !== '';
        }
      } else if (part.fieldname === 'organizationId') {
        organizationId = String(part.value);
      }
    }
  } catch (error) {
    if (typeof (error as { statusCode?: unknown }).statusCode === 'number') throw error;
    throw new AppError('invalid', 'MALFORMED_MULTIPART', 'El formulario está mal formado');
  }
  return { text, named, organizationId };
}
