/**
 * Appeal pages. The commission's, under /app/comision/apelaciones (gated like the other commission
 * pages): the appeals waiting and decided, one appeal with who may not vote and why, and the vote
 * in an open session. The producer's or committee's, /app/expedientes/:id/apelar: filing an appeal
 * against a decision or a suspension of their dossier (the appeal service checks `canAppeal`).
 * Registered inside `appPages` (pages-routes.ts); success answers 303 with `?hecho=`.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import {
  appealDoneFlash,
  dossierDone,
  formValues,
  readAppealVotes,
  renderAppealFormPage,
  renderCommissionAppealPage,
  renderCommissionAppealsPage,
  type AppPerson,
} from '../../web/app/app-pages.js';
import { createAppealPagesService, type AppealPagesDeps, type AppealPagesService } from './appeal-pages-service.js';
import { sendPage, type PageProblem } from './page-replies.js';
import { DoneQuerySchema, IdParamsSchema, paragraphs, RawFormSchema } from './registry-forms.js';

type RequirePerson = (request: { actor: Actor | null }) => { actor: Actor; person: AppPerson };
type Options = AppealPagesDeps & { requirePerson: RequirePerson };

const html = { 200: z.string() };
const hide = true;
const emptyAsMissing = (value: unknown) => (value === '' ? undefined : value);

const ListQuery = z.object({ pagina: z.coerce.number().int().min(1).max(10_000).default(1) });
const AppealQuery = DoneQuerySchema.extend({ sesion: z.preprocess(emptyAsMissing, z.uuid().optional()) });
const LodgingQuery = z.object({ que: z.enum(['decision', 'suspension', 'revocation']).optional() });

/** The act appealed, as the form names it: `decision:<id>`, `suspension:<event number>` or `revocation:<event number>`. */
const ActChoice = z
  .string({ error: 'Elija qué apela' })
  .regex(/^(decision:[0-9a-f-]{36}|(suspension|revocation):\d{1,12})$/i, 'Elija qué apela')
  .transform((value) => {
    const [kind, ref] = value.split(':') as [string, string];
    if (kind === 'decision') return { decisionId: ref };
    return kind === 'revocation' ? { revocationEventSeq: Number(ref) } : { suspensionEventSeq: Number(ref) };
  });
const LodgingForm = z.object({
  acto: ActChoice,
  motivo: paragraphs('Explique por qué apela (al menos 10 caracteres)', 10, 8000),
});

const invalid = (errors: Record<string, string>) =>
  new AppError(
    'invalid',
    'VALIDATION_FAILED',
    errors.sesion ?? errors.votos ?? 'Revise los datos marcados: no se guardó nada.',
    Object.entries(errors).map(([field, message]) => ({ path: `body.${field}`, message })),
  );

async function commissionAppealPages(
  app: Parameters<FastifyPluginAsyncZod<Options>>[0],
  pages: AppealPagesService,
  requirePerson: RequirePerson,
) {
  // The commission only, on every page and form here, before a form is read.
  app.addHook('onRequest', async (request) => {
    if (request.actor) pages.gate(request.actor);
  });

  app.get('/comision/apelaciones', { schema: { hide, querystring: ListQuery, response: html } }, async (request, reply) => {
    const { actor, person } = requirePerson(request);
    return sendPage(reply, 200, renderCommissionAppealsPage(pages.list(actor, request.query.pagina), person));
  });

  app.get(
    '/comision/apelaciones/:id',
    { schema: { hide, params: IdParamsSchema, querystring: AppealQuery, response: html } },
    async (request, reply) => {
      const { actor, person } = requirePerson(request);
      const page = pages.appeal(actor, request.params.id, request.query.sesion);
      return sendPage(reply, 200, renderCommissionAppealPage(page, person, { flash: appealDoneFlash(request.query.hecho) }));
    },
  );

  const voteForm = (request: FastifyRequest, problem: PageProblem) => {
    const { actor, person } = requirePerson(request);
    const values = formValues(request.body);
    const sessionId = z.uuid().safeParse(values.sesion).data;
    const page = pages.appeal(actor, (request.params as { id: string }).id, sessionId);
    return renderCommissionAppealPage(page, person, { form: { values, errors: problem.fields, message: problem.message } });
  };

  app.post(
    '/comision/apelaciones/:id',
    { schema: { hide, params: IdParamsSchema, body: RawFormSchema, response: html }, config: { pageForm: voteForm } },
    async (request, reply) => {
      const { actor } = requirePerson(request);
      const { id } = request.params;
      const values = formValues(request.body);
      const sessionId = z.uuid().safeParse(values.sesion).data;
      if (!sessionId) throw invalid({ sesion: 'Elija la sesión en que se vota' });
      const { chosen, issued } = pages.appeal(actor, id, sessionId);
      if (!chosen) throw invalid({ sesion: 'La sesión elegida ya no está abierta: elija una sesión abierta' });
      const { input, errors } = readAppealVotes(values, chosen.ballot, issued?.code ?? null);
      if (Object.keys(errors).length > 0) throw invalid(errors);
      pages.decide(actor, id, sessionId, input);
      return reply.redirect(`/app/comision/apelaciones/${id}?hecho=resuelta`, 303);
    },
  );
}

export const appealPages: FastifyPluginAsyncZod<Options> = async (app, { requirePerson, ...deps }) => {
  const pages = createAppealPagesService(deps);
  await app.register(async (scope) => commissionAppealPages(scope, pages, requirePerson));

  // --- Filing an appeal on one's own dossier ---
  const lodgingForm = (request: FastifyRequest, problem: PageProblem) => {
    const { actor, person } = requirePerson(request);
    const lodging = pages.lodging(actor, (request.params as { id: string }).id);
    return renderAppealFormPage(lodging, person, { values: formValues(request.body), errors: problem.fields, message: problem.message });
  };

  app.get(
    '/expedientes/:id/apelar',
    { schema: { hide, params: IdParamsSchema, querystring: LodgingQuery, response: html } },
    async (request, reply) => {
      const { actor, person } = requirePerson(request);
      const lodging = pages.lodging(actor, request.params.id);
      return sendPage(
        reply,
        200,
        renderAppealFormPage(
          lodging,
          person,
          request.query.que && request.query.que !== 'decision' ? { preselect: request.query.que } : {},
        ),
      );
    },
  );

  app.post(
    '/expedientes/:id/apelar',
    {
      schema: { hide, params: IdParamsSchema, body: LodgingForm, response: html },
      config: { pageForm: lodgingForm },
      // Refuse whoever may not appeal this dossier before the form is read, so they never see it re-rendered.
      preValidation: async (request) => {
        pages.lodging(requirePerson(request).actor, request.params.id);
      },
    },
    async (request, reply) => {
      const { actor } = requirePerson(request);
      pages.file(actor, request.params.id, request.body.acto, request.body.motivo);
      return reply.redirect(dossierDone(request.params.id, 'apelacion'), 303);
    },
  );
};
